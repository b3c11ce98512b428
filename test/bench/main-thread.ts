// Main-thread cost of the content script in real Chromium (issue 4, points 2-4).
//   npx tsx test/bench/main-thread.ts [--million]
// `--million` adds the worst case of 10^6 text nodes (2 M characters; about 3
// minutes on 2 cores: the page alone takes tens of seconds to load and lay out).
// Builds the extension if needed, serves a page of 100k text nodes / ~1M
// characters, a no-Han page and a small Chinese page from 127.0.0.1, and
// prints: the longest main-thread task while Yuanwen worked (Long Tasks API),
// the content script's own busy time (summed over its slices), the wall time
// of extraction, verification round trip and drawing (performance marks the
// content script sets; marks from the isolated world land in the page's
// timeline in Chromium), and the content script bundle size. Beside each, in the
// same page and run, diff-match-patch and jsdiff diffing the page's text against
// the references on the main thread, as ratios. Prints, never asserts.
import { readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { Harness, diagnostics, extensionDir, waitForRuns } from '../e2e/harness';
import { bigPage, buildPage } from '../e2e/pages';

interface Timeline {
  marks: Record<string, number[]>;
  longTasks: Array<{ start: number; duration: number }>;
}

async function timeline(page: Page): Promise<Timeline> {
  return page.evaluate(() => {
    const marks: Record<string, number[]> = {};
    for (const m of performance.getEntriesByType('mark')) {
      if (!m.name.startsWith('yuanwen:')) continue;
      (marks[m.name.slice(8)] ??= []).push(m.startTime);
    }
    const longTasks = ((window as unknown as { __longTasks?: Array<{ start: number; duration: number }> }).__longTasks ?? []).slice();
    return { marks, longTasks };
  });
}

const observeLongTasks = () => {
  const w = window as unknown as { __longTasks: Array<{ start: number; duration: number }> };
  w.__longTasks = [];
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) w.__longTasks.push({ start: e.startTime, duration: e.duration });
    }).observe({ type: 'longtask', buffered: true });
  } catch {
    // no Long Tasks API
  }
};

const require = createRequire(import.meta.url);
// The baselines, loaded into the page itself: what a content script that simply
// diffed the page against the references on the main thread would cost.
const dmpSource = `(() => { const module = { exports: {} }; ${readFileSync(require.resolve('diff-match-patch'), 'utf8')}; window.__dmp = module.exports; })();`;
const jsdiffSource = readFileSync(join(require.resolve('diff/package.json'), '..', 'dist/diff.min.js'), 'utf8');

interface Baseline {
  dmpMs: number;
  dmpTimedOut: boolean;
  jsdiffMs: number;
  jsdiffTimedOut: boolean;
}

/** diff-match-patch (1 s timeout) and jsdiff diffChars (5 s timeout) of the page's text against all references, on the page's main thread. */
async function baseline(page: Page, references: string): Promise<Baseline> {
  await page.addScriptTag({ content: dmpSource });
  await page.addScriptTag({ content: jsdiffSource });
  return page.evaluate((refs) => {
    const text = document.body.innerText;
    const w = window as unknown as { __dmp: new () => { Diff_Timeout: number; diff_main(a: string, b: string): unknown[] }; Diff: { diffChars(a: string, b: string, o: { timeout: number }): unknown } };
    const d = new w.__dmp();
    d.Diff_Timeout = 1;
    let t = performance.now();
    d.diff_main(refs, text);
    const dmpMs = performance.now() - t;
    t = performance.now();
    const j = w.Diff.diffChars(refs, text, { timeout: 5000 });
    const jsdiffMs = performance.now() - t;
    return { dmpMs, dmpTimedOut: dmpMs >= 1000, jsdiffMs, jsdiffTimedOut: j === undefined };
  }, references);
}

function ratio(base: number, ours: number, timedOut: boolean): string {
  if (ours <= 0) return '';
  const r = base / ours;
  return `${timedOut ? '≥ ' : ''}${r >= 10 ? r.toFixed(0) : r.toFixed(1)}× Yuanwen's busy time`;
}

function ms(n: number | undefined): string {
  return n === undefined ? '-' : `${n.toFixed(1)} ms`;
}

