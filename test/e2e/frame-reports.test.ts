// Issue 11, frames as an attacker uses them, in real Chromium:
// - a child frame (a compromised renderer in the frame's content-script world)
//   sends `clear` to wipe the top frame's report and badge;
// - a spun bulletin served in a cross-origin iframe (a second 127.0.0.1
//   origin) inside a top page with no bulletin must flag the toolbar badge
//   and the popup, not only the frame itself.
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { TabReport } from '../../lib/protocol';
import { Harness, waitForBanner } from './harness';
import { buildPage, farmPage } from './pages';

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** Serious or critical axe-core violations in an extension page (its CSP forbids script tags: the source is evaluated). */
async function seriousAxe(page: Page): Promise<string[]> {
  await page.evaluate(axeSource);
  return page.evaluate(async () => {
    const r = await (window as unknown as { axe: { run: (c: unknown, o: unknown) => Promise<{ violations: Array<{ id: string; impact: string | null }> }> } }).axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
    });
    return r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id);
  });
}

let h: Harness;
/** The second origin: another port on 127.0.0.1 (cross-origin to the harness's pages). */
let other: Server;
let otherOrigin = '';

const framed: Record<string, string> = {
  '/spun.html': buildPage('farm'),
  '/none.html': buildPage('none'),
  '/english.html': buildPage('english'),
};

/** A top page with the given body and an iframe of `src` (a path on the second origin, filled in at request time). */
function topWithFrame(body: string, src: string): (req: unknown, res: import('node:http').ServerResponse) => void {
  return (_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
    res.end(farmPage({ title: '框架转载', body: `${body}<iframe id="frame" src="${otherOrigin}${src}" width="900" height="700"></iframe>` }));
  };
}

