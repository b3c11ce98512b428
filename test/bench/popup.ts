// Popup and side panel in real Chromium, on seed 002 (the farm page: 462
// differences against 2 originals, 1,178 spun forms with no original):
//   npx tsx test/bench/popup.ts [runs] [production|e2e] [--cpu N]
// The build is the release one by default (what readers run: React's
// production bundle); `e2e` measures the diagnostics build the tests load,
// whose React is the development bundle and renders several times slower.
// `--cpu N` slows the view's main thread N times (CDP CPU throttling), as a
// busy machine would: what the long-task aim looks like with less headroom.
// For each surface prints the median and the range over the runs of the first
// render (ms from navigation to the frame after the verdict, the worst finding
// and the first screen of the list committed: page load, report fetched from
// the background, view built and painted), of the complete render (the frame
// after the last row of the side-by-side mounted), and of the long tasks
// (Long Tasks API, tasks over 50 ms, from navigation to 300 ms after the
// complete render): how many, and the longest. Beside them, measured in the
// same run, the same surfaces on a faithful repost (seed 003, no differences)
// as the baseline, with the ratio. Aim on 002: first render <= 150 ms, no long
// task over 50 ms. Prints, never asserts.
import type { Page } from 'playwright-core';
import { Harness, waitForBanner } from '../e2e/harness';
import { buildPage } from '../e2e/pages';

const args = process.argv.slice(2);
const cpuAt = args.indexOf('--cpu');
const cpu = cpuAt >= 0 ? Number(args.splice(cpuAt, 2)[1]) : 1;
const runs = Number(args[0] ?? 5);
const build = args[1] === 'e2e' ? 'e2e' : 'production';

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
  longTasks: number;
  nodes: number;
  marks: number;
}

async function measure(h: Harness, tabId: number, surface: 'popup' | 'sidepanel', width: number): Promise<Sample> {
  const page: Page = await h.context.newPage();
  await page.setViewportSize({ width, height: 600 });
  await page.addInitScript(observeLongTasks);
  if (cpu > 1) await (await h.context.newCDPSession(page)).send('Emulation.setCPUThrottlingRate', { rate: cpu });
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
    longTasks: ((window as unknown as { __longTasks?: number[] }).__longTasks ?? []).length,
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

/** "median (min–max)" of one figure over the runs. */
const spread = (xs: number[]) => `${median(xs).toFixed(0)} (${Math.min(...xs).toFixed(0)}–${Math.max(...xs).toFixed(0)})`;

async function main(): Promise<void> {
  const h = await new Harness({ '/farm.html': buildPage('farm'), '/faithful.html': buildPage('faithful') }).start({ build });
  try {
    const tabs: Record<string, number> = {};
    for (const name of ['farm', 'faithful']) {
      const page = await h.open(`/${name}.html`);
      await waitForBanner(page);
      tabs[name] = await h.tabId(page);
    }
    console.log(`Popup and side panel, real Chromium, ${build} build${cpu > 1 ? `, CPU slowed ${cpu}×` : ''}, ${runs} runs each: median (min–max) over the runs; seed 002 farm page vs seed 003 faithful repost as the baseline`);
    const all: Sample[] = [];
    for (const [surface, width] of [['popup', 360], ['popup', 600], ['popup', 800], ['sidepanel', 400], ['sidepanel', 800]] as const) {
      const results: Record<string, Sample[]> = { farm: [], faithful: [] };
      // Warm-up: the first open of an extension page compiles its bundle.
      await measure(h, tabs.farm!, surface, width);
      for (let i = 0; i < runs; i++) for (const name of ['faithful', 'farm']) results[name]!.push(await measure(h, tabs[name]!, surface, width));
      const of = (name: string, k: keyof Sample) => results[name]!.map((r) => r[k]);
      all.push(...results.farm!);
      const fr = median(of('farm', 'firstRender'));
      const base = median(of('faithful', 'firstRender'));
      console.log(
        `  ${surface} ${width}px  002: first render ${spread(of('farm', 'firstRender'))} ms (script ${spread(of('farm', 'script'))}, report ${spread(of('farm', 'report'))}, commit ${spread(of('farm', 'commit'))}), ` +
          `complete ${spread(of('farm', 'complete'))} ms, long tasks over 50 ms ${spread(of('farm', 'longTasks'))}, longest ${spread(of('farm', 'longestTask'))} ms (0 = none), ` +
          `${median(of('farm', 'nodes'))} nodes, ${median(of('farm', 'marks'))} marks | 003 baseline: first render ${spread(of('faithful', 'firstRender'))} ms, complete ${spread(of('faithful', 'complete'))} ms | ratio ${(fr / base).toFixed(2)}×`,
      );
    }
    const over = all.filter((r) => r.firstRender > 150).length;
    const withLong = all.filter((r) => r.longTasks > 0).length;
    console.log(
      `  002, all surfaces: first render ${spread(all.map((r) => r.firstRender))} ms, ${over}/${all.length} opens over 150 ms; ` +
        `${withLong}/${all.length} opens with a long task over 50 ms (${all.reduce((n, r) => n + r.longTasks, 0)} long tasks in all, longest ${Math.max(...all.map((r) => r.longestTask)).toFixed(0)} ms)`,
    );
  } finally {
    await h.stop();
  }
}

await main();
