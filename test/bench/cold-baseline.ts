// Cold baseline, run by bench.ts in a fresh process (`node --import tsx`):
// library import + the first diff of the pre-paired passages (003 and 002's
// 2月3日 section), to set beside the engine's cold figure for the same work.
//
//   node --import tsx test/bench/cold-baseline.ts dmp|jsdiff
//
// Prints one JSON line: {importMs, diffMs, totalMs}.
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';

const seeds = resolve(dirname(fileURLToPath(import.meta.url)), '../../seeds');
const ref = readFileSync(join(seeds, '003_a7f0dd59911b8b69.txt'), 'utf8');
const specimen = readFileSync(join(seeds, '002_4ec4b0ae00f95d62.txt'), 'utf8');
const start = specimen.indexOf('2月3日');
const section = specimen.slice(start, specimen.indexOf('\n2月2日', start));

const which = process.argv[2];
const t0 = performance.now();
let t1: number;
if (which === 'dmp') {
  const { default: DiffMatchPatch } = await import('diff-match-patch');
  t1 = performance.now();
  new DiffMatchPatch().diff_main(ref, section);
} else if (which === 'jsdiff') {
  const { diffChars } = await import('diff');
  t1 = performance.now();
  diffChars(ref, section);
} else {
  throw new Error('usage: cold-baseline.ts dmp|jsdiff');
}
const t2 = performance.now();
process.stdout.write(`${JSON.stringify({ importMs: t1 - t0, diffMs: t2 - t1, totalMs: t2 - t0 })}\n`);
