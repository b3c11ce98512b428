import { describe, expect, it } from 'vitest';
import { loadCorpus } from '../../lib/corpus/node';
import { buildIndex, verify } from '../../lib/engine';
import { bundledLexicon } from '../../lib/engine/lexicon';
import { ReferenceCache, referencesOf, verifyAgainst, type LoadedReference } from '../../lib/engine/library-verify';
import { defaultOptions } from '../../lib/engine/options';
import { SegmentedIndex, storedSegmentOf } from '../../lib/engine/segmented-index';
import type { CorpusSource } from '../../lib/engine/types';
import { syntheticCorpus } from '../bench/synth';

const seeds = loadCorpus();
const corpus = syntheticCorpus(seeds, 300);
const page002 = seeds.files['002_4ec4b0ae00f95d62.txt']!;
const lexicon = bundledLexicon();

function loaderOf(refs: LoadedReference[]) {
  const byDoc = new Map(refs.map((r) => [r.doc, r]));
  const calls: number[][] = [];
  const load = async (docs: readonly number[]) => {
    calls.push([...docs]);
    return docs.map((d) => byDoc.get(d)).filter((r): r is LoadedReference => r !== undefined);
  };
  return { load, calls };
}

function without(source: CorpusSource, ids: Set<string>): CorpusSource {
  return { entries: source.entries.filter((e) => !ids.has(e.id)), files: source.files };
}

/** Pages that exercise matching: the spun specimen, a synthetic reference, a reference quoted in part. */
function pages(source: CorpusSource): string[] {
  const synth = source.entries.find((e) => e.id === 'synthetic-17')!;
  const ref003 = source.files['003_a7f0dd59911b8b69.txt']!;
  return [page002, source.files[synth.file]!, `无关的开头。${ref003.slice(400, 1400)}无关的结尾。`];
}

describe('segmented index', () => {
  it('gives the report of the full in-memory index, from segments, a delta and tombstones', async () => {
    const index = new SegmentedIndex(lexicon, defaultOptions.k, defaultOptions.window);
    const refs = referencesOf(corpus, index);
    // Seeds and the first half of the synthetic references as two frozen segments, the rest added one by one.
    const seedCount = refs.filter((r) => !r.entry.id.startsWith('synthetic-')).length;
    index.addSegment(storedSegmentOf(refs.slice(0, seedCount).map((r) => r.record)));
    index.addSegment(storedSegmentOf(refs.slice(seedCount, 150).map((r) => r.record)));
    for (const r of refs.slice(150)) index.add(r.record);
    // Remove one reference from a segment and one from the delta.
    const removed = new Set(['synthetic-40', 'synthetic-200']);
    for (const r of refs) if (removed.has(r.entry.id)) index.remove(r.doc, r.record.spun);
    const live = refs.filter((r) => !removed.has(r.entry.id));
    const { load, calls } = loaderOf(live);
    const cache = new ReferenceCache(index);
    const full = buildIndex(without(corpus, removed));
    for (const page of pages(corpus)) {
      const got = await verifyAgainst(page, index, cache, load);
      expect(got.report).toEqual(verify(page, full));
    }
    // Only some of the texts were ever loaded.
    expect(new Set(calls.flat()).size).toBeLessThan(refs.length / 3);

    // The same after compaction into one segment.
    index.compact();
    expect(index.deltaSize).toBe(0);
    for (const page of pages(corpus)) expect((await verifyAgainst(page, index, new ReferenceCache(index), load)).report).toEqual(verify(page, full));
  });

  it('a removed reference is never matched again, and an added one is matched at once', async () => {
    const index = new SegmentedIndex(lexicon, defaultOptions.k, defaultOptions.window);
    const refs = referencesOf(seeds, index);
    index.addSegment(storedSegmentOf(refs.map((r) => r.record)));
    const readded = { ...refs.find((r) => r.entry.id === 'peoples-daily-2020-02-03-psc')!, doc: 100 };
    const { load } = loaderOf([...refs, readded]);
    const cache = new ReferenceCache(index);
    const r003 = refs.find((r) => r.entry.id === 'peoples-daily-2020-02-03-psc')!;
    const before = await verifyAgainst(page002, index, cache, load);
    expect(before.report.matches.map((m) => m.ref.id)).toContain(r003.entry.id);
    index.remove(r003.doc, r003.record.spun);
    cache.forget(r003.doc);
    const after = await verifyAgainst(page002, index, cache, load);
    expect(after.report.matches.map((m) => m.ref.id)).not.toContain(r003.entry.id);
    // Numbers are never reused: added again, it is a new reference.
    expect(() => index.add(r003.record)).toThrow(/taken/);
    index.add({ ...r003.record, doc: 100 });
    const again = await verifyAgainst(page002, index, cache, load);
    expect(again.report).toEqual(before.report);
  });

  it('counts document frequency over live references only', () => {
    const index = new SegmentedIndex(lexicon, defaultOptions.k, defaultOptions.window);
    const refs = referencesOf(seeds, index);
    index.addSegment(storedSegmentOf(refs.slice(0, 3).map((r) => r.record)));
    for (const r of refs.slice(3)) index.add(r.record);
    const h = refs[0]!.record.hashes[10]!;
    const holders = refs.filter((r) => Array.from(r.record.hashes).includes(h)).length;
    expect(index.df(h)).toBe(holders);
    index.remove(refs[0]!.doc, refs[0]!.record.spun);
    expect(index.df(h)).toBe(holders - 1);
  });
});
