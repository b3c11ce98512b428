// The extension in real Chromium (issue 3): banner, highlights, badge, popup,
// reveal, the highlighting switch, pages with and without a bulletin, and no
// network request at all. Screenshots go to test/e2e/screenshots/.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { Report } from '../../lib/engine/types';
import type { TabReport } from '../../lib/protocol';
import {
  Harness,
  bannerNow,
  cardText,
  clickUi,
  diagnostics,
  highlightCount,
  highlightNames,
  highlightTexts,
  waitForBanner,
  waitForRuns,
} from './harness';
import { buildPage, edits, pageNames } from './pages';

declare const chrome: typeof import('wxt/browser').browser;

let h: Harness;

beforeAll(async () => {
  const routes: Record<string, string> = {};
  for (const name of pageNames) routes[`/${name}.html`] = buildPage(name);
  h = await new Harness(routes).start();
}, 120_000);

afterAll(async () => {
  await h?.stop();
});

/** The report the background stored for the page's tab (what the popup reads). */
async function storedReport(page: Page): Promise<{ tabId: number; tab: TabReport }> {
  const tabId = await h.tabId(page);
  // As the popup asks for it (getReport is answered to extension pages only).
  const tab = await h.fromExtensionPage<TabReport | null>({ type: 'getReport', tabId });
  await page.bringToFront();
  if (!tab) throw new Error('no stored report');
  return { tabId, tab };
}

function pageTextsOf(report: Report, pick: (kind: string, distorting: boolean) => boolean): string[] {
  const out: string[] = [];
  for (const m of report.matches) for (const d of m.differences) if (pick(d.kind, (d.kind === 'spin' || d.kind === 'alteration') && d.distorting && !(d.kind === 'alteration' && d.subkind === 'negation'))) out.push(d.pageText);
  return out;
}

/** Every highlighted piece is part of a difference of that kind. */
function expectPiecesOf(pieces: string[], texts: string[]): void {
  for (const p of pieces) expect(texts.some((t) => t.includes(p)), `"${p}" is not inside any difference of its kind`).toBe(true);
}

