// Issue 11, silencing: a page that knows the extension id (a store id is
// public) tries WXT's content-script-started event to switch Yuanwen off, and
// listens for it (and for WXT's postMessage) to learn that Yuanwen runs.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Harness, bannerNow, highlightTexts, waitForBanner, waitForRuns } from './harness';
import { englishSnoopPage, silencingPage } from './pages';

let h: Harness;

beforeAll(async () => {
  h = await new Harness({ '/silence.html': silencingPage(), '/snoop.html': englishSnoopPage() }).start();
}, 120_000);

afterAll(async () => {
  await h?.stop();
});

describe('WXT started event', () => {
  it('a page dispatching the event before and after verification does not stop Yuanwen, and never sees it', async () => {
    const page = await h.open(`/silence.html?id=${h.extensionId}`);
    const text = await waitForBanner(page);
    expect(text).toContain('处');
    const before = await highlightTexts(page);
    expect(before['yuanwen-distorting']).toEqual(['玩忽']);
    // Keep firing after the banner is up: banner and marks stay.
    const fired = await page.evaluate(() => (window as unknown as { __fired: number }).__fired);
    await page.waitForFunction((n) => (window as unknown as { __fired: number }).__fired > n + 20, fired);
    expect(await bannerNow(page)).toBe(text);
    expect((await highlightTexts(page))['yuanwen-distorting']).toEqual(['玩忽']);
    // The script still reacts to the page: an edit is verified afresh.
    await page.evaluate(() => {
      const p = document.createElement('p');
      p.textContent = '本站编辑补充。';
      document.getElementById('article-body')!.appendChild(p);
    });
    await waitForRuns(page, 2);
    expect(await bannerNow(page)).toBe(text);
    expect(await page.evaluate(() => (window as unknown as { __seen: string[] }).__seen)).toEqual([]);
    await page.close();
  });

  it('a page without Han text sees neither the event nor a postMessage', async () => {
    const page = await h.open(`/snoop.html?id=${h.extensionId}`);
    // Give the content script time to start and finish its gate check.
    await page.waitForTimeout(1500);
    expect(await page.evaluate(() => (window as unknown as { __seen: string[] }).__seen)).toEqual([]);
    await page.close();
  });
});
