// `npm run bench`: engine timings against diff-match-patch and jsdiff on the
// same work, cold and warm, corpus scaling, and bundle sizes. A benchmark,
// not a test: it asserts nothing and never fails on a slow machine.
//
// What is measured (all times in ms, medians unless said otherwise):
//   warm  verify(text, index) with the index built once and the code warmed up;
//   cold  a fresh `node` process per measurement (test/bench/cold.ts): engine
//         module import + buildIndex + the first verify, as in a service worker
//         that has just started;
//   baselines  diff-match-patch diff_main (default 1 s Diff_Timeout) and jsdiff
//         diffChars on pre-paired text: they are given the right original,
//         the engine has to find it in the whole corpus and classify every
//         difference as well;
//   scaling  fresh process per corpus size (test/bench/scale.ts) with the
//         seeds plus 1k or 10k synthetic references (test/bench/synth.ts),
//         against a plain diff of 002 with every reference (extrapolated from
//         a few measured references);
//   cold baselines  a fresh process importing the library and diffing the
//         pre-paired passages once (test/bench/cold-baseline.ts).
//
// BENCH_QUICK=1 cuts repetitions (for a smoke run); BENCH_SCALE=0 skips scaling.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import DiffMatchPatch from 'diff-match-patch';
import { diffChars } from 'diff';
import { loadCorpus } from '../../lib/corpus/node';
import { buildIndex, verify } from '../../lib/engine';
import { defaultOptions } from '../../lib/engine/options';
import type { Report } from '../../lib/engine/types';
import { genreFigures } from './genre';
import { bigPage, GENRE, HELD_OUT_GENRE, syntheticCorpus, templateFamilies } from './synth';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const quick = process.env.BENCH_QUICK === '1';
const doScale = process.env.BENCH_SCALE !== '0';
const benchStart = performance.now();

const SPECIMEN = '002_4ec4b0ae00f95d62.txt';
const REF_0203 = '003_a7f0dd59911b8b69.txt';
const PAGE_CHARS = 1_000_000;

// ---------------------------------------------------------------- helpers

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

/** Runs fn until `runs` samples or `budgetMs` spent (at least 3 samples), after one warm-up call. */
function measure<T>(fn: () => T, runs: number, budgetMs = 4000): { ms: number; runs: number; result: T } {
  let result = fn();
  const times: number[] = [];
  const start = performance.now();
  while (times.length < runs && (times.length < 3 || performance.now() - start < budgetMs)) {
    const t = performance.now();
    result = fn();
    times.push(performance.now() - t);
  }
  return { ms: median(times), runs: times.length, result };
}

function once<T>(fn: () => T): { ms: number; result: T } {
  const t = performance.now();
  const result = fn();
  return { ms: performance.now() - t, result };
}

function childJson(args: string[], timeoutMs = 180_000): Record<string, unknown> {
  const r = spawnSync(process.execPath, args, { cwd: root, encoding: 'utf8', timeout: timeoutMs, maxBuffer: 64 * 2 ** 20 });
  if (r.status !== 0) throw new Error(`child ${args.join(' ')} failed (${r.status ?? r.signal}): ${r.stderr.trim().split('\n').slice(-3).join(' | ')}`);
  return JSON.parse(r.stdout.trim().split('\n').pop()!) as Record<string, unknown>;
}

const f1 = (n: number): string => (n >= 100 ? n.toFixed(0) : n >= 10 ? n.toFixed(1) : n.toFixed(2));
const ratio = (engine: number, baseline: number): string =>
  engine <= baseline ? `engine ${f1(baseline / engine)}× faster` : `engine ${f1(engine / baseline)}× slower`;

function table(title: string, header: string[], rows: string[][]): void {
  const widths = header.map((h, i) => Math.max(width(h), ...rows.map((r) => width(r[i] ?? ''))));
  const line = (cells: string[]): string => cells.map((c, i) => (i === 0 ? padEnd(c, widths[i]!) : padStart(c, widths[i]!))).join('  ');
  console.log(`\n== ${title} ==`);
  console.log(line(header));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const r of rows) console.log(line(r));
}
/** Display width: CJK characters take two columns. */
function width(s: string): number {
  let w = 0;
  for (const ch of s) w += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(ch) ? 2 : 1;
  return w;
}
const padEnd = (s: string, w: number): string => s + ' '.repeat(Math.max(0, w - width(s)));
const padStart = (s: string, w: number): string => ' '.repeat(Math.max(0, w - width(s))) + s;

