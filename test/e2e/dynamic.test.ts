// Pages that change under Yuanwen (issue 3, issue 4): single-page navigation,
// infinite scroll, and the service worker stopped in the middle of a verification.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Harness, bannerNow, highlightCount, highlightTexts, waitForBanner, waitForRuns } from './harness';
import { buildPage, hugePage, infinitePage, spaPage } from './pages';

declare const chrome: typeof import('wxt/browser').browser;

let h: Harness;

beforeAll(async () => {
  const spa = spaPage();
  h = await new Harness({ '/spa': spa, '/spa/next': spa, '/infinite.html': infinitePage(), '/huge.html': hugePage(3 * 1024 * 1024), '/farm.html': buildPage('farm'), '/english.html': buildPage('english') }).start();
}, 120_000);

afterAll(async () => {
  await h?.stop();
});

describe('pages that change', () => {
  it('single-page navigation: the new article is verified, Back restores the old result', async () => {
    const page = await h.open('/spa');
    const first = await waitForBanner(page);
    expect(first).toContain('机器换词');
    const tabId = await h.tabId(page);
    expect(Number((await h.badge(tabId)).text)).toBeGreaterThan(100);

    await page.click('#next');
    expect(new URL(page.url()).pathname).toBe('/spa/next');
    await expect.poll(async () => (await bannerNow(page)) ?? '', { timeout: 15_000 }).toContain('文字一致');
    expect(await highlightCount(page)).toBe(0);
    await expect.poll(async () => (await h.badge(tabId)).text, { timeout: 10_000 }).toBe('✓');

    await page.goBack();
    await expect.poll(async () => (await bannerNow(page)) ?? '', { timeout: 15_000 }).toContain('机器换词');
    expect(await highlightCount(page)).toBeGreaterThan(100);
    await page.close();
  });

  it('navigating the tab to another page clears the badge and the stored report', async () => {
    const page = await h.open('/farm.html');
    await waitForBanner(page);
    const tabId = await h.tabId(page);
    expect((await h.badge(tabId)).text).not.toBe('');
    // the next page has no Han text: its content script sends nothing, so only the background's navigation handling can clear
    await page.goto(h.url('/english.html'));
    await waitForRuns(page, 1);
    await expect.poll(async () => (await h.badge(tabId)).text, { timeout: 5_000 }).toBe('');
    const sw = await h.sw();
    expect(await sw.evaluate(async (id) => (await chrome.storage.session.get(`tabReport:${id}`))[`tabReport:${id}`] ?? null, tabId)).toBeNull();
    await page.close();
  });

  it('infinite scroll: paragraphs that arrive later are verified and highlighted', async () => {
    const page = await h.open('/infinite.html');
    await waitForBanner(page);
    const before = await highlightCount(page);
    for (let i = 0; i < 6; i++) {
      await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
      await page.waitForFunction((n) => (window as unknown as { __chunks: number }).__chunks > n, i + 2, { timeout: 5_000 }).catch(() => undefined);
    }
    await expect.poll(() => highlightCount(page), { timeout: 15_000 }).toBeGreaterThan(before + 50);
    const hl = await highlightTexts(page);
    expect(hl['yuanwen-distorting']).toContain('玩忽');
    await page.close();
  });
});

describe('service worker', () => {
  it('stopped in the middle of a verification: the content script retries and the tab still gets its report', async () => {
    const page = await h.context.newPage();
    const cdp = await h.context.newCDPSession(page);
    await page.goto(h.url('/huge.html'), { waitUntil: 'commit' });
    // As soon as the page has sent its text, stop every service worker (ours is verifying ~1M characters).
    await page.waitForFunction(() => performance.getEntriesByName('yuanwen:send').length > 0, undefined, { polling: 5, timeout: 30_000 });
    await cdp.send('ServiceWorker.enable');
    await cdp.send('ServiceWorker.stopAllWorkers');
    const text = await waitForBanner(page, 60_000);
    expect(text).toContain('机器换词');
    const marks = await page.evaluate(() => performance.getEntriesByType('mark').map((m) => m.name));
    expect(marks).toContain('yuanwen:retry');
    // and the background stored the report and set the badge
    await waitForRuns(page, 1);
    const tabId = await h.tabId(page);
    await expect.poll(async () => (await h.badge(tabId)).text, { timeout: 10_000 }).not.toBe('');
    await page.close();
  }, 90_000);

  it('made no network request beyond 127.0.0.1 and the extension', () => {
    expect(h.outsideRequests()).toEqual([]);
  });
});
