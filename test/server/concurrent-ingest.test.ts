// Concurrent ingests count every fingerprint exactly once per reference.
// Ingest upserts a batch's fingerprints in one statement (lib/server/store.ts),
// inserting new rows and updating those already there. Several batches at
// once, sharing new and old fingerprints alike, must leave the table just as
// the references say: df = how many references hold the fingerprint, and its
// list = those references. The references overlap heavily (synthetic
// bulletins of a few genres, test/bench/synth.ts), so batches sent at once
// insert and update the same rows.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundledLexicon, defaultOptions, fingerprintArticle, pageFingerprints, stockPhraseKeys } from '../../lib/engine';
import type { RunningService } from '../../lib/server/service';
import { fromSql, refIdOf, sha256Hex, toSql, UPDATE_EARLIER, type ReferenceInput } from '../../lib/server/store';
import { startTestService, testCorpus } from './fixture';

const { references } = testCorpus(240, 29);
const inputs: ReferenceInput[] = references.map((r) => ({ headline: r.headline, publisher: r.publisher, date: r.date, text: r.text }));
const lexicon = bundledLexicon();
const stock = stockPhraseKeys(lexicon);

/** hash -> ids of the references holding it, from the engine alone. */
function expectedHolders(refs: readonly ReferenceInput[]): Map<number, Set<string>> {
  const holders = new Map<number, Set<string>>();
  for (const r of refs) {
    const id = refIdOf(sha256Hex(r.text)).toString();
    for (const h of new Set(Array.from(fingerprintArticle(r.text, lexicon, stock, defaultOptions).hashes, toSql))) {
      let set = holders.get(h);
      if (!set) holders.set(h, (set = new Set()));
      set.add(id);
    }
  }
  return holders;
}

const printsOf = (text: string) => new Set(Array.from(fingerprintArticle(text, lexicon, stock, defaultOptions).hashes, toSql));
const stored: ReferenceInput[] = [];

let service: RunningService;
beforeAll(async () => {
  service = await startTestService({ seed: false });
}, 60_000);
afterAll(async () => service?.close());

describe('concurrent ingest', () => {
  it('six senders at once, sharing fingerprints: every df and every list as the references say', async () => {
    // Sender s sends references s, s + 6, s + 12, ... in batches of 8: each batch shares fingerprints with the
    // batches the other senders send at the same moment.
    const senders = Array.from({ length: 6 }, (_, s) => inputs.filter((_, i) => i % 6 === s));
    await Promise.all(
      senders.map(async (mine) => {
        for (let i = 0; i < mine.length; i += 8) await service.store.ingest(mine.slice(i, i + 8));
      }),
    );
    stored.push(...inputs);
    const expected = expectedHolders(inputs);
    // Some fingerprints are held by many references, so concurrent batches really did meet on shared rows.
    expect([...expected.values()].reduce((m, s) => Math.max(m, s.size), 0)).toBeGreaterThan(12);
    const rows = (await service.pool.query<{ hash: number; df: number; refs: string[] }>('select hash, df, refs from fingerprint')).rows;
    expect(rows.length).toBe(expected.size);
    let shared = 0;
    for (const row of rows) {
      const holders = expected.get(row.hash);
      expect(holders, `fingerprint ${row.hash} is held by no reference`).toBeDefined();
      expect(row.df).toBe(holders!.size);
      expect([...row.refs].sort()).toEqual([...holders!].sort());
      if (row.df > 1) shared++;
    }
    expect(shared).toBeGreaterThan(100);
  }, 120_000);

  it('the same references sent by two senders at once are stored and counted once', async () => {
    const texts = new Set(inputs.map((r) => r.text));
    const extra = testCorpus(12, 31)
      .references.filter((r) => !texts.has(r.text))
      .map((r) => ({ headline: r.headline, publisher: r.publisher, date: r.date, text: r.text }));
    expect(extra.length).toBe(12);
    const before = (await service.pool.query<{ n: number }>('select count(*)::integer as n from reference')).rows[0]!.n;
    const [a, b] = await Promise.all([service.store.ingest(extra), service.store.ingest(extra)]);
    expect(a.added.length + b.added.length).toBe(new Set(extra.map((r) => r.text)).size);
    expect((await service.pool.query<{ n: number }>('select count(*)::integer as n from reference')).rows[0]!.n).toBe(before + a.added.length + b.added.length);
    stored.push(...extra);
    const expected = expectedHolders(stored);
    const rows = (await service.pool.query<{ hash: number; df: number }>('select hash, df from fingerprint')).rows;
    expect(rows.length).toBe(expected.size);
    for (const row of rows) expect(row.df).toBe(expected.get(row.hash)!.size);
  }, 120_000);

  // A lookup finds the served references' shared fingerprints through their first holders and their
  // `earlier` lists (migration 006) instead of probing every fingerprint: the answer must be the same.
  it('a lookup gives the df of every shared fingerprint of the references it serves, and of no other', async () => {
    const expected = expectedHolders(stored);
    for (const page of [stored[5]!.text, `${stored[40]!.text.slice(0, 600)}\n${stored[41]!.text.slice(200)}`]) {
      const answer = await service.store.candidates(Array.from(pageFingerprints(page, lexicon)), 20);
      expect(answer.references.length).toBeGreaterThan(3);
      const want = new Map<number, number>();
      for (const r of answer.references) {
        for (const h of printsOf(r.text)) {
          const n = expected.get(h)!.size;
          if (n > 1) want.set(fromSql(h), n);
        }
      }
      const got = new Map(answer.corpus.df.hashes.map((h, i) => [h, answer.corpus.df.counts[i]!]));
      expect(got.size).toBe(want.size);
      expect(got).toEqual(want);
    }
  }, 60_000);

  // The `earlier` update once joined the batch's rows with the whole table (UPDATE ... FROM unnest): a scan of
  // every partition on every batch, the foreign ones whole in the two-node layout.
  it("the `earlier` update reads only the partitions of the batch's references, by their key", async () => {
    const ids = stored.slice(0, 2).map((r) => refIdOf(sha256Hex(r.text)).toString());
    const plan = (await service.pool.query<{ 'QUERY PLAN': string }>(`explain ${UPDATE_EARLIER}`, [ids, '{}'])).rows.map((r) => r['QUERY PLAN']).join('\n');
    expect(plan.match(/Update on reference_p\d/g)!.length).toBeLessThanOrEqual(2);
  });
});
