// Migration 006 on a database filled before it: every reference's `earlier`
// (its shared fingerprints whose first listed holder is another reference, or
// whose list was emptied as frequent before 006) is filled in, so a lookup
// finds the same frequencies as it would have by probing every fingerprint.
import { copyFileSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCluster, type Cluster } from '../../lib/server/cluster';
import { createPool, migrate, migrationsDir } from '../../lib/server/db';
import { LISTED_UP_TO, ReferenceStore } from '../../lib/server/store';
import type pg from 'pg';

let cluster: Cluster;
let pool: pg.Pool;
const before = mkdtempSync(join(tmpdir(), 'yuanwen-migrations-'));

beforeAll(async () => {
  for (const f of readdirSync(migrationsDir).filter((f) => f.endsWith('.sql') && f < '006')) copyFileSync(join(migrationsDir, f), join(before, f));
  cluster = await startCluster();
  pool = createPool(cluster.url);
  await migrate(pool, before);
}, 60_000);
afterAll(async () => {
  await pool?.end();
  await cluster?.destroy();
  rmSync(before, { recursive: true, force: true });
});

describe('migration 006 on references stored before it', () => {
  it('fills `earlier`, and a lookup then gives every shared frequency', async () => {
    // Three references as stop 16's ingest left them. Fingerprint 10 is A's alone; 20 is A's then B's; 30 is
    // B's, then A's and C's (lists were in arrival order); 40 was frequent, its list emptied (migration 005).
    const refs = { A: 1n, B: 2n, C: 3n };
    const held: Record<keyof typeof refs, number[]> = { A: [10, 20, 30, 40], B: [20, 30, 40], C: [30, 40] };
    for (const [name, id] of Object.entries(refs)) {
      await pool.query(
        `insert into reference (ref_id, sha256, headline, publisher, date, body, hashes) values ($1, $2, $3, '测试', '2021-01-01', $3, $4)`,
        [id.toString(), Buffer.alloc(32, Number(id)), `参考${name}`, held[name as keyof typeof refs]],
      );
    }
    await pool.query(`insert into fingerprint (hash, df, refs) values (10, 1, '{1}'), (20, 2, '{1,2}'), (30, 3, '{2,1,3}'), (40, $1, '{}')`, [LISTED_UP_TO + 44]);
    expect(await migrate(pool)).toEqual(['006_first_holders.sql', '007_corpus_tally.sql']);
    // Migration 007 counted the references stored before it.
    expect(await new ReferenceStore(pool).count()).toBe(3);

    const earlier = await pool.query<{ ref_id: string; earlier: number[] }>('select ref_id, earlier from reference order by ref_id');
    expect(earlier.rows.map((r) => r.earlier)).toEqual([[30, 40], [20, 40], [30, 40]]);
    const firstHeld = await pool.query<{ hash: number }>('select hash from fingerprint where refs[1] = any($1::bigint[]) and df > 1 order by hash', [['1', '2', '3']]);
    expect(firstHeld.rows.map((r) => r.hash)).toEqual([20, 30]);

    // A page holding 10, 20 and 30 ranks A (3 shared) and B (2); C shares one only and is not served.
    const answer = await new ReferenceStore(pool).candidates([10, 20, 30], 5);
    expect(answer.references.map((r) => r.headline)).toEqual(['参考A', '参考B']);
    const df = Object.fromEntries(answer.corpus.df.hashes.map((h, i) => [h, answer.corpus.df.counts[i]]));
    expect(df).toEqual({ 20: 2, 30: 3, 40: LISTED_UP_TO + 1 });
  }, 60_000);
});
