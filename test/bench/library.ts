// The reader's library at scale, one corpus size per fresh process (run by
// bench.ts):
//
//   node --expose-gc --import tsx test/bench/library.ts <synthetic references>
//
// The library holds the synthetic references (test/bench/library-corpus.ts: genre bulletins), imported
// as one pack and compacted, in IndexedDB; the bundled seeds come from their
// build-time index. IndexedDB here is fake-indexeddb (Node has none; the same
// code runs on Chromium's in test/e2e/library.test.ts), which keeps its data
// in this process, so memory is measured as the difference made by opening
// the library. Prints one JSON line:
//   importMs   importPack of the whole pack (fingerprinting, one transaction, compaction)
//   coldMs     Library.open (stored segment + delta read back) + the first verify of 002:
//              what a worker that wakes does before its first report (its script
//              parse is not included: see the Chromium figure in README)
//   openMs, firstVerifyMs  the two parts of coldMs
//   indexMB, heapMB, typedMB  memory the opened library holds after the first
//              verification (JS heap + ArrayBuffers, after a full GC); indexMB is
//              the segments' typed arrays alone
//   addMs      median of 5: Library.add of a new reference (near-duplicate check by
//              the engine, one IndexedDB transaction, incremental index update)
//   addIndexMs median of 50: SegmentedIndex.add alone (the in-memory part)
//   verify002Ms warm median; seedsOnly002Ms the same against the seeds alone
import 'fake-indexeddb/auto';
import { performance } from 'node:perf_hooks';
import { loadCorpus } from '../../lib/corpus/node';
import { decodeSeedIndex } from '../../lib/corpus/seed-asset';
import { fingerprintArticle, stockPhraseKeys } from '../../lib/engine/corpus-index';
import { bundledLexicon } from '../../lib/engine/lexicon';
import { resolveOptions } from '../../lib/engine/options';
import type { CorpusSource } from '../../lib/engine/types';
import { openLibraryDb } from '../../lib/library/db';
import { Library } from '../../lib/library/library';
import { corpusPack } from '../../lib/pack';
import { buildSeedIndex } from '../../lib/tools/seed-index';
import { isSynthetic, libraryCorpus } from './library-corpus';

const n = Number(process.argv[2] ?? '1000');
const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with node --expose-gc');
const settle = (): NodeJS.MemoryUsage => {
  gc();
  gc();
  return process.memoryUsage();
};
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

const seeds = loadCorpus();
const page002 = seeds.files['002_4ec4b0ae00f95d62.txt']!;
const seedIndex = decodeSeedIndex(await buildSeedIndex());
const bundled = { index: seedIndex, corpus: seeds };

// Seeds alone: the baseline of the same run.
const seedsOnly = await Library.open(await openLibraryDb('bench-seeds-only'), bundled);
for (let i = 0; i < 5; i++) await seedsOnly.verify(page002);
const seedTimes: number[] = [];
for (let i = 0; i < 15; i++) {
  const t = performance.now();
  await seedsOnly.verify(page002);
  seedTimes.push(performance.now() - t);
}

// The library: n synthetic references as one pack.
const synth = libraryCorpus(seeds, n + 6);
const entries = synth.entries.filter((e) => isSynthetic(e.id));
const held = entries.slice(0, n);
const spare = entries.slice(n);
const packSource: CorpusSource = { entries: held, files: synth.files };
const pack = await corpusPack({ title: 'bench', creator: 'bench', date: '2026-12-01' }, packSource, { via: 'pack' });
let importMs: number;
{
  const lib = await Library.open(await openLibraryDb(`bench-${n}`), bundled);
  const t = performance.now();
  await lib.importPack(pack);
  importMs = performance.now() - t;
  lib.db.close();
}
// Let go of everything but the stored database before measuring what opening it costs.
(pack as { texts: unknown[] }).texts = [];
const before = settle();

// Cold: open + first report.
const t0 = performance.now();
const lib = await Library.open(await openLibraryDb(`bench-${n}`), bundled);
const openMs = performance.now() - t0;
const t1 = performance.now();
const firstCounted = await lib.verifyCounted(page002);
const first = firstCounted.report;
const firstVerifyMs = performance.now() - t1;
const coldMs = performance.now() - t0;
const after = settle();

// Warm verification of 002.
for (let i = 0; i < 3; i++) await lib.verify(page002);
const times: number[] = [];
for (let i = 0; i < 9; i++) {
  const t = performance.now();
  await lib.verify(page002);
  times.push(performance.now() - t);
}

// Adding one reference, end to end, and the index update alone.
const adds: number[] = [];
for (const e of spare.slice(0, 5)) {
  const text = synth.files[e.file]!;
  const t = performance.now();
  const { outcome } = await lib.add({ text, headline: e.headline, publisher: e.publisher, date: e.date, source: { via: 'file' } });
  adds.push(performance.now() - t);
  if (outcome.kind !== 'added') throw new Error('bench: a synthetic reference was taken for a duplicate');
}
const lexicon = bundledLexicon();
const stock = stockPhraseKeys(lexicon);
const opts = resolveOptions();
const prints = entries.slice(0, 50).map((e) => fingerprintArticle(synth.files[e.file]!, lexicon, stock, opts));
const indexAdds: number[] = [];
{
  const { SegmentedIndex } = await import('../../lib/engine/segmented-index');
  const ix = new SegmentedIndex(lexicon, opts.k, opts.window);
  ix.addSegment(seedIndex.segment);
  prints.forEach((p, i) => {
    const t = performance.now();
    ix.add({ doc: 10_000_000 + i, hashes: p.hashes, spun: p.spun });
    indexAdds.push(performance.now() - t);
  });
}

if (!lib || !first) throw new Error('unreachable');
process.stdout.write(
  `${JSON.stringify({
    references: lib.size,
    importMs,
    openMs,
    firstVerifyMs,
    coldMs,
    indexMB: lib.indexBytes() / 2 ** 20,
    heapMB: (after.heapUsed - before.heapUsed) / 2 ** 20,
    typedMB: (after.arrayBuffers - before.arrayBuffers) / 2 ** 20,
    addMs: median(adds),
    addMaxMs: Math.max(...adds),
    addIndexMs: median(indexAdds),
    verify002Ms: median(times),
    seedsOnly002Ms: median(seedTimes),
    verify002Matches: first.matches.map((m) => m.ref.id),
    verify002Considered: firstCounted.considered,
  })}\n`,
);
