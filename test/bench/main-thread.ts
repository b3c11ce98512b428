// Main-thread cost of the content script in real Chromium (issue 4, points 2-4).
//   npx tsx test/bench/main-thread.ts
// Builds the extension if needed, serves a page of 100k text nodes / ~1M
// characters, a no-Han page and a small Chinese page from 127.0.0.1, and
// prints: the longest main-thread task while Yuanwen worked (Long Tasks API),
// the content script's own busy time (summed over its slices), the wall time
// of extraction, verification round trip and drawing (performance marks the
// content script sets; marks from the isolated world land in the page's
// timeline in Chromium), and the content script bundle size. Prints, never asserts.
import { statSync } from 'node:fs';
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

function ms(n: number | undefined): string {
  return n === undefined ? '-' : `${n.toFixed(1)} ms`;
}

async function measure(h: Harness, path: string, label: string, expectVerify: boolean): Promise<void> {
  const page = await h.context.newPage();
  await page.addInitScript(observeLongTasks);
  const t0 = Date.now();
  await page.goto(h.url(path), { waitUntil: 'load' });
  const loadMs = Date.now() - t0;
  if (expectVerify) await page.waitForFunction(() => performance.getEntriesByName('yuanwen:draw:end').length > 0, undefined, { timeout: 120_000 });
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
  await page.close();
}

async function main(): Promise<void> {
  const h = await new Harness({
    '/big.html': bigPage({ textNodes: 100_000, chars: 1_000_000 }),
    '/english.html': buildPage('english'),
    '/farm.html': buildPage('farm'),
  }).start();
  try {
    const size = statSync(join(extensionDir, 'content-scripts/content.js')).size;
    console.log(`content script bundle: ${(size / 1024).toFixed(1)} KB (aim: under 50 KB)`);
    // Warm the worker (index build) so the page numbers are about the page.
    await measure(h, '/farm.html', 'seed 002 content-farm page (cold worker)', true);
    await measure(h, '/big.html', 'big page', true);
    await measure(h, '/english.html', 'no-Han page', false);
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
    await measure(h, '/farm.html', 'seed 002 content-farm page (warm worker)', true);
  } finally {
    await h.stop();
  }
}

await main();
