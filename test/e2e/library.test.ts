// The reader's library in real Chromium (issue 9, "Done when"): an official
// article on a trusted 127.0.0.1 origin is captured automatically; a spun
// repost of it on another origin is flagged against that original; the
// library is exported as a pack, cleared, re-imported with the same result;
// and it survives a browser restart on the same profile. Nothing leaves
// 127.0.0.1. Screenshots go to test/e2e/screenshots/library-*.png.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { TabReport } from '../../lib/protocol';
import { Harness, waitForBanner } from './harness';
import { escapeHtml, paragraphs } from './pages';
import { official, spin } from '../library/fixtures';

declare const chrome: typeof import('wxt/browser').browser;

const officialHtml = `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>国务院召开全国防汛抗旱工作电视电话会议_中国政府网</title>
<meta name="ArticleTitle" content="国务院召开全国防汛抗旱工作电视电话会议"><meta name="ContentSource" content="新华社"><meta name="PubDate" content="2026-07-10 18:30">
</head><body><div class="nav">首页 | 要闻 | 政策 | 服务 | 数据</div><div class="article"><h1>国务院召开全国防汛抗旱工作电视电话会议</h1>
<div class="info">2026-07-10 18:30 来源：新华社</div>${paragraphs(official.split('\n').slice(1).join('\n'))}</div>
<div class="footer">版权所有：中国政府网 | 关于我们 | 网站声明</div></body></html>`;

const repostHtml = `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>转载</title></head><body>
<div>首页 > 资讯 > 正文</div><h1>${escapeHtml(spin(official.split('\n')[0]!))}</h1>${paragraphs(spin(official.split('\n').slice(1).join('\n')))}
<div>本站内容来自网络，如有侵权请联系删除</div></body></html>`;

let h: Harness;
let other: Server;
let otherOrigin = '';

beforeAll(async () => {
  h = await new Harness({ '/official.html': officialHtml }).start();
  other = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
    res.end(repostHtml);
  });
  await new Promise<void>((r) => other.listen(0, '127.0.0.1', r));
  otherOrigin = `http://127.0.0.1:${(other.address() as AddressInfo).port}`;
}, 120_000);

afterAll(async () => {
  await h?.stop();
  await new Promise<void>((r) => (other ? other.close(() => r()) : r()));
});

const optionsUrl = () => `chrome-extension://${h.extensionId}/options.html`;

async function openOptions(): Promise<Page> {
  const page = await h.context.newPage();
  await page.goto(optionsUrl());
  await page.locator('.yw-library').waitFor();
  return page;
}

async function storedReport(page: Page): Promise<TabReport> {
  const tabId = await h.tabId(page);
  const sw = await h.sw();
  for (let i = 0; i < 100; i++) {
    const tab = await sw.evaluate(async (id) => {
      const key = `tabReport:${id}`;
      return ((await chrome.storage.session.get(key))[key] ?? null) as TabReport | null;
    }, tabId);
    if (tab) return tab;
    await page.waitForTimeout(100);
  }
  throw new Error('no stored report');
}

/** Opens the repost and returns what it was flagged against. */
async function checkRepost(): Promise<{ page: Page; ids: string[]; spin: number; publisher?: string }> {
  const page = await h.context.newPage();
  await page.goto(`${otherOrigin}/repost.html`);
  await waitForBanner(page).catch(() => undefined);
  const tab = await storedReport(page);
  return { page, ids: tab.report.matches.map((m) => m.ref.id), spin: tab.report.counts.spin, publisher: tab.report.matches[0]?.ref.publisher };
}

