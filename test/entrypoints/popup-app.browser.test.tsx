// The popup's App as wired in the extension, in a real document (Chromium,
// Vitest browser mode) against WXT's fake browser: it finds the tab from ?tab=, asks the
// background for the report, shows it, writes the switches to storage and sends reveal requests to the tab.
import { afterEach, beforeEach, describe, expect, it, onTestFinished, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { App } from '../../entrypoints/popup/App';
import type { BackgroundRequest, TabReport } from '../../lib/protocol';
import { defaultSettings } from '../../lib/settings';
import { loadSettings } from '../../lib/storage';
import { renderLive, type Live } from '../components/live-dom';
import { sampleReport } from '../components/fixtures';
import { chromeMessages, fakeGetMessage } from '../components/t-browser';

const originalSendMessage = fakeBrowser.tabs.sendMessage;
const messages = chromeMessages('zh_CN');
const testUrl = location.href;
const testPath = location.pathname;
let live: Live | undefined;

beforeEach(() => {
  fakeBrowser.reset();
  fakeBrowser.i18n.getMessage = fakeGetMessage('zh_CN') as typeof fakeBrowser.i18n.getMessage;
  // The test page's own URL carries the query the popup reads (assigning location would navigate away).
  history.replaceState(null, '', `${testPath}?tab=5`);
});

afterEach(() => {
  live?.unmount();
  live = undefined;
  fakeBrowser.tabs.sendMessage = originalSendMessage;
  history.replaceState(null, '', testUrl);
});

function serve(report: TabReport | null) {
  const seen: BackgroundRequest[] = [];
  fakeBrowser.runtime.onMessage.addListener((msg: BackgroundRequest, _s, sendResponse: (r: TabReport | null) => void) => {
    seen.push(msg);
    sendResponse(msg.type === 'getReport' && msg.tabId === 5 ? report : null);
    return true;
  });
  return seen;
}

describe('popup App', () => {
  it('shows the report of the tab named in the URL', async () => {
    const { tab } = sampleReport();
    const seen = serve(tab);
    live = renderLive(<App />);
    await live.flush();
    expect(seen[0]).toEqual({ type: 'getReport', tabId: 5 });
    const text = live.container.textContent!;
    expect(text).toContain('测试原文标题');
    expect(live.container.querySelector('.yw-verdict')!.getAttribute('data-verdict')).toBe(tab.report.verdict);
    // The hostname comes from the report's URL.
    expect(text).toContain('在 example.com 上使用原文');
  });

  it('the switches write the settings to storage at once', async () => {
    serve(sampleReport().tab);
    live = renderLive(<App />);
    await live.flush();
    live.click(live.container.querySelector('input[name="site"]'));
    await live.flush();
    expect((await loadSettings()).disabledSites).toEqual(['example.com']);
    expect((live.container.querySelector('input[name="site"]') as HTMLInputElement).checked).toBe(false);
    live.click(live.container.querySelector('input[name="everywhere"]'));
    await live.flush();
    expect(await loadSettings()).toEqual({ ...defaultSettings, highlightEverywhere: false, disabledSites: ['example.com'] });
    // A change from elsewhere (the options page) shows here too.
    await fakeBrowser.storage.local.set({ settings: { ...defaultSettings, highlightEverywhere: true } });
    await live.flush();
    expect((live.container.querySelector('input[name="everywhere"]') as HTMLInputElement).checked).toBe(true);
  });

  it('clicking a difference sends a reveal request to the tab, and says so when the page cannot show it', async () => {
    serve(sampleReport().tab);
    const send = vi.fn().mockResolvedValue({ ok: true });
    fakeBrowser.tabs.sendMessage = send as typeof fakeBrowser.tabs.sendMessage;
    live = renderLive(<App />);
    await live.flush();
    live.click(live.container.querySelector('.yw-list button[data-finding="m0-2"]'));
    await live.flush();
    expect(send).toHaveBeenCalledWith(5, { type: 'reveal', match: 0, difference: 2 }, { frameId: 0 });
    expect(live.container.querySelector('[role="alert"]')).toBeNull();
    send.mockResolvedValue({ ok: false });
    live.click(live.container.querySelector('.yw-list button[data-finding="m0-1"]'));
    await live.flush();
    expect(live.container.querySelector('[role="alert"]')!.textContent).toBe(messages.popup_revealFailed!.message);
  });

  it('as the toolbar popup, shows the active tab and offers the same view in a tab', async () => {
    history.replaceState(null, '', testPath);
    serve(sampleReport().tab);
    const originalQuery = fakeBrowser.tabs.query;
    const originalCreate = fakeBrowser.tabs.create;
    const create = vi.fn().mockResolvedValue({ id: 77 });
    fakeBrowser.tabs.query = vi.fn().mockResolvedValue([{ id: 5, url: 'https://example.com/news/1.html' }]) as typeof fakeBrowser.tabs.query;
    fakeBrowser.tabs.create = create as typeof fakeBrowser.tabs.create;
    try {
      live = renderLive(<App />);
      const close = vi.fn();
      const originalClose = window.close;
      window.close = close;
      onTestFinished(() => {
        window.close = originalClose;
      });
      await live.flush();
      expect(live.container.textContent).toContain('测试原文标题');
      const open = [...live.container.querySelectorAll('.yw-topbar button')].find((b) => b.textContent === messages.popup_openInTab!.message)!;
      live.click(open);
      expect(create).toHaveBeenCalledWith({ url: 'chrome-extension://test-extension-id/popup.html?tab=5', openerTabId: 5 });
      expect(close).toHaveBeenCalled();
    } finally {
      fakeBrowser.tabs.query = originalQuery;
      fakeBrowser.tabs.create = originalCreate;
    }
  });

  it('opened in a tab, does not offer to open itself in a tab again', async () => {
    serve(sampleReport().tab);
    live = renderLive(<App />);
    await live.flush();
    expect(live.container.textContent).not.toContain(messages.popup_openInTab!.message);
  });

  it('shows the empty state when the background has no report for the tab', async () => {
    serve(null);
    live = renderLive(<App />);
    await live.flush();
    expect(live.container.textContent).toContain(messages.verdict_none_word!.message);
  });
});