function summary(r: Report): string {
  return `${r.verdict}, ${r.matches.length} match${r.matches.length === 1 ? '' : 'es'}`;
}

// ---------------------------------------------------------------- inputs

const corpus = loadCorpus();
const specimen = corpus.files[SPECIMEN]!;
const ref003 = corpus.files[REF_0203]!;
// 002's 2月3日 section: from its heading to the next day's heading; the
// pre-paired passage diff-match-patch is given together with 003.
const secStart = specimen.indexOf('2月3日');
const secEnd = specimen.indexOf('\n2月2日', secStart);
if (secStart < 0 || secEnd < 0) throw new Error('cannot find the 2月3日 section of 002');
const section0203 = specimen.slice(secStart, secEnd);
const page = bigPage(corpus, PAGE_CHARS);
// The whole corpus as one text: what a plain diff would have to compare a page with.
const allReferences = corpus.entries
  .filter((e) => e.role === 'reference')
  .map((e) => corpus.files[e.file]!.slice(e.start, e.end))
  .join('\n');

// Load average first: on a shared machine other processes skew every figure.
console.log(
  `Yuanwen bench · node ${process.version} · ${cpus().length} CPUs · load average ${loadavg().map((l) => l.toFixed(1)).join(' ')} · ${new Date().toISOString()}${quick ? ' · QUICK' : ''}`,
);
console.log(
  `1 MB page: ${page.text.length.toLocaleString('en-US')} UTF-16 units (${(Buffer.byteLength(page.text) / 2 ** 20).toFixed(2)} MB UTF-8): ` +
    `every seed file once, each after page furniture and unrelated filler (reference sentences shuffled and ` +
    `sent through a Han-character substitution cipher: Chinese statistics, no shared 5-grams).`,
);

// ---------------------------------------------------------------- engine, warm

const build = measure(() => buildIndex(corpus), quick ? 3 : 10);
const index = build.result;
const inputs: Array<{ name: string; text: string }> = [
  ...Object.keys(corpus.files)
    .sort()
    .map((f) => ({ name: f, text: corpus.files[f]! })),
  { name: '002 §2月3日 only', text: section0203 },
  { name: '1 MB page', text: page.text },
];
const warm = new Map<string, { ms: number; runs: number; report: Report }>();
for (const { name, text } of inputs) {
  const big = text.length > 100_000;
  const m = measure(() => verify(text, index), quick ? 3 : big ? 7 : 30, big ? 20_000 : 4000);
  warm.set(name, { ms: m.ms, runs: m.runs, report: m.result });
}

// ---------------------------------------------------------------- engine, cold

const coldRuns = quick ? 1 : 3;
const cold = new Map<string, { importMs: number; buildMs: number; verifyMs: number; totalMs: number }>();
for (const { name } of inputs) {
  if (name.startsWith('002 §')) continue;
  const args = name === '1 MB page' ? ['page', String(PAGE_CHARS)] : ['file', name];
  const n = name === SPECIMEN || name === '1 MB page' ? coldRuns : 1;
  const samples = Array.from({ length: n }, () => childJson(['--import', 'tsx', join(root, 'test/bench/cold.ts'), ...args]));
  const pick = (k: string): number => median(samples.map((s) => s[k] as number));
  cold.set(name, { importMs: pick('importMs'), buildMs: pick('buildMs'), verifyMs: pick('verifyMs'), totalMs: pick('totalMs') });
}

table(
  `Engine: verify() against the whole corpus (index build ${f1(build.ms)} ms warm)`,
  ['input', 'chars', 'warm ms', 'runs', 'cold total', 'cold import', 'cold build', 'cold verify', 'result'],
  inputs.map(({ name, text }) => {
    const w = warm.get(name)!;
    const c = cold.get(name);
    return [
      name,
      text.length.toLocaleString('en-US'),
      f1(w.ms),
      String(w.runs),
      c ? f1(c.totalMs) : '—',
      c ? f1(c.importMs) : '—',
      c ? f1(c.buildMs) : '—',
      c ? f1(c.verifyMs) : '—',
      summary(w.report),
    ];
  }),
);
console.log(`cold = fresh process: engine module import (tsx transform cached) + buildIndex + first verify; median of ${coldRuns} for 002 and the 1 MB page, 1 run otherwise`);

// ---------------------------------------------------------------- worst cases