describe('content-farm repost of seed 002', () => {
  let page: Page;

  it('shows the banner with the counts of the report', async () => {
    page = await h.open('/farm.html');
    const text = await waitForBanner(page);
    const { tabId, tab } = await storedReport(page);
    const c = tab.report.counts;
    // Verdict first, then the worst finding with its example, then numbers that add up to the marks on the page.
    const lines = text.split('\n');
    expect(lines[0]).toBe('被机器改写过');
    expect(lines[1]).toBe('意思被扭曲：原文“应对”，本页“玩忽”');
    const differences = tab.report.matches.reduce((n, m) => n + m.differences.length, 0);
    const signs = tab.report.unmatched.filter((u) => u.scrambled).reduce((n, u) => n + u.signs.length, 0);
    const total = differences + signs;
    expect(lines[2]).toBe(
      `本页共标出 ${total.toLocaleString('zh-CN')} 处：${differences.toLocaleString('zh-CN')} 处与原文不同（对照人民日报 2020年2月3日等 2 篇原文）；${signs.toLocaleString('zh-CN')} 处机器换词找不到原文`,
    );
    expect(c.spin).toBeGreaterThan(100);
    expect(c.distorting).toBeGreaterThan(0);

    const badge = await h.badge(tabId);
    expect(badge.text).toBe(String(total));
    expect(badge.colour.slice(0, 3)).toEqual([0xb9, 0x1c, 0x1c]);
    expect(badge.title).toBe(`原文 · ${lines.join(' · ')}`);
    await h.screenshot(page, 'farm');
  });

  it('highlights each kind over the words of its differences', async () => {
    const { tab } = await storedReport(page);
    const hl = await highlightTexts(page);
    expect(hl['yuanwen-distorting']).toContain('玩忽');
    expect(hl['yuanwen-spin']).toContain('服务');
    const signs = tab.report.unmatched.filter((u) => u.scrambled).flatMap((u) => u.signs.map((s) => s.pageText));
    // Distorting: spin or a reversing alteration inside a match, and distorting spun forms with no original (玩忽 is red everywhere).
    expectPiecesOf(hl['yuanwen-distorting']!, [...pageTextsOf(tab.report, (k, d) => d), ...signs]);
    expectPiecesOf(hl['yuanwen-spin']!, pageTextsOf(tab.report, (k, d) => k === 'spin' && !d));
    const altered = ['yuanwen-negation', 'yuanwen-number', 'yuanwen-name', 'yuanwen-wording'].flatMap((n) => hl[n] ?? []);
    expectPiecesOf(altered, pageTextsOf(tab.report, (k) => k === 'alteration'));
    expectPiecesOf(hl['yuanwen-insertion']!, pageTextsOf(tab.report, (k) => k === 'insertion'));
    // The diary's sections with no original are reported as scrambled, with their spun forms marked.
    expect(hl['yuanwen-scrambled']!.length).toBeGreaterThan(0);
    expectPiecesOf(hl['yuanwen-scrambled']!, signs);
    // Page furniture and hidden text are never highlighted or sent.
    expect(tab.text).not.toContain('隐藏的广告文字');
    expect(tab.text).not.toContain('在这里输入评论');
  });

  it('shows a hover card with the original wording under the pointer', async () => {
    const box = await page.evaluate(() => {
      const h = __ywHighlight('yuanwen-distorting');
      const r = h ? ([...h][0] as Range | undefined) : undefined;
      if (!r) return null;
      r.startContainer.parentElement?.scrollIntoView({ block: 'center' });
      const rect = __ywRangeRects(r)[0]!;
      return { x: rect.left + rect.width / 2, y: rect.top + rect.height / 2 };
    });
    expect(box).not.toBeNull();
    await page.mouse.move(box!.x - 30, box!.y + 40);
    await page.mouse.move(box!.x, box!.y, { steps: 3 });
    await expect.poll(() => cardText(page), { timeout: 10_000 }).not.toBeNull();
    const text = (await cardText(page))!;
    expect(text).toContain('意思被扭曲');
    expect(text).toContain('原文：应对');
    expect(text).toContain('本页：玩忽');
    await h.screenshot(page, 'farm-hover');
  });

  it('the popup shows the comparison for that tab, and clicking a difference scrolls the page to it', async () => {
    const { tabId } = await storedReport(page);
    await page.evaluate(() => window.scrollTo(0, 0));
    const popup = await h.openPopup(tabId);
    await popup.waitForFunction(() => document.body.innerText.includes('人民日报'), undefined, { timeout: 15_000 });
    const body = await popup.evaluate(() => document.body.innerText);
    expect(body).toContain('中共中央政治局常务委员会召开会议');
    await h.screenshot(popup, 'popup-farm');
    // The last marked difference of the side-by-side (components/SideBySide.tsx) is far down the page.
    const reveal = popup.locator('.yw-sbs-page mark[data-finding]');
    await reveal.first().waitFor();
    const n = await reveal.count();
    expect(n).toBeGreaterThan(0);
    await reveal.nth(n - 1).click();
    // Interval polling: the page is a background tab behind the popup, where rAF polling stalls; the flash lasts 1.6 s.
    await page.waitForFunction(() => window.scrollY > 200 && (__ywHighlight('yuanwen-flash')?.size ?? 0) > 0, undefined, { timeout: 10_000, polling: 100 });
    await h.screenshot(page, 'farm-revealed');
    await popup.close();
  });

  it('reveals a spun form of an unmatched scrambled region by region and sign', async () => {
    const { tabId, tab } = await storedReport(page);
    const region = tab.report.unmatched.findIndex((u) => u.scrambled && u.signs.length > 3);
    expect(region).toBeGreaterThanOrEqual(0);
    const sign = tab.report.unmatched[region]!.signs[3]!;
    await page.bringToFront();
    const sw = await h.sw();
    const answer = await sw.evaluate(
      async ([id, r]) => chrome.tabs.sendMessage(id, { type: 'reveal', match: -1, region: r, difference: 3 }),
      [tabId, region] as const,
    );
    expect(answer).toEqual({ ok: true });
    const flashed = await page.evaluate(() => [...(__ywHighlight('yuanwen-flash') ?? [])].map((r) => __ywRangeText(r)).join(''));
    expect(flashed).toBe(sign.pageText);
    // an index that does not exist is answered, not thrown
    expect(await sw.evaluate(async (id) => chrome.tabs.sendMessage(id, { type: 'reveal', match: 99, difference: 0 }), tabId)).toEqual({ ok: false });
  });

  it('switching Yuanwen off everywhere removes the highlights and the banner at once and keeps them off after a reload', async () => {
    expect(await highlightCount(page)).toBeGreaterThan(0);
    const { tabId } = await storedReport(page);
    const popup = await h.openPopup(tabId);
    // The popup's switch (components/HighlightSwitches.tsx): a styled checkbox inside its label.
    const everywhere = popup.locator('label', { hasText: '在所有网站上使用原文' });
    const input = everywhere.locator('input');
    await everywhere.waitFor({ timeout: 15_000 });
    expect(await input.isChecked()).toBe(true);
    await everywhere.click();
    await page.waitForFunction(
      (names) => names.every((n) => !__ywHighlight(n)),
      [...highlightNames],
      { timeout: 2_000 },
    );
    await page.bringToFront();
    await page.reload();
    await waitForRuns(page, 1);
    await page.waitForTimeout(300);
    expect(await highlightCount(page)).toBe(0);
    expect(await bannerNow(page)).toBeNull();
    // back on: highlights and banner return without a reload
    await everywhere.click();
    expect(await input.isChecked()).toBe(true);
    await page.waitForFunction(() => !!__ywHighlight('yuanwen-spin'), undefined, { timeout: 5_000 });
    await waitForBanner(page);
    await popup.close();
    await page.close();
  });
});

