// Issue 11, stalling: a page that makes Yuanwen work without end, or makes
// its work block the page. In real Chromium.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { Harness, diagnostics, startHeartbeat, waitForBanner } from './harness';
import { buildPage, manyMarksPage, pageshowStormPage } from './pages';
import { maxPaintedMarks } from '../../lib/dom/paint-window';

let h: Harness;

beforeAll(async () => {
  h = await new Harness({
    '/pageshow.html': pageshowStormPage(),
    '/marks.html': manyMarksPage(Number(process.env.YW_MARK_COPIES ?? 60)),
    // The heavy tab of the turns test: long enough (about 2 M characters) that its verification is still running
    // when the small tab asks, now that ×60 verifies in under a second.
    '/heavy.html': manyMarksPage(120),
    '/small.html': buildPage('edited'),
  }).start();
}, 120_000);

afterAll(async () => {
  await h?.stop();
});

describe('stalling', () => {
  it('synthetic pageshow and popstate events every 200 ms force no verification', async () => {
    const page = await h.open('/pageshow.html');
    await waitForBanner(page);
    const runs0 = (await diagnostics(page)).runs;
    await page.waitForTimeout(5000); // the storm's measurement window: 25 fake pageshows
    const fired = await page.evaluate(() => (window as unknown as { __pageshows: number }).__pageshows);
    const runs = (await diagnostics(page)).runs - runs0;
    console.log(`pageshow storm: ${fired} fake events, ${runs} extra runs`);
    expect(fired).toBeGreaterThan(20);
    expect(runs).toBe(0);
    await page.close();
  }, 60_000);

  // One retry: in two fresh-clone CI runs (stop 18) the first try had one long slice (1,166 and 718 ms)
  // and the retry 20 ms; run alone, on the same builds, slices are 22-25 ms. A first heavy draw after the
  // suite's earlier tests is slower once, for a reason not found (README, "Known limits"). The defects
  // this guards (a 9.3 s first draw, 200-580 ms slices on every draw) fail both tries.
  it('tens of thousands of marks make no long task: at most maxPaintedMarks registered, slices short (figures printed)', { retry: 1, timeout: 120_000 }, async () => {
    const page = await h.context.newPage();
    await page.goto(h.url('/marks.html'), { waitUntil: 'domcontentloaded' });
    await page.evaluate(() => {
      const w = window as unknown as { __lt: Array<[number, number]> };
      w.__lt = [];
      new PerformanceObserver((l) => {
        for (const e of l.getEntries()) w.__lt.push([e.startTime, e.duration]);
      }).observe({ type: 'longtask', buffered: true });
    });
    await page.waitForFunction(() => performance.getEntriesByName('yuanwen:start').length > 0, undefined, { timeout: 60_000 });
    const heartbeat = await startHeartbeat(page);
    await waitForBanner(page, 60_000);
    await page.waitForFunction(() => performance.getEntriesByName('yuanwen:draw:end').length > 0, undefined, { timeout: 60_000 });
    await page.waitForTimeout(2000); // the browser paints what was registered
    const d = (await diagnostics(page)) as Awaited<ReturnType<typeof diagnostics>> & { painted: number };
    const gap = await heartbeat();
    const longTasks = await page.evaluate(() => {
      const start = performance.getEntriesByName('yuanwen:start')[0]!.startTime;
      return (window as unknown as { __lt: Array<[number, number]> }).__lt.filter(([at]) => at >= start).map(([, ms]) => Math.round(ms));
    });
    console.log(`many marks: ${d.drawn} drawn, ${d.painted} registered, busy ${d.busyMs} ms, longest slice ${d.maxSliceMs} ms, long tasks after start [${longTasks.join(', ')}] ms, longest heartbeat gap ${gap.toFixed(0)} ms`);
    expect(d.drawn).toBeGreaterThan(20_000);
    // Counts stay the report's; the registry holds only the window near the reader.
    expect(d.painted).toBe(maxPaintedMarks);
    // Bounds for a loaded 2-core machine (one run here: longest slice 38 ms,
    // no long task after start, heartbeat gap 584 ms; before the paint window:
    // 430-1163 ms slices and 3.9-4.9 s gaps). The Long Tasks limit is 50 ms;
    // 300 ms leaves room for a busy machine, 1.5 s for the report's arrival.
    expect(Math.max(0, ...longTasks)).toBeLessThan(300);
    expect(gap).toBeLessThan(1500);
    await page.close();
  });

  it("a heavy verification in one tab does not hold up another tab's verdict (figures printed)", async () => {
    // The small repost alone, twice (the first wakes the library): its own time in this run.
    for (let i = 0; i < 2; i++) {
      const warm = await h.open('/small.html');
      await waitForMark(warm, 'answer');
      await warm.close();
    }
    const alone = await h.open('/small.html');
    const aloneMs = await answerDelay(alone);
    await alone.close();

    // Seed 002 (spun) 120 times: one verification of about two million characters.
    const heavy = await h.context.newPage();
    await heavy.goto(h.url('/heavy.html'), { waitUntil: 'domcontentloaded' });
    await waitForMark(heavy, 'send', 60_000);
    await heavy.waitForTimeout(500); // the message is across and the engine has started on it
    const small = await h.open('/small.html');
    const withHeavyMs = await answerDelay(small, 60_000);
    const smallAnswered = await markAt(small, 'answer');
    await waitForMark(heavy, 'answer', 90_000);
    const heavyAnswered = await markAt(heavy, 'answer');
    const heavySent = await markAt(heavy, 'send');
    console.log(`unrelated tab: small repost's answer ${aloneMs.toFixed(0)} ms alone, ${withHeavyMs.toFixed(0)} ms while a ${(heavyAnswered - heavySent).toFixed(0)} ms verification runs in another tab`);
    // The heavy verification was still running when the small tab got its answer: the bound below means something.
    expect(heavyAnswered).toBeGreaterThan(smallAnswered);
    // Generous for 2 shared cores: the small verification plus a few of the heavy one's slices.
    expect(withHeavyMs).toBeLessThan(4 * aloneMs + 1000);
    await small.close();
    await heavy.close();
  }, 180_000);
});

async function waitForMark(page: Page, name: string, timeout = 20_000): Promise<void> {
  await page.waitForFunction((n) => performance.getEntriesByName(`yuanwen:${n}`).length > 0, name, { timeout, polling: 50 });
}

/** When a page's first `yuanwen:<name>` mark was set, on the machine's clock (comparable across pages). */
function markAt(page: Page, name: string): Promise<number> {
  return page.evaluate((n) => performance.timeOrigin + performance.getEntriesByName(`yuanwen:${n}`)[0]!.startTime, name);
}

/** From the page sending its text to the background's answer (the worker's queue plus the verification). */
async function answerDelay(page: Page, timeout = 20_000): Promise<number> {
  await waitForMark(page, 'answer', timeout);
  return (await markAt(page, 'answer')) - (await markAt(page, 'send'));
}