// Hostile pages of the same size as the 1 MB page, against its time in this
// run: one reference passage repeated (every repetition a candidate: the
// selection must stay near-linear and bounded), and the spun specimen 002
// repeated (dense spun forms everywhere: de-spinning and many matches).
{
  const ref0 = corpus.entries.find((e) => e.role === 'reference')!;
  const passage = corpus.files[ref0.file]!.slice(ref0.start + 100, ref0.start + 200);
  const worst: Array<{ name: string; text: string }> = [
    { name: `one 100-char passage × ${(PAGE_CHARS / 100).toLocaleString('en-US')}`, text: passage.repeat(PAGE_CHARS / 100) },
    { name: '002 (spun) repeated to 1 M', text: specimen.repeat(Math.ceil(PAGE_CHARS / specimen.length)).slice(0, PAGE_CHARS) },
  ];
  const base = warm.get('1 MB page')!.ms;
  table(
    `Worst cases: 1 M-character hostile pages vs the 1 MB page (${f1(base)} ms warm, this run); at most ${defaultOptions.maxCandidatesPerPage} regions (maxCandidatesPerPage) are aligned per page`,
    ['input', 'chars', 'warm ms', 'runs', 'vs 1 MB page', 'result'],
    worst.map(({ name, text }) => {
      const m = measure(() => verify(text, index), quick ? 2 : 5, 20_000);
      return [name, text.length.toLocaleString('en-US'), f1(m.ms), String(m.runs), `${f1(m.ms / base)}× its time`, summary(m.result)];
    }),
  );
}

// Cold baselines: library import + first diff of the pre-paired passages, in a fresh process.
const coldBase = (lib: string): { importMs: number; diffMs: number; totalMs: number } => {
  const samples = Array.from({ length: coldRuns }, () => childJson(['--import', 'tsx', join(root, 'test/bench/cold-baseline.ts'), lib]));
  const pick = (k: string): number => median(samples.map((x) => x[k] as number));
  return { importMs: pick('importMs'), diffMs: pick('diffMs'), totalMs: pick('totalMs') };
};
const coldDmp = coldBase('dmp');
const coldJs = coldBase('jsdiff');
const cold002 = cold.get(SPECIMEN)!;
table(
  'Cold start: engine on all of 002 (import + index build + verify) vs a library on the pre-paired passages (import + first diff), ms',
  ['work', 'import', 'build / diff', 'verify', 'total', 'engine vs it'],
  [
    ['engine: verify(002 whole), whole corpus', f1(cold002.importMs), f1(cold002.buildMs), f1(cold002.verifyMs), f1(cold002.totalMs), ''],
    ['dmp: 003 ↔ 002 §2月3日', f1(coldDmp.importMs), f1(coldDmp.diffMs), '—', f1(coldDmp.totalMs), ratio(cold002.totalMs, coldDmp.totalMs)],
    ['jsdiff: 003 ↔ 002 §2月3日', f1(coldJs.importMs), f1(coldJs.diffMs), '—', f1(coldJs.totalMs), ratio(cold002.totalMs, coldJs.totalMs)],
  ],
);

// ---------------------------------------------------------------- baselines

