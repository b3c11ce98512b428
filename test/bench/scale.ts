// Corpus scaling, one corpus size per fresh process so heap figures are not
// polluted by earlier runs. Run by bench.ts:
//
//   node --expose-gc --import tsx test/bench/scale.ts <synthetic references> <verify runs> [page]
//
// Prints one JSON line: index build time, index memory (heap and array
// buffers retained after a full GC: typed arrays live outside the JS heap),
// and verification times of 002 (median of <verify runs> after one warm-up
// call; with 1 run, that single first call) and, with `page`, of the 1 MB page.
import { performance } from 'node:perf_hooks';
import { loadCorpus } from '../../lib/corpus/node';
import { buildIndex, verify } from '../../lib/engine';
import { bigPage, syntheticCorpus } from './synth';

const n = Number(process.argv[2] ?? '0');
const runs = Math.max(1, Number(process.argv[3] ?? '5'));
const withPage = process.argv[4] === 'page';
const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with node --expose-gc');

const seeds = loadCorpus();
const corpus = syntheticCorpus(seeds, n);
const corpusChars = Object.values(corpus.files).reduce((s, t) => s + t.length, 0);
const page002 = seeds.files['002_4ec4b0ae00f95d62.txt']!;
const page1mb = withPage ? bigPage(seeds).text : '';

// Warm the engine's code paths on the seeds-only corpus first, so build and
// verification times are not JIT compilation of the engine itself (and the
// seeds-only row matches the main table's warm figures).
{
  const warmIndex = buildIndex(seeds);
  for (let i = 0; i < 10; i++) verify(page002, warmIndex);
}

const settle = (): NodeJS.MemoryUsage => {
  gc();
  gc();
  return process.memoryUsage();
};
const before = settle();
const t0 = performance.now();
const index = buildIndex(corpus);
const buildMs = performance.now() - t0;
const after = settle();

const times: number[] = [];
// A warm-up call only when there are several runs: on a slow (large) corpus
// one measured call is all the time budget allows.
let report = runs > 1 ? verify(page002, index) : undefined;
for (let i = 0; i < runs; i++) {
  const t = performance.now();
  report = verify(page002, index);
  times.push(performance.now() - t);
}
times.sort((a, b) => a - b);

const tPage = performance.now();
const pageReport = withPage ? verify(page1mb, index) : undefined;
const pageMs = performance.now() - tPage;

// Keep the index alive until after the last measurement.
if (!index) throw new Error('unreachable');

process.stdout.write(
  `${JSON.stringify({
    references: corpus.entries.filter((e) => e.role === 'reference').length,
    corpusChars,
    buildMs,
    heapMB: (after.heapUsed - before.heapUsed) / 2 ** 20,
    arrayBuffersMB: (after.arrayBuffers - before.arrayBuffers) / 2 ** 20,
    verify002Ms: times[Math.floor(times.length / 2)],
    verify002Runs: runs,
    verify002Matches: report!.matches.map((m) => m.ref.id),
    verify1mbMs: pageReport ? pageMs : null,
    verify1mbMatches: pageReport?.matches.length ?? null,
    verify1mbSyntheticMatches: pageReport?.matches.filter((m) => m.ref.id.startsWith('synthetic-')).length ?? null,
  })}\n`,
);
