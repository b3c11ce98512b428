// Server-backed reports equal the local engine's on the same corpus, and the
// service gives the same answers on one node and on two (half of the
// partitions on a second PostgreSQL through postgres_fdw).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingestReferences } from '../../lib/cli/ingest';
import { buildIndex, verify, type CorpusIndex } from '../../lib/engine';
import type { CorpusSource, Report } from '../../lib/engine/types';
import { fetchCandidates, lookupHashes, verifyOnline } from '../../lib/online/client';
import type { RunningService } from '../../lib/server/service';
import { sha256Hex } from '../../lib/server/store';
import { prng, unrelatedText } from '../bench/synth';
import { INGEST_KEY, startTestService, testCorpus } from './fixture';

const { corpus, references } = testCorpus(150, 23);
let local: CorpusIndex;
let one: RunningService;
let two: RunningService;

beforeAll(async () => {
  local = buildIndex(corpus);
  [one, two] = await Promise.all([startTestService(), startTestService({ nodes: 2 })]);
  const quiet = { stderr: { write: () => true } };
  // Seeds are loaded at start; the synthetic references go in over HTTP like any ingest.
  await Promise.all([one, two].map((s) => ingestReferences(references, { url: s.url, key: INGEST_KEY }, quiet, { batchSize: 40 })));
}, 120_000);
afterAll(async () => Promise.all([one?.close(), two?.close()]));

/** The local report with reference ids and offsets as the service serves them (offsets into the reference text). */
function asServed(report: Report, source: CorpusSource): Report {
  const byId = new Map(source.entries.map((e) => [e.id, e]));
  const copy = structuredClone(report);
  for (const m of copy.matches) {
    const entry = byId.get(m.ref.id)!;
    const id = sha256Hex(source.files[entry.file]!.slice(entry.start, entry.end)).slice(0, 16);
    Object.assign(m.ref, { id, file: id, start: m.ref.start - entry.start, end: m.ref.end - entry.start });
    for (const d of m.differences) d.ref = { start: d.ref.start - entry.start, end: d.ref.end - entry.start };
  }
  return copy;
}

/** Pages: every seed file, synthetic references edited by hand and by character swaps, unrelated text, and two bulletins on one page. */
function pages(): Array<[string, string]> {
  const out: Array<[string, string]> = Object.keys(corpus.files)
    .filter((f) => !f.startsWith('synthetic'))
    .map((f) => [f, corpus.files[f]!]);
  const rnd = prng(5);
  for (const i of [3, 40, 77, 120]) {
    const text = corpus.files[`synthetic_${String(i).padStart(5, '0')}.txt`]!;
    const chars = [...text];
    for (let j = 0; j < 6; j++) chars[Math.floor(rnd() * chars.length)] = '不';
    out.push([`synthetic ${i} edited`, `网站首页 > 要闻\n${chars.join('')}\n责任编辑：某某`]);
  }
  out.push(['unrelated', unrelatedText(corpus, 3000, 3)]);
  out.push(['two bulletins', `${corpus.files['synthetic_00010.txt']!}\n\n${corpus.files['003_a7f0dd59911b8b69.txt']!.slice(0, 2000)}`]);
  return out;
}

describe('server-backed reports equal the local engine', () => {
  it.each(pages())('%s', async (_name, text) => {
    const expected = asServed(verify(text, local), corpus);
    const [a, b] = await Promise.all([verifyOnline(text, { url: one.url }), verifyOnline(text, { url: two.url })]);
    expect(a.report).toEqual(expected);
    expect(b.report).toEqual(expected);
  });

  it('the pages do find matches (the comparison is not vacuous)', () => {
    const verdicts = pages().map(([, text]) => verify(text, local).verdict);
    expect(verdicts.filter((v) => v !== 'unmatched').length).toBeGreaterThanOrEqual(8);
    expect(verdicts).toContain('scrambled');
    expect(verdicts).toContain('edited');
  });
});

describe('one node and two give the same answers', () => {
  it('candidates responses are equal, reference by reference and figure by figure', async () => {
    for (const [, text] of pages()) {
      const hashes = lookupHashes(text);
      const [a, b] = await Promise.all([fetchCandidates({ url: one.url }, hashes, 50), fetchCandidates({ url: two.url }, hashes, 50)]);
      expect(b).toEqual(a);
    }
  });

  it('the second node really holds half of the partitions, and rows', async () => {
    const foreign = await two.pool.query<{ relname: string }>("select relname from pg_class where relkind = 'f' order by relname");
    expect(foreign.rows.map((r) => r.relname)).toEqual(['reference_p4', 'reference_p5', 'reference_p6', 'reference_p7']);
    const remote = await two.pool.query<{ n: number }>('select (select count(*) from reference_p4) + (select count(*) from reference_p5) + (select count(*) from reference_p6) + (select count(*) from reference_p7) as n');
    const all = await two.store.count();
    expect(all).toBe(await one.store.count());
    expect(Number(remote.rows[0]!.n)).toBeGreaterThan(all * 0.3);
    expect(Number(remote.rows[0]!.n)).toBeLessThan(all * 0.7);
  });
});