const dmp = new DiffMatchPatch();
dmp.Diff_Timeout = 1; // the library's default: seconds
interface Pair {
  name: string;
  a: string;
  b: string;
  engineName: string;
  engineMs: number;
}
const pairs: Pair[] = [
  { name: '003 ↔ 002 §2月3日 (pre-paired)', a: ref003, b: section0203, engineName: 'verify(002 whole)', engineMs: warm.get(SPECIMEN)!.ms },
  { name: '003 ↔ 002 §2月3日 (pre-paired)', a: ref003, b: section0203, engineName: 'verify(§2月3日)', engineMs: warm.get('002 §2月3日 only')!.ms },
  { name: '003 ↔ 002 whole', a: ref003, b: specimen, engineName: 'verify(002 whole)', engineMs: warm.get(SPECIMEN)!.ms },
  // Not 003 alone: it occurs verbatim in the page, and diff_main's substring
  // shortcut would answer in a millisecond without diffing anything.
  { name: 'all references ↔ 1 MB page', a: allReferences, b: page.text, engineName: 'verify(1 MB page)', engineMs: warm.get('1 MB page')!.ms },
];
const baselineRows: string[][] = [];
const baselineCache = new Map<string, { dmp: number; dmpNote: string; js: number; jsNote: string }>();
for (const p of pairs) {
  let b = baselineCache.get(p.name);
  if (!b) {
    const big = p.b.length > 100_000;
    const d = big ? once(() => dmp.diff_main(p.a, p.b)) : measure(() => dmp.diff_main(p.a, p.b), quick ? 3 : 15);
    // diff_main returns a best-effort diff when it runs out of time.
    const dmpNote = d.ms >= dmp.Diff_Timeout * 1000 ? ' (cut off by 1 s timeout)' : '';
    const jsTimeout = 5_000;
    const j = big ? once(() => diffChars(p.a, p.b, { timeout: jsTimeout })) : measure(() => diffChars(p.a, p.b), quick ? 3 : 15);
    const jsNote = j.result === undefined ? ` (gave up at ${jsTimeout / 1000} s timeout)` : '';
    b = { dmp: d.ms, dmpNote, js: j.ms, jsNote };
    baselineCache.set(p.name, b);
  }
  baselineRows.push([p.name, `${p.engineName} ${f1(p.engineMs)}`, `${f1(b.dmp)}${b.dmpNote}`, ratio(p.engineMs, b.dmp), `${f1(b.js)}${b.jsNote}`, ratio(p.engineMs, b.js)]);
}
table('Engine vs diff-match-patch (dmp) and jsdiff diffChars, same run, ms', ['pair', 'engine ms', 'dmp ms', 'vs dmp', 'jsdiff ms', 'vs jsdiff'], baselineRows);
const aimEngine = warm.get(SPECIMEN)!.ms;
const aimDmp = baselineCache.get(pairs[0]!.name)!.dmp;
console.log(
  `AIM (issue 2): verify all of 002 against the whole corpus (${f1(aimEngine)} ms) < dmp on the two pre-paired passages alone (${f1(aimDmp)} ms): ${aimEngine < aimDmp ? 'MET' : 'NOT MET'}`,
);

// ---------------------------------------------------------------- scaling

if (doScale) {
  // Baseline for scaling: without an index, a plain diff has to compare the
  // page with every reference. Measured on a few synthetic references and
  // multiplied by the corpus size (an extrapolation, and labelled so).
  const sample = syntheticCorpus(corpus, 3);
  const sampleRefs = sample.entries.filter((e) => e.id.startsWith('synthetic-')).map((e) => sample.files[e.file]!);
  const dmpPerRef = median(sampleRefs.map((r) => once(() => dmp.diff_main(r, specimen)).ms));
  const jsPerRef = once(() => diffChars(sampleRefs[0]!, specimen, { timeout: 5000 }));
  const jsPerRefNote = jsPerRef.result === undefined ? '≥ ' : '';

  // 10k references take a few seconds to build on this machine; if the
  // engine ever slows down again, drop the 10k page run first (BENCH_QUICK
  // does) to keep the whole bench within about three minutes.
  const sizes: Array<[number, string, boolean]> = quick
    ? [[0, '2', true], [1000, '1', false]]
    : [[0, '5', true], [1000, '3', true], [10_000, '3', true]];
  const rows: string[][] = [];
  for (const [n, runs, withPage] of sizes) {
    try {
      const r = childJson(['--expose-gc', '--import', 'tsx', join(root, 'test/bench/scale.ts'), String(n), runs, ...(withPage ? ['page'] : [])], 300_000);
      const ids = r.verify002Matches as string[];
      rows.push([
        `seeds + ${n.toLocaleString('en-US')}`,
        String(r.references),
        `${((r.corpusChars as number) / 1e6).toFixed(2)} M`,
        f1(r.buildMs as number),
        f1(r.heapMB as number),
        f1(r.arrayBuffersMB as number),
        `${f1(r.verify002Ms as number)}${r.verify002Runs === 1 ? ' (1 run)' : ''}`,
        f1(dmpPerRef * (r.references as number)),
        ratio(r.verify002Ms as number, dmpPerRef * (r.references as number)),
        `${ids.length} (${ids.filter((id) => id.startsWith('synthetic-')).length} synthetic)`,
        r.verify1mbMs === null ? 'skipped' : f1(r.verify1mbMs as number),
        r.verify1mbMs === null ? '—' : `${String(r.verify1mbMatches)} (${String(r.verify1mbSyntheticMatches)} synthetic)`,
      ]);
    } catch (error) {
      rows.push([`seeds + ${n}`, 'failed', (error as Error).message.slice(0, 100)]);
    }
  }
  table(
    'Corpus scaling (fresh process per size; synthetic references: shuffled seed sentences, 40% of Han characters replaced)',
    ['corpus', 'refs', 'chars', 'build ms', 'heap MB', 'typed MB', '002 ms', 'dmp scan ms (extrapolated)', 'vs dmp', '002 matches', '1 MB ms', '1 MB matches'],
    rows,
  );
  console.log(
    'heap MB / typed MB: JS heap and ArrayBuffer memory retained by the index after a full GC (corpus text excluded); ' +
      '002 ms: warm median (1 run: the first call); 1 MB ms: one run; matches: the real references expected are ' +
      `${warm.get(SPECIMEN)!.report.matches.length} for 002 and ${warm.get('1 MB page')!.report.matches.length} for the page (seeds-only corpus)`,
  );
  console.log(
    `dmp scan: diff_main(reference, 002) takes ${f1(dmpPerRef)} ms per synthetic reference (median of ${sampleRefs.length}), times the number of references; ` +
      `jsdiff diffChars takes ${jsPerRefNote}${f1(jsPerRef.ms)} ms per reference${jsPerRefNote ? ' (gave up at its 5 s timeout)' : ''}.`,
  );
}