describe('the banner button and the settings', () => {
  it('the banner button opens the comparison for this tab', async () => {
    const page = await h.open('/edited.html');
    await waitForBanner(page);
    const tabId = await h.tabId(page);
    const opened = h.context.waitForEvent('page', { predicate: (p) => p.url().includes('/popup.html?tab=') });
    await clickUi(page, 'button.open');
    const popup = await opened;
    expect(popup.url()).toContain(`/popup.html?tab=${tabId}`);
    await popup.waitForFunction(() => document.body.innerText.includes('人民日报'), undefined, { timeout: 15_000 });
    await popup.close();
    // A hidden tab's timers are throttled (1 s wake-ups, less under CPU load): bring the page back first.
    await page.bringToFront();
    // closing the banner keeps it closed while the page changes, and keeps the highlights
    await clickUi(page, 'button.close');
    expect(await bannerNow(page)).toBeNull();
    await page.evaluate(() => document.body.append(Object.assign(document.createElement('p'), { textContent: '页面后来又加了一段文字。' })));
    await waitForRuns(page, 2);
    expect(await bannerNow(page)).toBeNull();
    expect(await highlightCount(page)).toBeGreaterThan(0);
    // The page remembers the closed banner (across reloads): forget it for the next tests on this page.
    await (await h.sw()).evaluate(async () => chrome.storage.local.remove('closedBanners'));
    await page.close();
  });

  it('pausing Yuanwen on this site hides marks, banner and badge; hiding the banner here hides only the banner; a closed banner stays closed', async () => {
    const page = await h.open('/edited.html');
    await waitForBanner(page);
    const tabId = await h.tabId(page);
    const popup = await h.openPopup(tabId);
    const site = popup.locator('label', { hasText: '在 127.0.0.1 上使用原文' });
    await site.waitFor({ timeout: 15_000 });
    await site.click();
    await page.waitForFunction(() => !__ywHighlight('yuanwen-spin'), undefined, { timeout: 2_000 });
    await expect.poll(() => bannerNow(page), { timeout: 3_000 }).toBeNull();
    await expect.poll(async () => (await h.badge(tabId)).text, { timeout: 3_000 }).toBe('');
    const stored = await (await h.sw()).evaluate(async () => (await chrome.storage.local.get('settings')).settings as { disabledSites: string[] });
    expect(stored.disabledSites).toEqual(['127.0.0.1']);
    await site.click();
    await page.waitForFunction(() => !!__ywHighlight('yuanwen-spin'), undefined, { timeout: 2_000 });
    await expect.poll(() => bannerNow(page), { timeout: 3_000 }).not.toBeNull();
    await expect.poll(async () => (await h.badge(tabId)).text, { timeout: 3_000 }).not.toBe('');
    // "Show the banner on this site" off: the banner goes, the marks stay.
    const banner = popup.locator('label', { hasText: '在此网站显示横幅' });
    await banner.click();
    await expect.poll(() => bannerNow(page), { timeout: 3_000 }).toBeNull();
    expect(await page.evaluate(() => !!__ywHighlight('yuanwen-spin'))).toBe(true);
    await banner.click();
    await expect.poll(() => bannerNow(page), { timeout: 3_000 }).not.toBeNull();
    await popup.close();
    // Closed by the reader: stays closed on this page, after a reload too.
    await page.bringToFront();
    await clickUi(page, 'button.close');
    await expect.poll(() => bannerNow(page), { timeout: 3_000 }).toBeNull();
    await page.reload();
    await waitForRuns(page, 1);
    await page.waitForTimeout(500);
    expect(await bannerNow(page)).toBeNull();
    // Forget it, so the next tests on this page see the banner.
    await (await h.sw()).evaluate(async () => chrome.storage.local.remove('closedBanners'));
    await page.close();
  });

  it('a kind switched off in the settings is not drawn; the others are', async () => {
    const page = await h.open('/edited.html');
    await waitForBanner(page);
    await h.setSettings({ version: 1, highlightEverywhere: true, disabledSites: [], sensitivity: 'default', kinds: { spin: false } });
    await page.waitForFunction(() => !__ywHighlight('yuanwen-spin') && !!__ywHighlight('yuanwen-distorting'), undefined, { timeout: 2_000 });
    await h.setSettings({ version: 1, highlightEverywhere: true, disabledSites: [], sensitivity: 'default' });
    await page.waitForFunction(() => !!__ywHighlight('yuanwen-spin'), undefined, { timeout: 2_000 });
    await page.close();
  });

  it('corrupt or old-format settings never break the page, and are not overwritten by reading them', async () => {
    await h.setSettings('{{ not json');
    let page = await h.open('/edited.html');
    await waitForBanner(page);
    expect((await highlightTexts(page))['yuanwen-distorting']).toEqual(['玩忽']);
    await page.close();
    const sw = await h.sw();
    expect(await sw.evaluate(async () => (await chrome.storage.local.get('settings')).settings)).toBe('{{ not json');
    // version 0 stored `enabled: false`: Yuanwen stays off (no marks, no banner), the rest falls back to defaults
    await h.setSettings({ enabled: false, kinds: 'garbage' });
    page = await h.open('/edited.html');
    await waitForRuns(page, 1);
    await page.waitForTimeout(300);
    expect(await highlightCount(page)).toBe(0);
    expect(await bannerNow(page)).toBeNull();
    await page.close();
    await h.setSettings({ version: 1, highlightEverywhere: true, disabledSites: [], sensitivity: 'default' });
  });
});

