// One cold measurement, run by bench.ts in a fresh process (`node --import tsx`):
// the first verification after start-up, as in a service worker that has just
// been woken, with module loading and the index build included.
//
//   node --import tsx test/bench/cold.ts file <seed file name>
//   node --import tsx test/bench/cold.ts page <chars>
//
// Prints one JSON line: {importMs, buildMs, verifyMs, totalMs, verdict, matches}.
import { performance } from 'node:perf_hooks';

const [mode, arg] = process.argv.slice(2);

// The page is generated before the clock starts: its cost is the benchmark's, not the engine's.
const { loadCorpus } = await import('../../lib/corpus/node');
const corpus = loadCorpus();
let text: string;
if (mode === 'file' && arg) {
  text = corpus.files[arg] ?? '';
} else if (mode === 'page' && arg) {
  const { bigPage } = await import('./synth');
  text = bigPage(corpus, Number(arg)).text;
} else {
  throw new Error('usage: cold.ts file NAME | page CHARS');
}

const t0 = performance.now();
const { buildIndex, verify } = await import('../../lib/engine');
const t1 = performance.now();
const index = buildIndex(corpus);
const t2 = performance.now();
const report = verify(text, index);
const t3 = performance.now();
process.stdout.write(
  `${JSON.stringify({ importMs: t1 - t0, buildMs: t2 - t1, verifyMs: t3 - t2, totalMs: t3 - t0, verdict: report.verdict, matches: report.matches.length })}\n`,
);
