// Popup and side panel in real Chromium, on seed 002 (the farm page: 457
// differences against 2 originals, 1,178 spun forms with no original):
//   npx tsx test/bench/popup.ts [runs] [production|e2e]
// The build is the release one by default (what readers run: React's
// production bundle); `e2e` measures the diagnostics build the tests load,
// whose React is the development bundle and renders several times slower.
// For each surface prints, as medians over the runs, the first render (ms from
// navigation to the frame after the report view committed: page load, report
// fetched from the background, view built and painted), the longest main-thread
// task (Long Tasks API; 0 when none was over 50 ms) and the DOM size. Beside
// them, measured in the same run, the same surfaces on a faithful repost
// (seed 003, no differences) as the baseline, with the ratio. Aim on 002:
// first render <= 150 ms, no long task over 50 ms. Prints, never asserts.
import type { Page } from 'playwright-core';
import { Harness, waitForBanner } from '../e2e/harness';
import { buildPage } from '../e2e/pages';

const runs = Number(process.argv[2] ?? 5);
const build = process.argv[3] === 'e2e' ? 'e2e' : 'production';

const observeLongTasks = () => {
  const w = window as unknown as { __longTasks: number[] };
  w.__longTasks = [];
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) w.__longTasks.push(e.duration);
    }).observe({ type: 'longtask', buffered: true });
  } catch {
    // no Long Tasks API
  }
};

interface Sample {
  /** Navigation to the script running (bundle loaded and parsed). */
  script: number;
  /** ...to the report received from the background. */
  report: number;
  /** ...to React committing the report view. */
  commit: number;
  firstRender: number;
  /** ...to the frame after the side-by-side mounted (everything on screen). */
  complete: number;
  longestTask: number;
  nodes: number;
  marks: number;
}

async function measure(h: Harness, tabId: number, surface: 'popup' | 'sidepanel', width: number): Promise<Sample> {
  const page: Page = await h.context.newPage();
  await page.setViewportSize({ width, height: 600 });
  await page.addInitScript(observeLongTasks);
  const url = surface === 'popup' ? `popup.html?tab=${tabId}&as=popup` : `sidepanel.html?tab=${tabId}`;
  await page.goto(`chrome-extension://${h.extensionId}/${url}`);
  await page.waitForFunction(() => performance.getEntriesByName('yuanwen:view:frame').length > 0 && (performance.getEntriesByName('yuanwen:view:complete').length > 0 || !document.querySelector('.yw-panes')), undefined, { timeout: 20_000 });
  // Let any task started by the first render finish before reading the long tasks.
  await page.waitForTimeout(300);
  const s = await page.evaluate(() => ({
    script: performance.getEntriesByName('yuanwen:view:script')[0]?.startTime ?? NaN,
    report: performance.getEntriesByName('yuanwen:view:report')[0]?.startTime ?? NaN,
    commit: performance.getEntriesByName('yuanwen:view:commit')[0]?.startTime ?? NaN,
    firstRender: performance.getEntriesByName('yuanwen:view:frame')[0]!.startTime,
    complete: (performance.getEntriesByName('yuanwen:view:complete')[0] ?? performance.getEntriesByName('yuanwen:view:frame')[0]!).startTime,
    longestTask: Math.max(0, ...((window as unknown as { __longTasks?: number[] }).__longTasks ?? [])),
    nodes: document.getElementsByTagName('*').length,
    marks: document.querySelectorAll('mark').length,
  }));
  await page.close();
  return s;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
};

async function main(): Promise<void> {
  const h = await new Harness({ '/farm.html': buildPage('farm'), '/faithful.html': buildPage('faithful') }).start({ build });
  try {
    const tabs: Record<string, number> = {};
    for (const name of ['farm', 'faithful']) {
      const page = await h.open(`/${name}.html`);
      await waitForBanner(page);
      tabs[name] = await h.tabId(page);
    }
    console.log(`Popup and side panel, real Chromium, ${build} build, ${runs} runs each, medians (seed 002 farm page vs seed 003 faithful repost as the baseline)`);
    for (const [surface, width] of [['popup', 360], ['popup', 600], ['popup', 800], ['sidepanel', 400], ['sidepanel', 800]] as const) {
      const results: Record<string, Sample[]> = { farm: [], faithful: [] };
      // Warm-up: the first open of an extension page compiles its bundle.
      await measure(h, tabs.farm!, surface, width);
      for (let i = 0; i < runs; i++) for (const name of ['faithful', 'farm']) results[name]!.push(await measure(h, tabs[name]!, surface, width));
      const m = (name: string, k: keyof Sample) => median(results[name]!.map((r) => r[k]));
      const fr = m('farm', 'firstRender');
      const base = m('faithful', 'firstRender');
      console.log(
        `  ${surface} ${width}px  002: script ${m('farm', 'script').toFixed(0)} ms, report ${m('farm', 'report').toFixed(0)} ms, commit ${m('farm', 'commit').toFixed(0)} ms, first render ${fr.toFixed(0)} ms, complete ${m('farm', 'complete').toFixed(0)} ms, longest task ${m('farm', 'longestTask').toFixed(0)} ms (0 = none over 50 ms), ` +
          `${m('farm', 'nodes')} nodes, ${m('farm', 'marks')} marks | 003 baseline: first render ${base.toFixed(0)} ms, complete ${m('faithful', 'complete').toFixed(0)} ms, longest task ${m('faithful', 'longestTask').toFixed(0)} ms | ratio ${(fr / base).toFixed(2)}×`,
      );
    }
  } finally {
    await h.stop();
  }
}

await main();
