// The corpus size as a tally (migration 007): each ingest that adds
// references inserts how many, in the same transaction, and the service
// folds the rows into one past TALLY_COMPACT_AT. The sum must equal the
// references stored, whatever runs at the same time.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningService } from '../../lib/server/service';
import { ReferenceStore, TALLY_COMPACT_AT, type ReferenceInput } from '../../lib/server/store';
import { startTestService, testCorpus } from './fixture';

const inputs: ReferenceInput[] = testCorpus(60, 37).references.map((r) => ({ headline: r.headline, publisher: r.publisher, date: r.date, text: r.text }));

let service: RunningService;
beforeAll(async () => {
  service = await startTestService({ seed: false });
}, 60_000);
afterAll(async () => service?.close());

const stored = async () => (await service.pool.query<{ n: number }>('select count(*)::integer as n from reference')).rows[0]!.n;
const tally = async () => (await service.pool.query<{ n: number; rows: number }>('select coalesce(sum(added), 0)::integer as n, count(*)::integer as rows from corpus_tally')).rows[0]!;
/** A store that has read nothing yet, as another service instance would be. */
const fresh = () => new ReferenceStore(service.pool);

describe('corpus tally', () => {
  it('four senders at once, two of them sending the same references, while the tally is folded twice at once: the size is exact', async () => {
    const a = inputs.slice(0, 30);
    const b = inputs.slice(30);
    const send = async (refs: ReferenceInput[]) => {
      for (let i = 0; i < refs.length; i += 5) await service.store.ingest(refs.slice(i, i + 5));
    };
    const fold = async () => {
      for (let i = 0; i < 6; i++) await Promise.all([fresh().compactTally(), fresh().compactTally()]);
    };
    await Promise.all([send(a), send(a), send(b), send([...b].reverse()), fold()]);
    expect(await stored()).toBe(inputs.length);
    expect((await tally()).n).toBe(inputs.length);
    expect(await fresh().count()).toBe(inputs.length);
    // Sending them all again adds nothing and counts nothing.
    await send(inputs);
    expect(await fresh().count()).toBe(inputs.length);
    await fresh().compactTally();
    expect(await tally()).toEqual({ n: inputs.length, rows: 1 });
  }, 120_000);

  it(`is folded by a lookup's figures once it has more than ${TALLY_COMPACT_AT} rows, and not before`, async () => {
    const base = (await tally()).n;
    await service.pool.query('delete from corpus_tally');
    // TALLY_COMPACT_AT rows in all: just inside the threshold.
    await service.pool.query('insert into corpus_tally (added) select case when i = 1 then $1::integer else 1 end from generate_series(1, $2::integer) as i', [base, TALLY_COMPACT_AT]);
    expect(await fresh().count()).toBe(base + TALLY_COMPACT_AT - 1);
    await new Promise((r) => setTimeout(r, 500));
    expect((await tally()).rows).toBe(TALLY_COMPACT_AT);
    // One more: just outside.
    await service.pool.query('insert into corpus_tally (added) values (1)');
    expect(await fresh().count()).toBe(base + TALLY_COMPACT_AT);
    const until = Date.now() + 10_000;
    while ((await tally()).rows > 1 && Date.now() < until) await new Promise((r) => setTimeout(r, 50));
    expect(await tally()).toEqual({ n: base + TALLY_COMPACT_AT, rows: 1 });
  }, 60_000);
});