beforeAll(async () => {
  other = createServer((req, res) => {
    const body = framed[new URL(req.url ?? '/', 'http://127.0.0.1').pathname];
    res.writeHead(body ? 200 : 404, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
    res.end(body ?? 'not found');
  });
  await new Promise<void>((r) => other.listen(0, '127.0.0.1', r));
  otherOrigin = `http://127.0.0.1:${(other.address() as AddressInfo).port}`;
  h = await new Harness({
    '/edited-with-frame.html': (req, res) => topWithFrame(buildPage('edited').match(/<div id="article-body">([\s\S]*?)<\/div>\n<div class="comments">/)![1]!, '/none.html')(req, res),
    '/no-bulletin.html': topWithFrame('<p>本站转载，正文见下方框架。</p>', '/spun.html'),
  }).start();
}, 120_000);

afterAll(async () => {
  await h?.stop();
  await new Promise<void>((r) => (other ? other.close(() => r()) : r()));
});

/** The content-script world of the child frame loaded from `origin` (as a compromised renderer there could use it). */
async function inFrameContentWorld(page: Page, origin: string, expr: string): Promise<unknown> {
  const cdp = await page.context().newCDPSession(page);
  try {
    const contexts: Array<{ id: number; name: string; auxData?: { type?: string; frameId?: string } }> = [];
    cdp.on('Runtime.executionContextCreated', (e: { context: (typeof contexts)[number] }) => contexts.push(e.context));
    await cdp.send('Runtime.enable');
    await new Promise((r) => setTimeout(r, 300));
    const { frameTree } = (await cdp.send('Page.getFrameTree')) as { frameTree: FrameTree };
    const frameId = findFrame(frameTree, origin);
    if (!frameId) throw new Error(`no frame from ${origin}`);
    const ctx = contexts.find((c) => c.auxData?.frameId === frameId && c.auxData?.type === 'isolated' && c.name && !c.name.includes('playwright'));
    if (!ctx) throw new Error(`no content-script world in the frame among ${contexts.map((c) => `${c.name}@${c.auxData?.frameId}`).join(', ')}`);
    const { result, exceptionDetails } = (await cdp.send('Runtime.evaluate', { expression: expr, contextId: ctx.id, awaitPromise: true, returnByValue: true })) as {
      result: { value: unknown };
      exceptionDetails?: { exception?: { description?: string } };
    };
    if (exceptionDetails) return `threw: ${exceptionDetails.exception?.description ?? ''}`;
    return result.value;
  } finally {
    await cdp.detach().catch(() => undefined);
  }
}

interface FrameTree {
  frame: { id: string; url: string };
  childFrames?: FrameTree[];
}

function findFrame(tree: FrameTree, origin: string): string | undefined {
  if (tree.frame.url.startsWith(origin)) return tree.frame.id;
  for (const c of tree.childFrames ?? []) {
    const found = findFrame(c, origin);
    if (found) return found;
  }
  return undefined;
}

describe('frames cannot write or wipe the top frame', () => {
  it("a child frame's `clear` leaves the top frame's report and badge alone", async () => {
    const page = await h.open('/edited-with-frame.html');
    await waitForBanner(page);
    const tabId = await h.tabId(page);
    await expect.poll(async () => (await h.badge(tabId)).text, { timeout: 10_000 }).toMatch(/^\d+$/);
    const before = await h.badge(tabId);
    const answer = await inFrameContentWorld(page, otherOrigin, `chrome.runtime.sendMessage({ type: 'clear' }).then((r) => JSON.stringify(r ?? null), (e) => 'rejected: ' + e)`);
    expect(String(answer)).not.toMatch(/^threw/);
    await page.waitForTimeout(500);
    const report = await h.fromExtensionPage<TabReport | null>({ type: 'getReport', tabId });
    expect(report?.text).toContain('玩忽');
    expect((await h.badge(tabId)).text).toBe(before.text);
    await page.close();
  }, 60_000);
});

describe('frames that navigate', () => {
  it("a child frame's navigation leaves the top frame's report and badge alone", async () => {
    const page = await h.open('/edited-with-frame.html');
    await waitForBanner(page);
    const tabId = await h.tabId(page);
    await expect.poll(async () => (await h.badge(tabId)).text, { timeout: 10_000 }).toMatch(/^\d+$/);
    const before = await h.badge(tabId);
    // The tab's loading state covers its frames: an iframe that navigates used to clear the whole tab.
    for (const path of ['/english.html', '/none.html', '/english.html']) {
      await page.evaluate((src) => {
        (document.getElementById('frame') as HTMLIFrameElement).src = src;
      }, `${otherOrigin}${path}`);
      await expect.poll(() => page.frames().some((f) => f.url().endsWith(path)), { timeout: 10_000 }).toBe(true);
      await page.waitForTimeout(700);
    }
    const report = await h.fromExtensionPage<TabReport | null>({ type: 'getReport', tabId });
    expect(report?.text).toContain('玩忽');
    expect((await h.badge(tabId)).text).toBe(before.text);
    await page.close();
  }, 60_000);
});

describe('a bulletin in a cross-origin frame', () => {
  it('flags the toolbar badge and the popup of a top page with no bulletin', async () => {
    const page = await h.open('/no-bulletin.html');
    const tabId = await h.tabId(page);
    // The frame's spun copy of seed 002: the badge counts its marks in the scrambled colour.
    await expect.poll(async () => (await h.badge(tabId)).text, { timeout: 20_000 }).toMatch(/^\d+$/);
    const badge = await h.badge(tabId);
    expect(badge.title).toContain('框架');
    const popup = await h.openPopup(tabId);
    await expect.poll(() => popup.evaluate(() => document.body.innerText), { timeout: 10_000 }).toContain('框架');
    const notice = popup.locator('.yw-frame-notice');
    await expect.poll(() => notice.count()).toBeGreaterThan(0);
    expect(await notice.first().innerText()).toContain('被机器改写过');
    expect(await seriousAxe(popup)).toEqual([]);
    await notice.locator('button').first().click();
    // The frame's report itself: its verdict and its findings.
    await expect.poll(() => popup.evaluate(() => document.querySelector('.yw-main')?.textContent ?? ''), { timeout: 10_000 }).toContain('被机器改写过');
    await expect.poll(() => popup.locator('.yw-main li, .yw-main [role="row"], .yw-main [role="option"]').count(), { timeout: 10_000 }).toBeGreaterThan(0);
    await h.screenshot(popup, 'attack-frame-popup');
    await popup.close();
    await page.close();
  }, 60_000);

  it('a frame that navigates to a page without Han text loses its notice and its share of the badge', async () => {
    const page = await h.open('/no-bulletin.html');
    const tabId = await h.tabId(page);
    await expect.poll(async () => (await h.badge(tabId)).text, { timeout: 20_000 }).toMatch(/^\d+$/);
    // The frame's new document has nothing to verify: its content script sends nothing at all.
    await page.evaluate((src) => {
      (document.getElementById('frame') as HTMLIFrameElement).src = src;
    }, `${otherOrigin}/english.html`);
    await expect.poll(() => page.frames().some((f) => f.url().endsWith('/english.html')), { timeout: 10_000 }).toBe(true);
    // When the tab's loading ends each frame is asked: the gone report leaves the badge at once.
    await expect.poll(async () => (await h.badge(tabId)).text, { timeout: 5_000 }).toBe('');
    const popup = await h.openPopup(tabId);
    await popup.waitForSelector('.yw-main');
    await popup.waitForTimeout(1500);
    expect(await popup.locator('.yw-frame-notice').count()).toBe(0);
    await expect.poll(async () => (await h.badge(tabId)).text, { timeout: 5_000 }).toBe('');
    await popup.close();
    await page.close();
  }, 60_000);
});