async function measure(h: Harness, path: string, label: string, expectVerify: boolean, references?: string): Promise<void> {
  const page = await h.context.newPage();
  await page.addInitScript(observeLongTasks);
  const t0 = Date.now();
  await page.goto(h.url(path), { waitUntil: 'load', timeout: 600_000 });
  const loadMs = Date.now() - t0;
  if (expectVerify) await page.waitForFunction(() => performance.getEntriesByName('yuanwen:draw:end').length > 0, undefined, { timeout: 600_000 });
  else await waitForRuns(page, 1);
  await page.waitForTimeout(300);
  const tl = await timeline(page);
  const d = await diagnostics(page);
  const m = (name: string) => tl.marks[name]?.[0];
  const runStart = m('run:start') ?? 0;
  const runEnd = tl.marks['run:end']?.at(-1) ?? m('draw:end') ?? runStart;
  const during = tl.longTasks.filter((t) => t.start + t.duration >= runStart && t.start <= runEnd);
  const longest = (xs: typeof tl.longTasks) => (xs.length ? Math.max(...xs.map((t) => t.duration)) : 0);
  const counts = await page.evaluate(() => {
    let nodes = 0;
    const w = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    while (w.nextNode()) nodes++;
    return { nodes, chars: document.body.textContent?.length ?? 0 };
  });
  console.log(`\n${label}  (${counts.nodes} text nodes, ${counts.chars} characters, page load ${loadMs} ms)`);
  console.log(`  content script busy (setup + its slices)    ${ms(d.busyMs)}`);
  console.log(`  setup (script start -> ready)               ${ms((m('ready') ?? 0) - (m('start') ?? 0))}`);
  console.log(`  longest stretch of its work without yielding ${ms(d.maxSliceMs)}`);
  console.log(`  run wall time (start -> end)                ${ms(runEnd - runStart)}`);
  if (expectVerify) {
    console.log(`  extraction wall time (sliced)               ${ms((m('extract:end') ?? 0) - (m('extract:start') ?? 0))}`);
    console.log(`  verification round trip (background)        ${ms((m('answer') ?? 0) - (m('send') ?? 0))}`);
    console.log(`  drawing wall time (sliced)                  ${ms((m('draw:end') ?? 0) - (m('draw:start') ?? 0))}`);
    console.log(`  marks drawn                                 ${d.drawn}`);
  }
  console.log(`  long tasks (>50 ms) while Yuanwen worked    ${during.length}, longest ${ms(longest(during))}`);
  console.log(`  long tasks in the whole page life           ${tl.longTasks.length}, longest ${ms(longest(tl.longTasks))} (page parsing and layout included)`);
  if (references !== undefined) {
    // Same page, same run: the naive main-thread alternative, as one uninterrupted task each.
    const b = await baseline(page, references);
    console.log(`  baseline on this page's main thread: diff-match-patch vs all references ${ms(b.dmpMs)}${b.dmpTimedOut ? ' (cut off by its 1 s timeout)' : ''}, ${ratio(b.dmpMs, d.busyMs, b.dmpTimedOut)}; one task of that length`);
    console.log(`  baseline on this page's main thread: jsdiff diffChars vs all references ${ms(b.jsdiffMs)}${b.jsdiffTimedOut ? ' (gave up at its 5 s timeout)' : ''}, ${ratio(b.jsdiffMs, d.busyMs, b.jsdiffTimedOut)}`);
  }
  await page.close();
}

/**
 * A large page with no Han text at all: 100k elements (divs, spans, paragraphs,
 * the tags that may host a shadow root) of English. What the gate costs where
 * Yuanwen has nothing to do, including its look into shadow roots.
 */
function bigEnglishPage(elements = 100_000): string {
  const words = ['river', 'market', 'weather', 'station', 'garden', 'library', 'harbour', 'meadow'];
  const parts: string[] = [];
  for (let i = 0; i < elements / 4; i++) parts.push(`<div><p><span>${words[i % 8]} ${i}</span> <span>${words[(i * 3) % 8]}</span></p></div>`);
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Large English page</title><link rel="icon" href="data:,"></head><body>${parts.join('')}</body></html>`;
}

const million = process.argv.includes('--million');

async function main(): Promise<void> {
  const { loadCorpus } = await import('../../lib/corpus/node');
  const corpus = loadCorpus();
  const references = corpus.entries
    .filter((e) => e.role === 'reference')
    .map((e) => corpus.files[e.file]!.slice(e.start, e.end))
    .join('\n');
  const h = await new Harness({
    '/big.html': bigPage({ textNodes: 100_000, chars: 1_000_000 }),
    ...(million ? { '/million.html': bigPage({ textNodes: 1_000_000, chars: 2_000_000 }) } : {}),
    '/english.html': buildPage('english'),
    '/english-big.html': bigEnglishPage(),
    '/farm.html': buildPage('farm'),
  }).start();
  try {
    const size = statSync(join(extensionDir, 'content-scripts/content.js')).size;
    console.log(`content script bundle: ${(size / 1024).toFixed(1)} KB (aim: under 50 KB)`);
    // Warm the worker (index build) so the page numbers are about the page.
    await measure(h, '/farm.html', 'seed 002 content-farm page (cold worker)', true, references);
    await measure(h, '/big.html', 'big page', true, references);
    if (million) await measure(h, '/million.html', 'worst case: 10^6 text nodes', true);
    await measure(h, '/english.html', 'no-Han page', false, references);
    // The no-Han cost is about a millisecond, so one sample is mostly noise (timer
    // resolution is 0.1 ms here, and the 2 cores are shared): report the median of several.
    const samples: number[] = [];
    for (let i = 0; i < 9; i++) {
      const page = await h.context.newPage();
      await page.goto(h.url(`/english.html?${i}`));
      await waitForRuns(page, 1);
      samples.push((await diagnostics(page)).busyMs);
      await page.close();
    }
    samples.sort((a, b) => a - b);
    console.log(`  no-Han page, content script busy over 9 loads: median ${ms(samples[4])}, min ${ms(samples[0])}, max ${ms(samples[8])}`);
    // The same for a no-Han page of 100k elements, where the gate's walk into shadow roots would show.
    const big: number[] = [];
    for (let i = 0; i < 5; i++) {
      const page = await h.context.newPage();
      await page.goto(h.url(`/english-big.html?${i}`));
      await waitForRuns(page, 1, 60_000);
      big.push((await diagnostics(page)).busyMs);
      await page.close();
    }
    big.sort((a, b) => a - b);
    console.log(`  no-Han page of 100k elements, content script busy over 5 loads: median ${ms(big[2])}, min ${ms(big[0])}, max ${ms(big[4])}`);
    await measure(h, '/farm.html', 'seed 002 content-farm page (warm worker)', true, references);
  } finally {
    await h.stop();
  }
}

await main();