// ---------------------------------------------------------------- the reader's library

if (doScale) {
  // The library in IndexedDB (fake-indexeddb in Node), one fresh process per size:
  // test/bench/library.ts says what each column measures.
  // 100,000 references take about 20 minutes to generate and import here: opt in with BENCH_LIBRARY_100K=1.
  const sizes = quick ? [1000] : process.env.BENCH_LIBRARY_100K === '1' ? [10_000, 100_000] : [10_000];
  const rows: string[][] = [];
  for (const n of sizes) {
    try {
      const r = childJson(['--expose-gc', '--max-old-space-size=8192', '--import', 'tsx', join(root, 'test/bench/library.ts'), String(n)], 1_800_000);
      rows.push([
        `seeds + ${n.toLocaleString('en-US')}`,
        String(r.references),
        f1((r.indexMB as number) + 0),
        f1((r.heapMB as number) + (r.typedMB as number)),
        `${f1(r.coldMs as number)} (${f1(r.openMs as number)} + ${f1(r.firstVerifyMs as number)})`,
        `${f1(r.addMs as number)} (max ${f1(r.addMaxMs as number)}); index alone ${(r.addIndexMs as number).toFixed(2)}`,
        `${f1(r.verify002Ms as number)} vs ${f1(r.seedsOnly002Ms as number)}: ${ratio(r.verify002Ms as number, r.seedsOnly002Ms as number)}`,
        f1((r.importMs as number) / 1000),
      ]);
    } catch (error) {
      rows.push([`seeds + ${n}`, 'failed', (error as Error).message.slice(0, 100)]);
    }
  }
  table(
    "The reader's library (IndexedDB; synthetic references imported as one pack, compacted)",
    ['library', 'refs', 'index MB', 'held MB', 'cold: open + first 002 ms', 'add one ms', '002 warm vs seeds alone', 'import s'],
    rows,
  );
  console.log(
    'index MB: the segments\' typed arrays; held MB: JS heap + ArrayBuffers the opened library holds after its first report (full GC); ' +
      'cold: Library.open (stored segment and delta read back) + the first verify of 002, no rebuild (script parse not included); ' +
      'add one: Library.add of a new reference (near-duplicate check, one transaction, incremental index update), median of 5.',
  );
}

// ---------------------------------------------------------------- precision at corpus scale

for (const [label, genre] of [
  ['formulas the stock-phrase list mostly knows (synth.ts GENRE)', GENRE],
  ['held-out formulas, none in the stock-phrase list (synth.ts HELD_OUT_GENRE)', HELD_OUT_GENRE],
  ['held-out formulas in 100 publishers\' templates, ~10 references each (synth.ts templateFamilies)', templateFamilies(HELD_OUT_GENRE, 100)],
] as const) {
  const g = genreFigures(corpus, { corpus: 1000, outside: 300, reposts: 200, genre });
  const base = warm.get(SPECIMEN)!.ms;
  table(
    `Precision at corpus scale: seeds + 1,000 same-genre bulletins, ${label} (${g.references} references; index build ${f1(g.buildMs)} ms)`,
    ['pages', 'count', 'attributed', 'rate', 'aim'],
    [
      ['meetings not in the corpus (generator, other seed; + 3 hand-written lookalikes)', String(g.outside), String(g.falseAttributions), `${((100 * g.falseAttributions) / g.outside).toFixed(2)}% false`, '≤ 1%'],
      ['true reposts (6 seeds + genre bulletins, in furniture)', String(g.reposts), String(g.attributed), `${((100 * g.attributed) / g.reposts).toFixed(1)}%`, '100%'],
    ],
  );
  console.log(
    `verification per page against it: median ${f1(g.medianMs)} ms, p95 ${f1(g.p95Ms)} ms (verify(002) against the seeds alone, this run: ${f1(base)} ms). ` +
      'Genre bulletins: the genre\'s headline, dateline, opening, lead and closing formulas and instruction sentences, filled with unrelated content (random Han characters in the shapes of reference sentences); test/bench/synth.ts genreBulletins.',
  );
}

