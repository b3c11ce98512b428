// Storage full, in real Chromium: the extension origin's quota is made tiny
// over CDP (Storage.overrideQuotaForOrigin), then the reader adds a pasted
// text and imports a pack in the options page. Each time the page says, in
// Chinese, that nothing was saved and the originals are still there; and
// nothing already stored is lost: the list, the full texts and the worker's
// verdict on a repost are the same after, and with the quota back the same
// pack imports whole.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CDPSession, Page } from 'playwright-core';
import { loadCorpus } from '../../lib/corpus/node';
import type { TabReport } from '../../lib/protocol';
import { corpusPack, serializePack } from '../../lib/pack';
import { genreCorpus } from '../bench/synth';
import { official, spin } from '../library/fixtures';
import { Harness, waitForBanner } from './harness';
import { paragraphs } from './pages';

declare const chrome: typeof import('wxt/browser').browser;

const repostHtml = `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>转载</title></head><body>
<h1>转载</h1>${paragraphs(spin(official.split('\n').slice(1).join('\n')))}</body></html>`;

const STORAGE_FULL = '存储空间已满或被浏览器拒绝：什么都没有保存，原有的原文都还在。';

/** A pack of `n` bulletins of the seeds' genre (none in the bundled corpus). */
async function genrePackFile(n: number, name: string, seed: number): Promise<string> {
  const genre = genreCorpus(loadCorpus(), n, seed);
  const entries = genre.entries.filter((e) => e.id.startsWith('genre-'));
  const pack = await corpusPack({ title: name, creator: 'test', date: '2026-12-01' }, { entries, files: genre.files }, { via: 'pack' });
  const file = join(mkdtempSync(join(tmpdir(), 'yw-quota-')), `${name}.json`);
  writeFileSync(file, serializePack(pack));
  return file;
}

let h: Harness;
let options: Page;
/** On a blank page kept open: the quota override lasts as long as the DevTools session that made it. */
let cdp: CDPSession;
const origin = () => `chrome-extension://${h.extensionId}`;

async function openOptions(): Promise<void> {
  options = await h.context.newPage();
  await options.goto(`${origin()}/options.html`);
  await options.locator('.yw-library').waitFor();
}

/**
 * Sets the origin's quota (undefined: the browser's own) and makes IndexedDB
 * see it. Chromium's IndexedDB keeps the space it may use per storage bucket
 * while a database of the bucket is open (a write to a web origin is refused
 * only if the override came before the origin's first write: checked with
 * this Chromium), so every context holding the library closes (the options
 * page, the service worker) and the page opens again after the backing store
 * has closed.
 */
async function setQuota(quotaSize: number | undefined): Promise<void> {
  await cdp.send('Storage.overrideQuotaForOrigin', quotaSize === undefined ? { origin: origin() } : { origin: origin(), quotaSize });
  await options.close();
  await cdp.send('ServiceWorker.enable');
  await cdp.send('ServiceWorker.stopAllWorkers');
  await new Promise((r) => setTimeout(r, 5000));
  await openOptions();
}

beforeAll(async () => {
  h = await new Harness({ '/repost.html': repostHtml }).start();
  const holder = await h.context.newPage();
  cdp = await h.context.newCDPSession(holder);
  await openOptions();
}, 120_000);

afterAll(async () => {
  await cdp?.send('Storage.overrideQuotaForOrigin', { origin: origin() }).catch(() => undefined);
  await h?.stop();
});

const rows = () => options.locator('.yw-library-list li');

/** What the library holds, as the options page and IndexedDB say. */
async function held(): Promise<{ ids: string[]; texts: number; chars: number }> {
  const ids = await rows().evaluateAll((els) => els.map((e) => e.getAttribute('data-id') ?? ''));
  const texts = await options.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((res, rej) => {
      const r = indexedDB.open('yuanwen-library');
      r.onsuccess = () => res(r.result);
      r.onerror = () => rej(r.error);
    });
    // Every stored text, read back whole: how many, and how many characters in all.
    const all = await new Promise<Array<{ content: string }>>((res) => {
      const c = db.transaction('texts').objectStore('texts').getAll();
      c.onsuccess = () => res(c.result as Array<{ content: string }>);
    });
    db.close();
    return { n: all.length, chars: all.reduce((k, t) => k + t.content.length, 0) };
  });
  return { ids: ids.sort(), texts: texts.n, chars: texts.chars };
}