describe('an edited repost: one difference of each kind', () => {
  it('marks each edit with its kind, over the edited words', async () => {
    const page = await h.open('/edited.html');
    const text = await waitForBanner(page);
    expect(text.split('\n')[0]).toBe('被机器改写过');
    expect(text).toContain('意思被扭曲：原文“应对”，本页“玩忽”');
    expect(text).toContain('（对照人民日报 2020年2月3日原文）');
    const hl = await highlightTexts(page);
    expect(hl['yuanwen-distorting']).toEqual(['玩忽']);
    expect(hl['yuanwen-spin']).toEqual(['服务']);
    expect(hl['yuanwen-number']).toEqual(['5']);
    expect(hl['yuanwen-negation']).toEqual(['不']);
    expect(hl['yuanwen-insertion']!.join('')).toContain('免费发放口罩');
    // the omission marker sits on a character next to the dropped sentence
    expect(hl['yuanwen-omission']).toHaveLength(1);
    const around = await page.evaluate(() => {
      const r = [...__ywHighlight('yuanwen-omission')!][0] as Range;
      return r.startContainer.textContent!.slice(Math.max(0, r.startOffset - 20), r.endOffset + 20);
    });
    expect(around).toContain('病死率');
    expect(around).not.toContain(edits.omission.from);
    await h.screenshot(page, 'edited');
    await page.close();
  });
});