// ---------------------------------------------------------------- bundles

const out = join(root, '.output/chrome-mv3');
if (!existsSync(out)) {
  console.log('\n== Bundle sizes ==\n.output/chrome-mv3 is missing: run `npm run build` first.');
} else {
  /** A page or script and everything it loads (script src, modulepreload,
   *  stylesheets, static and dynamic imports), transitively: what the browser
   *  actually fetches for it, shared chunks included. */
  const closure = (entry: string): string[] => {
    const seen = new Set<string>();
    const visit = (rel: string): void => {
      if (seen.has(rel) || !existsSync(join(out, rel))) return;
      seen.add(rel);
      const text = readFileSync(join(out, rel), 'utf8');
      const refs = rel.endsWith('.html')
        ? [...text.matchAll(/(?:src|href)="([^"]+\.(?:js|css))"/g)].map((m) => m[1]!)
        : rel.endsWith('.js')
          ? [...text.matchAll(/(?:from|import)\s*\(?\s*"(\.{1,2}\/[^"]+\.(?:js|css))"/g)].map((m) => m[1]!)
          : [];
      for (const ref of refs) visit(ref.startsWith('/') ? ref.slice(1) : join(dirname(rel), ref));
    };
    visit(entry);
    return [...seen];
  };
  const contentScripts = existsSync(join(out, 'content-scripts'))
    ? readdirSync(join(out, 'content-scripts')).filter((f) => f.endsWith('.js') || f.endsWith('.css')).map((f) => join('content-scripts', f))
    : [];
  const groups: Array<[string, string[]]> = [
    ['content script', [...new Set(contentScripts.flatMap(closure))]],
    ['background', closure('background.js')],
    ['popup', closure('popup.html')],
    ['options page', closure('options.html')],
  ];
  const builtAt = statSync(join(out, 'manifest.json')).mtime.toISOString();
  table(
    `Bundle sizes, .output/chrome-mv3 (built ${builtAt}; rebuild for current figures)`,
    ['part (with everything it loads)', 'files', 'KB', 'gzip KB', 'note'],
    groups.map(([name, files]) => {
      const bytes = files.map((f) => readFileSync(join(out, f)));
      const raw = bytes.reduce((s, b) => s + b.length, 0);
      const gz = bytes.reduce((s, b) => s + gzipSync(b).length, 0);
      const note = name === 'content script' ? (raw < 50 * 1024 ? 'aim < 50 KB: met' : 'aim < 50 KB: NOT met') : '';
      return [name, files.join(' ') || '(none)', (raw / 1024).toFixed(1), (gz / 1024).toFixed(1), note];
    }),
  );
}

// For scale beside the bundles: the two baseline libraries as shipped.
{
  const libs: Array<[string, string]> = [
    ['diff-match-patch', 'node_modules/diff-match-patch/index.js'],
    ['jsdiff (diff.min.js)', 'node_modules/diff/dist/diff.min.js'],
  ];
  const sizes = libs
    .filter(([, f]) => existsSync(join(root, f)))
    .map(([name, f]) => {
      const b = readFileSync(join(root, f));
      return `${name} ${(b.length / 1024).toFixed(1)} KB (gzip ${(gzipSync(b).length / 1024).toFixed(1)} KB)`;
    });
  console.log(`For scale, the baselines as shipped: ${sizes.join('; ')}; neither finds the original or classifies a difference.`);
}

console.log(`\nbench finished in ${((performance.now() - benchStart) / 1000).toFixed(1)} s · load average now ${loadavg().map((l) => l.toFixed(1)).join(' ')}`);
