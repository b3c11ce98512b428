// The ranking of a lookup (ReferenceStore.rank): references by how many of the
// page's rare fingerprints they hold, at least MIN_SHARED (2), ties by ref_id
// as a signed number, whichever part of the page's fingerprints a hit came
// from (they are read in LOOKUP_PARTS parts at once and counted by the service).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type pg from 'pg';
import { startCluster, type Cluster } from '../../lib/server/cluster';
import { createPool, migrate } from '../../lib/server/db';
import { LOOKUP_PARTS, ReferenceStore } from '../../lib/server/store';

let cluster: Cluster;
let pool: pg.Pool;

// ref_ids chosen to test the tie order: negative below positive, as numbers, not as text ('-9' < '-10' as text).
const ids = { A: 5n, B: -10n, C: -9n, D: 12n, E: 100n, F: 7n };
// Fingerprint -> its holders. The page holds 1..9; 50 is held by everyone but the page does not hold it.
const lists: Record<number, Array<keyof typeof ids>> = {
  1: ['A', 'B', 'C', 'D'],
  2: ['A', 'B', 'C', 'D'],
  3: ['A', 'B', 'C'],
  4: ['A', 'E'],
  5: ['A'],
  6: ['E'],
  7: ['F'],
  50: ['A', 'B', 'C', 'D', 'E', 'F'],
};

beforeAll(async () => {
  cluster = await startCluster();
  pool = createPool(cluster.url);
  await migrate(pool);
  for (const [name, id] of Object.entries(ids)) {
    await pool.query(`insert into reference (ref_id, sha256, headline, publisher, date, body, hashes) values ($1, $2, $3, '测试', '2021-01-01', $3, '{}')`, [
      id.toString(),
      Buffer.alloc(32, Number(BigInt.asUintN(8, id))),
      name,
    ]);
  }
  await pool.query('insert into corpus_tally (added) values ($1)', [Object.keys(ids).length]);
  for (const [hash, holders] of Object.entries(lists)) {
    await pool.query('insert into fingerprint (hash, df, refs) values ($1, $2, $3)', [Number(hash), holders.length, holders.map((h) => ids[h].toString())]);
  }
}, 60_000);
afterAll(async () => {
  await pool?.end();
  await cluster?.destroy();
});

describe('ranking', () => {
  it('counts each reference over every part, keeps those with two or more, ties by ref_id as a number', async () => {
    expect(LOOKUP_PARTS).toBeGreaterThan(1);
    const store = new ReferenceStore(pool);
    // Six references, so maxDf is 3 (half the corpus): fingerprints 1 and 2 (held by four) do not count.
    const answer = await store.candidates([1, 2, 3, 4, 5, 6, 7, 8, 9], 10);
    // A: 3, 4, 5 -> 3. E: 4, 6 -> 2. B and C: 3 only -> 1, below MIN_SHARED. D: none rare. F: 7 alone.
    expect(answer.references.map((r) => [r.headline, r.shared])).toEqual([['A', 3], ['E', 2]]);
    expect(answer.corpus.references).toBe(6);
  });

  it('a limit cuts inside a tie in ref_id order', async () => {
    // Fingerprint 3 counts for A, B, C; fingerprint 9 is added for B, C and F so that B, C, A and F tie at 2.
    await pool.query(`insert into fingerprint (hash, df, refs) values (9, 3, $1)`, [[ids.B, ids.C, ids.F].map(String)]);
    await pool.query(`update fingerprint set df = 2, refs = $1 where hash = 7`, [[ids.F, ids.A].map(String)]);
    const store = new ReferenceStore(pool);
    // A: 3, 4, 5, 7 -> 4. B: 3, 9 -> 2. C: 3, 9 -> 2. E: 4, 6 -> 2. F: 7, 9 -> 2.
    const all = await store.candidates([3, 4, 5, 6, 7, 9], 10);
    expect(all.references.map((r) => r.headline)).toEqual(['A', 'B', 'C', 'F', 'E']);
    const three = await store.candidates([3, 4, 5, 6, 7, 9], 3);
    expect(three.references.map((r) => r.headline)).toEqual(['A', 'B', 'C']);
    // A page of one fingerprint is one part: nothing reaches two.
    expect((await store.candidates([9], 10)).references).toEqual([]);
  });
});