async function repostVerdict(): Promise<string[]> {
  const page = await h.open('/repost.html');
  await waitForBanner(page);
  const tabId = await h.tabId(page);
  const sw = await h.sw();
  for (let i = 0; i < 100; i++) {
    const tab = await sw.evaluate(async (id) => ((await chrome.storage.session.get(`tabReport:${id}`))[`tabReport:${id}`] ?? null) as TabReport | null, tabId);
    if (tab) {
      await page.close();
      return tab.report.matches.map((m) => m.ref.id);
    }
    await page.waitForTimeout(100);
  }
  throw new Error('no stored report');
}

async function pasteAndSave(text: string): Promise<void> {
  await options.getByRole('textbox', { name: '粘贴正文' }).fill(text);
  await options.getByRole('button', { name: '存为原文' }).first().click();
  const form = options.getByRole('form', { name: '把本页存为原文' });
  await form.waitFor();
  await form.locator('input[name="headline"]').fill('国务院召开全国防汛抗旱工作电视电话会议');
  await form.locator('input[name="publisher"]').fill('新华社');
  await form.locator('input[name="date"]').fill('2026-07-10');
  await form.getByRole('button', { name: '存为原文' }).click();
}

describe('storage full in real Chromium', () => {
  let before: { ids: string[]; texts: number };
  let verdictBefore: string[];
  let bigPack = '';

  it('holds a library to lose: a pack of 5 bulletins and the official article, pasted', async () => {
    await options.getByTestId('import-pack').setInputFiles(await genrePackFile(5, 'small', 7));
    await options.getByText(/导入完成：新增 5 篇/).waitFor({ timeout: 60_000 });
    await pasteAndSave(official);
    await options.getByText(/已存为原文：/).first().waitFor({ timeout: 30_000 });
    await expect.poll(() => rows().count(), { timeout: 20_000 }).toBe(6);
    before = await held();
    verdictBefore = await repostVerdict();
    expect(verdictBefore.some((id) => id.startsWith('capture-'))).toBe(true);
    bigPack = await genrePackFile(300, 'big', 8);
  }, 180_000);

  it('a tiny quota: adding a text and importing a pack each say so in Chinese, and nothing stored is lost', async () => {
    const { usage } = (await cdp.send('Storage.getUsageAndQuota', { origin: origin() })) as { usage: number };
    // Room for a few kilobytes more: far less than a pack of 300 bulletins or a text with its fingerprints.
    await setQuota(usage + 4096);

    await pasteAndSave(`${official}\n${'会议还指出，要统筹发展和安全，切实做好各项工作。'.repeat(400)}`);
    await options.getByText(STORAGE_FULL).first().waitFor({ timeout: 30_000 });
    await h.screenshot(options, 'library-storage-full-add');

    await options.getByTestId('import-pack').setInputFiles(bigPack);
    await options.getByRole('alert').filter({ hasText: STORAGE_FULL }).waitFor({ timeout: 120_000 });
    await h.screenshot(options, 'library-storage-full-import');

    await options.reload();
    await options.locator('.yw-library').waitFor();
    await expect.poll(() => rows().count(), { timeout: 20_000 }).toBe(before.ids.length);
    expect(await held()).toEqual(before);
    expect(await repostVerdict()).toEqual(verdictBefore);
  }, 240_000);

  it('with the quota back, the same pack imports whole', async () => {
    await setQuota(undefined);
    await options.getByTestId('import-pack').setInputFiles(bigPack);
    await options.getByText(/导入完成：新增 300 篇/).waitFor({ timeout: 180_000 });
    // The list shows the newest first, at most a page of them: count what IndexedDB holds.
    await expect.poll(async () => (await held()).texts, { timeout: 20_000 }).toBe(before.texts + 300);
    expect(await repostVerdict()).toEqual(verdictBefore);
  }, 240_000);

  it('made no request outside 127.0.0.1', () => {
    expect(h.outsideRequests()).toEqual([]);
  });
});
