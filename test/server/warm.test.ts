// ReferenceStore.warm: every connection of the pool opened at start with each
// lookup statement run once, and in the two-node layout each one's
// postgres_fdw connection to the worker opened too, so no request is the
// first on a connection (a lookup that met a new backend took 70-170 ms).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import type { RunningService } from '../../lib/server/service';
import { startTestService } from './fixture';

let service: RunningService;
beforeAll(async () => {
  service = await startTestService({ nodes: 2 });
}, 90_000);
afterAll(async () => service?.close());

describe('warm pool', () => {
  it('opens every connection, each with its statements prepared and its connection to the worker', async () => {
    const max = service.pool.options.max;
    expect(service.pool.totalCount).toBe(max);
    // Every coordinator connection prepared the lookup's statements (pg_prepared_statements is per backend:
    // ask on each idle connection in turn by taking them all).
    const clients = await Promise.all(Array.from({ length: max }, () => service.pool.connect()));
    try {
      for (const c of clients) {
        const names = (await c.query<{ name: string }>("select name from pg_prepared_statements where name like 'yw_%' order by name")).rows.map((r) => r.name);
        expect(names).toEqual(['yw_first_held', 'yw_frequent', 'yw_rank_lists', 'yw_served', 'yw_shared_df', 'yw_spun_forms', 'yw_tally']);
      }
    } finally {
      for (const c of clients) c.release();
    }
    // Each of them reached the worker through postgres_fdw while warming.
    const worker = new pg.Client(service.worker!.url);
    await worker.connect();
    try {
      const fdw = await worker.query<{ n: number }>("select count(*)::integer as n from pg_stat_activity where application_name = 'postgres_fdw'");
      expect(fdw.rows[0]!.n).toBeGreaterThanOrEqual(max);
    } finally {
      await worker.end();
    }
  }, 60_000);
});