describe('the reader library, end to end', () => {
  let capturedId = '';
  let before: { ids: string[]; spin: number };

  it('captures an official article from a trusted origin (configured in the options page)', async () => {
    const options = await openOptions();
    await options.getByTestId('trusted').fill(new URL(h.origin).host);
    await options.getByRole('button', { name: '保存网站列表' }).click();
    await options.getByLabel(/打开可信官方网站的文章时/).check();
    await expect.poll(async () => (await h.sw()).evaluate(async () => (await chrome.storage.local.get('capture')).capture)).toMatchObject({ auto: true, trusted: [new URL(h.origin).host] });

    const page = await h.open('/official.html');
    await page.locator('yuanwen-note').waitFor({ state: 'attached', timeout: 20_000 });
    await h.screenshot(page, 'library-auto-capture-note');
    await options.reload();
    const row = options.locator('.yw-library-list li').first();
    await expect.poll(() => row.locator('.yw-library-headline').textContent()).toBe('国务院召开全国防汛抗旱工作电视电话会议');
    capturedId = (await row.getAttribute('data-id'))!;
    expect(await row.textContent()).toContain('新华社');
    expect(await row.textContent()).toContain('2026-07-10');
    expect(await row.textContent()).toContain(`${h.origin}/official.html`);
    await h.screenshot(options, 'library-options');
  });

  it('flags a spun repost on another origin against that original, and the popup says where it came from', async () => {
    const r = await checkRepost();
    expect(r.ids).toContain(capturedId);
    expect(r.spin).toBeGreaterThan(10);
    before = { ids: r.ids, spin: r.spin };
    const popup = await h.openPopup(await h.tabId(r.page));
    await popup.locator('.yw-origin').first().waitFor();
    expect(await popup.locator('.yw-origin').first().textContent()).toMatch(/你的原文库.*自动收录/);
    await h.screenshot(popup, 'library-popup-origin');
  });

  it('exports a pack, clears the library, re-imports it: the same result', async () => {
    const options = await openOptions();
    const [download] = await Promise.all([options.waitForEvent('download'), options.getByRole('button', { name: '导出整个原文库' }).click()]);
    const packPath = join(mkdtempSync(join(tmpdir(), 'yw-pack-')), 'library.json');
    await download.saveAs(packPath);

    await options.locator('.yw-library-list li').first().getByRole('button', { name: '删除' }).click();
    await expect.poll(() => options.locator('.yw-library-list li').count()).toBe(0);
    const cleared = await checkRepost();
    expect(cleared.ids).not.toContain(capturedId);

    await options.getByTestId('import-pack').setInputFiles(packPath);
    await options.getByText(/导入完成：新增 1 篇/).waitFor();
    await h.screenshot(options, 'library-imported');
    const again = await checkRepost();
    expect({ ids: again.ids, spin: again.spin }).toEqual(before);
  });

  it('refuses a corrupt pack with one clear message and changes nothing', async () => {
    const options = await openOptions();
    // The library holds the article captured above: count once the list has loaded.
    await options.locator('.yw-library-list li').first().waitFor();
    const count = await options.locator('.yw-library-list li').count();
    await options.getByTestId('import-pack').setInputFiles({ name: 'bad.json', mimeType: 'application/json', buffer: Buffer.from('{"format":"yuanwen-pack","schemaVersion":1,"manifest":{"title":"x","creator":"y","date":"2026-12-01"},"texts":[{"id":"a","sha256":"' + '0'.repeat(64) + '","content":"会议","articles":[{"id":"a","start":0,"end":2,"headline":"h","publisher":"p","date":"2026-01-01","role":"reference"}]}]}') });
    await options.getByRole('alert').filter({ hasText: '校验值' }).waitFor();
    expect(await options.locator('.yw-library-list li').count()).toBe(count);
  });

  it('still has the library after a browser restart on the same profile', async () => {
    await h.restart();
    const r = await checkRepost();
    expect({ ids: r.ids, spin: r.spin }).toEqual(before);
  });

  it('saves a page by hand from the popup (设为原文), with the publisher corrected before saving', async () => {
    const page = await h.open('/official.html?copy=2');
    const popup = await h.context.newPage();
    await popup.goto(`chrome-extension://${h.extensionId}/popup.html?tab=${await h.tabId(page)}&capture=1`);
    const form = popup.getByRole('form', { name: '把本页存为原文' });
    await form.waitFor();
    expect(await form.locator('input[name="headline"]').inputValue()).toBe('国务院召开全国防汛抗旱工作电视电话会议');
    expect(await form.locator('input[name="date"]').inputValue()).toBe('2026-07-10');
    await form.locator('input[name="publisher"]').fill('新华社（国务院客户端）');
    await h.screenshot(popup, 'library-capture-form');
    await form.getByRole('button', { name: '存为原文' }).click();
    // The same bulletin is in the library already: it becomes another source, not a second original.
    await popup.getByText(/原文库中已有这篇原文/).waitFor();
  });

  it('made no request outside 127.0.0.1', () => {
    expect(h.outsideRequests()).toEqual([]);
  });
});