describe('references reposted faithfully', () => {
  it('a faithful repost gets a calm banner and a green badge', async () => {
    const page = await h.open('/faithful.html');
    const text = await waitForBanner(page);
    expect(text.split('\n')[0]).toBe('与原文一致');
    expect(text).toContain('对照人民日报 2020年2月3日原文');
    expect(text).not.toContain('机器');
    const { tabId, tab } = await storedReport(page);
    expect(tab.report.verdict).toBe('faithful');
    const badge = await h.badge(tabId);
    expect(badge.text).toBe('✓');
    expect(await highlightCount(page)).toBe(0);
    await page.close();
  });

  it('a Traditional-script repost is matched and not flagged', async () => {
    const page = await h.open('/traditional.html');
    const text = await waitForBanner(page);
    expect(text.split('\n')[0]).toMatch(/^(正文)?与原文一致$/);
    expect(text).toContain('对照人民日报 2020年2月3日原文');
    expect(text).not.toContain('机器');
    await h.screenshot(page, 'traditional');
    await page.close();
  });
});

describe('pages that change or have nothing to verify', () => {
  it('a bulletin inserted after load is verified', async () => {
    const page = await h.open('/late.html');
    const text = await waitForBanner(page);
    expect(text).toContain('机器换词');
    expect(await highlightCount(page)).toBeGreaterThan(0);
    await page.close();
  });

  it('a Chinese page with no bulletin shows no banner, no highlight and no badge', async () => {
    const page = await h.open('/none.html');
    await page.waitForFunction(() => performance.getEntriesByName('yuanwen:answer').length > 0, undefined, { timeout: 15_000 });
    await waitForRuns(page, 1);
    expect(await bannerNow(page)).toBeNull();
    expect(await highlightCount(page)).toBe(0);
    const tabId = await h.tabId(page);
    expect((await h.badge(tabId)).text).toBe('');
    await h.screenshot(page, 'none');
    await page.close();
  });

  it('a page with no Han text sends nothing', async () => {
    const page = await h.open('/english.html');
    await waitForRuns(page, 1);
    const marks = await page.evaluate(() => performance.getEntriesByType('mark').map((m) => m.name).filter((n) => n.startsWith('yuanwen:')));
    expect(marks).not.toContain('yuanwen:send');
    expect(marks).not.toContain('yuanwen:extract:start');
    const d = await diagnostics(page);
    expect(d.drawn).toBe(0);
    await page.close();
  });

  it('a dark page (screenshot for colour check)', async () => {
    const page = await h.open('/dark.html');
    await waitForBanner(page);
    await h.screenshot(page, 'dark');
    await page.close();
  });
});

describe('privacy', () => {
  it('the recorder sees requests made by the service worker (so the check below covers it)', async () => {
    const sw = await h.sw();
    const probe = h.url('/none.html?probe-from-worker');
    await sw.evaluate(async (url) => void (await fetch(url)), probe);
    await expect.poll(() => h.requests.find((r) => r.url === probe)?.from ?? '', { timeout: 5_000 }).toMatch(/^worker chrome-extension:/);
  });

  it('made no network request beyond 127.0.0.1 and the extension', () => {
    expect(h.requests.length).toBeGreaterThan(0);
    expect(h.outsideRequests()).toEqual([]);
  });
});
