// The df cap of the fingerprint table (LISTED_UP_TO, migrations 004 and 005):
// a fingerprint held by 256 references keeps its list and an exact df; held
// by 257 it is frequent, and from then on ingest leaves it alone and lookups
// report it as "more than 256" (257), which the engine ignores as it ignores
// any fingerprint held by more than min(256, corpus / 2).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCorpus } from '../../lib/corpus/node';
import { bundledLexicon, defaultOptions, fingerprintArticle, pageFingerprints, stockPhraseKeys } from '../../lib/engine';
import type { RunningService } from '../../lib/server/service';
import { LISTED_UP_TO, ReferenceStore, toSql, type ReferenceInput } from '../../lib/server/store';
import { unrelatedText } from '../bench/synth';
import { startTestService } from './fixture';

const COMMON = '今年春季全省农田水利建设完成投资八十七亿元，新增有效灌溉面积一百二十万亩，改善灌溉面积三百四十万亩。';
const seeds = loadCorpus();
/** Reference i: the common sentence, then text of its own (a different cipher of the seeds' sentences). */
const ref = (i: number): ReferenceInput => ({ headline: `第${i}号`, publisher: '测试', date: '2021-01-01', text: `${COMMON}\n${unrelatedText(seeds, 400, 1000 + i)}` });

const lexicon = bundledLexicon();
const stock = stockPhraseKeys(lexicon);
const printsOf = (r: ReferenceInput) => new Set(Array.from(fingerprintArticle(r.text, lexicon, stock, defaultOptions).hashes, toSql));
/** The fingerprints every reference holds: those of the common sentence. */
const common = (() => {
  const sets = [0, 1, 2, 3].map((i) => printsOf(ref(i)));
  return [...sets[0]!].filter((h) => sets.every((s) => s.has(h)));
})();

let service: RunningService;
const rows = async () =>
  (await service.pool.query<{ hash: number; df: number; listed: number }>('select hash, df, cardinality(refs) as listed from fingerprint where hash = any($1::integer[]) order by hash', [common])).rows;

beforeAll(async () => {
  service = await startTestService({ seed: false });
}, 60_000);
afterAll(async () => service?.close());

describe('the df cap: 256 references listed, 257 frequent', () => {
  it('the common sentence gives fingerprints every reference holds', () => {
    expect(LISTED_UP_TO).toBe(256);
    expect(common.length).toBeGreaterThanOrEqual(5);
  });

  it('held by 256: exact df, every reference listed', async () => {
    for (let i = 0; i < LISTED_UP_TO; i += 64) await service.store.ingest(Array.from({ length: 64 }, (_, j) => ref(i + j)));
    const at256 = await rows();
    expect(at256.length).toBe(common.length);
    for (const r of at256) expect(r).toMatchObject({ df: 256, listed: 256 });
  }, 60_000);

  it('held by 257: frequent, its list emptied; later references leave it alone; lookups say 257', async () => {
    await service.store.ingest([ref(LISTED_UP_TO)]);
    for (const r of await rows()) expect(r).toMatchObject({ df: 257, listed: 1 });
    // A store that reads the frequent fingerprints afresh (as any service does within FREQUENT_TTL).
    const store = new ReferenceStore(service.pool);
    await store.ingest([ref(LISTED_UP_TO + 1), ref(LISTED_UP_TO + 2)]);
    for (const r of await rows()) expect(r).toMatchObject({ df: 257, listed: 1 });
    // Their own fingerprints were counted as usual.
    const own = [...printsOf(ref(LISTED_UP_TO + 1))].filter((h) => !common.includes(h));
    const counted = await service.pool.query<{ n: number }>('select count(*)::integer as n from fingerprint where hash = any($1::integer[]) and df >= 1', [own]);
    expect(counted.rows[0]!.n).toBe(own.length);

    const page = ref(LISTED_UP_TO + 1).text;
    const answer = await store.candidates(Array.from(pageFingerprints(page, lexicon)), 5);
    expect(answer.references[0]!.text).toBe(page);
    const df = new Map(answer.corpus.df.hashes.map((h, i) => [toSql(h), answer.corpus.df.counts[i]!]));
    for (const h of common) expect(df.get(h)).toBe(LISTED_UP_TO + 1);
    expect(Math.max(...answer.corpus.df.counts)).toBe(LISTED_UP_TO + 1);
  }, 60_000);
});
