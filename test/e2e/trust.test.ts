// Issue 11, trust boundaries and storage, in real Chromium: what a
// compromised renderer (code running in the content script's world) can ask
// of the background, what session storage holds, a worker restart, and a
// corrupt stored report.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { TabReport } from '../../lib/protocol';
import { Harness, waitForBanner } from './harness';
import { buildPage, editedText } from './pages';

declare const chrome: typeof import('wxt/browser').browser;

let h: Harness;

beforeAll(async () => {
  h = await new Harness({ '/edited.html': buildPage('edited'), '/farm.html': buildPage('farm') }).start();
}, 120_000);

afterAll(async () => {
  await h?.stop();
});

/**
 * Evaluates `expr` in the content script's isolated world of the page (as a
 * compromised renderer could), over the DevTools protocol.
 */
async function inContentWorld(page: Page, expr: string): Promise<unknown> {
  const cdp = await page.context().newCDPSession(page);
  const contexts: Array<{ id: number; name: string; auxData?: { type?: string } }> = [];
  cdp.on('Runtime.executionContextCreated', (e: { context: { id: number; name: string; auxData?: { type?: string } } }) => contexts.push(e.context));
  await cdp.send('Runtime.enable');
  await new Promise((r) => setTimeout(r, 200));
  const ctx = contexts.find((c) => c.auxData?.type === 'isolated' && c.name && !c.name.includes('playwright'));
  if (!ctx) throw new Error(`no content-script world among ${contexts.map((c) => c.name).join(', ')}`);
  const { result, exceptionDetails } = (await cdp.send('Runtime.evaluate', { expression: expr, contextId: ctx.id, awaitPromise: true, returnByValue: true })) as {
    result: { value: unknown };
    exceptionDetails?: { exception?: { description?: string } };
  };
  await cdp.detach();
  if (exceptionDetails) return `threw: ${exceptionDetails.exception?.description ?? ''}`;
  return result.value;
}

describe('trust boundaries', () => {
  it("a content script's world cannot read another tab's report; the popup's page can", async () => {
    const victim = await h.open('/edited.html');
    await waitForBanner(victim);
    const victimId = await h.tabId(victim);
    const farm = await h.open('/farm.html');
    await waitForBanner(farm);
    const stolen = await inContentWorld(farm, `chrome.runtime.sendMessage({ type: 'getReport', tabId: ${victimId} }).then((r) => r ? r.text.length : r, (e) => 'rejected')`);
    expect(stolen === null || stolen === undefined || stolen === 'rejected').toBe(true);
    const own = await h.fromExtensionPage<TabReport | null>({ type: 'getReport', tabId: victimId });
    expect(own?.text).toContain('玩忽');
    await farm.close();
    await victim.close();
  });

  it('a malformed or oversized verify request is not answered and not stored', async () => {
    const page = await h.open('/edited.html');
    await waitForBanner(page);
    const tabId = await h.tabId(page);
    const before = await h.fromExtensionPage<TabReport | null>({ type: 'getReport', tabId });
    const typed = await inContentWorld(page, `chrome.runtime.sendMessage({ type: 'verify', text: 12345, url: location.href, generation: 1e9 }).then((r) => r ?? 'no answer', () => 'rejected')`);
    expect(['no answer', 'rejected']).toContain(typed);
    const huge = await inContentWorld(page, `chrome.runtime.sendMessage({ type: 'verify', text: '中'.repeat(7e6), url: location.href, generation: 1e9 + 1 }).then((r) => r ?? 'no answer', () => 'rejected')`);
    expect(['no answer', 'rejected']).toContain(huge);
    const after = await h.fromExtensionPage<TabReport | null>({ type: 'getReport', tabId });
    expect(after?.generation).toBe(before?.generation);
    await page.close();
  });

  it('session storage holds no page text, and after a worker restart the popup still gets the report', async () => {
    const page = await h.open('/edited.html');
    await waitForBanner(page);
    const tabId = await h.tabId(page);
    const sw = await h.sw();
    const session = await sw.evaluate(async () => JSON.stringify(await chrome.storage.session.get(null)));
    // A long run of the page's text would be in there if the text were stored.
    const sample = editedText().slice(600, 700);
    expect(session).toContain(`tabReport:${tabId}`);
    expect(session).not.toContain(sample);
    // Stop the worker: its memory is gone, session storage stays.
    const cdp = await h.context.newCDPSession(page);
    await cdp.send('ServiceWorker.enable');
    await cdp.send('ServiceWorker.stopAllWorkers');
    await page.waitForTimeout(500);
    const again = await h.fromExtensionPage<TabReport | null>({ type: 'getReport', tabId });
    expect(again?.text).toContain(sample);
    expect(again?.report.matches.length).toBeGreaterThan(0);
    await page.close();
  }, 60_000);

  it('a corrupt stored report does not blank the popup', async () => {
    const page = await h.open('/edited.html');
    await waitForBanner(page);
    const tabId = await h.tabId(page);
    // The real stored report, broken inside in ways a shape check at the top does not see.
    const ext0 = await h.extensionPage();
    const real = (await ext0.evaluate(async (id) => (await chrome.storage.session.get(`tabReport:${id}`))[`tabReport:${id}`], tabId)) as Record<string, unknown> & { report: Record<string, unknown> };
    const shapes: unknown[] = [
      'garbage',
      { url: 'u', generation: 1, text: 'abcde', verifiedAt: 1, report: { verdict: 'edited', matches: [{}], unmatched: [], counts: {} } },
      { ...real, report: { ...real.report, matches: [{}] } },
      { ...real, report: { ...real.report, matches: [{ ref: null, page: null, differences: [null] }], unmatched: [null], counts: { spin: 'x' } } },
    ];
    // Corrupt what a restarted worker reads: stop the worker so memory cannot answer, then write storage.
    for (const shape of shapes) {
      const cdp = await h.context.newCDPSession(page);
      await cdp.send('ServiceWorker.enable');
      await cdp.send('ServiceWorker.stopAllWorkers');
      await cdp.detach();
      const ext = await h.extensionPage();
      await ext.evaluate(async ([id, v]) => chrome.storage.session.set({ [`tabReport:${id}`]: v }), [tabId, shape] as const);
      const popup = await h.openPopup(tabId);
      await popup.waitForTimeout(1200);
      const text = await popup.evaluate(() => document.body.innerText.trim());
      expect(text.length, JSON.stringify(shape)).toBeGreaterThan(0);
      await popup.close();
    }
    await page.close();
  }, 90_000);

  it('options.html#%E0%A4%A (a malformed escape) does not blank the options page', async () => {
    const page = await h.context.newPage();
    await page.goto(`chrome-extension://${h.extensionId}/options.html#%E0%A4%A`);
    await page.waitForTimeout(1000);
    expect((await page.evaluate(() => document.body.innerText.trim())).length).toBeGreaterThan(20);
    await page.close();
  });
});
