import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import {
  fetchTabReport,
  hostnameOf,
  resolveTargetTab,
  revealDifference,
  setHighlightEverywhere,
  setSiteHighlighting,
  tabIdFromSearch,
  watchTabReport,
  siteAccess,
  requestSiteAccess,
} from '../../entrypoints/popup/actions';
import type { BackgroundRequest, TabReport } from '../../lib/protocol';
import { defaultSettings, highlightingOn } from '../../lib/settings';
import { loadSettings, settingsItem, tabReportKey } from '../../lib/storage';
import { sampleReport } from '../components/fixtures';

// Tests replace a few fake-browser functions; fakeBrowser.reset() clears state but does not put them back.
const originalQuery = fakeBrowser.tabs.query;
const originalSendMessage = fakeBrowser.tabs.sendMessage;

beforeEach(() => {
  fakeBrowser.reset();
});

afterEach(() => {
  fakeBrowser.tabs.query = originalQuery;
  fakeBrowser.tabs.sendMessage = originalSendMessage;
});

describe('which tab the popup shows', () => {
  it('reads ?tab=<id>, and nothing else', () => {
    expect(tabIdFromSearch('?tab=42')).toBe(42);
    expect(tabIdFromSearch('?x=1&tab=7')).toBe(7);
    expect(tabIdFromSearch('')).toBeUndefined();
    expect(tabIdFromSearch('?tab=abc')).toBeUndefined();
    expect(tabIdFromSearch('?tab=-1')).toBeUndefined();
    expect(tabIdFromSearch('?tab=99999999999999999999')).toBeUndefined();
  });

  it('uses the tab named in the URL, else the active tab of the current window', async () => {
    const named = await fakeBrowser.tabs.create({ url: 'https://news.example.cn/a.html' });
    expect(await resolveTargetTab(`?tab=${named.id}`)).toEqual({ id: named.id, url: 'https://news.example.cn/a.html' });
    // A tab that is gone still gives its id; the report carries the URL.
    expect(await resolveTargetTab('?tab=9999')).toEqual({ id: 9999 });
    // The fake browser's window bookkeeping cannot answer currentWindow queries, so the query itself is checked.
    let answer = [{ id: 3, url: 'https://other.example.cn/' }];
    const query = vi.fn(async (_q: unknown) => answer);
    fakeBrowser.tabs.query = query as unknown as typeof fakeBrowser.tabs.query;
    expect(await resolveTargetTab('')).toEqual({ id: 3, url: 'https://other.example.cn/' });
    expect(query).toHaveBeenCalledWith({ active: true, currentWindow: true });
    answer = [];
    expect(await resolveTargetTab('')).toBeUndefined();
  });

  it('only web pages have a hostname for the site switch', () => {
    expect(hostnameOf('https://news.example.cn/a?b')).toBe('news.example.cn');
    expect(hostnameOf('http://127.0.0.1:8080/x')).toBe('127.0.0.1');
    expect(hostnameOf('chrome://extensions')).toBeUndefined();
    expect(hostnameOf('file:///tmp/a.html')).toBeUndefined();
    expect(hostnameOf('not a url')).toBeUndefined();
    expect(hostnameOf(undefined)).toBeUndefined();
  });
});

describe('getting the report from the background', () => {
  it('sends getReport for the tab and takes the answer given through sendResponse', async () => {
    const { tab } = sampleReport();
    const seen: BackgroundRequest[] = [];
    fakeBrowser.runtime.onMessage.addListener((msg: BackgroundRequest, _sender, sendResponse: (r: TabReport | null) => void) => {
      seen.push(msg);
      sendResponse(msg.type === 'getReport' && msg.tabId === 5 ? tab : null);
      return true;
    });
    expect(await fetchTabReport(5)).toEqual(tab);
    expect(await fetchTabReport(6)).toBeNull();
    expect(seen).toEqual([
      { type: 'getReport', tabId: 5 },
      { type: 'getReport', tabId: 6 },
    ]);
  });

  it('hears when the background replaces or drops the tab report', async () => {
    const cb = vi.fn();
    const unwatch = watchTabReport(8, cb);
    await fakeBrowser.storage.session.set({ [tabReportKey(8).slice('session:'.length)]: sampleReport().tab });
    await fakeBrowser.storage.session.set({ [tabReportKey(9).slice('session:'.length)]: sampleReport().tab });
    expect(cb).toHaveBeenCalledTimes(1);
    await fakeBrowser.storage.session.remove(tabReportKey(8).slice('session:'.length));
    expect(cb).toHaveBeenCalledTimes(2);
    unwatch();
  });

  it('treats a malformed answer as no report', async () => {
    fakeBrowser.runtime.onMessage.addListener((_msg, _sender, sendResponse: (r: unknown) => void) => {
      sendResponse({ report: 'nonsense' });
      return true;
    });
    expect(await fetchTabReport(1)).toBeNull();
  });
});

describe('highlighting switches', () => {
  it('the site switch adds and removes the hostname, and the content script sees it at once', async () => {
    const seen: unknown[] = [];
    const unwatch = settingsItem.watch((v) => seen.push(v));
    await setSiteHighlighting('news.example.cn', false);
    let s = await loadSettings();
    expect(s.disabledSites).toEqual(['news.example.cn']);
    expect(highlightingOn(s, 'news.example.cn')).toBe(false);
    expect(highlightingOn(s, 'other.cn')).toBe(true);
    await setSiteHighlighting('news.example.cn', false); // idempotent
    expect((await loadSettings()).disabledSites).toEqual(['news.example.cn']);
    await setSiteHighlighting('news.example.cn', true);
    s = await loadSettings();
    expect(s.disabledSites).toEqual([]);
    expect(seen.length).toBeGreaterThanOrEqual(2);
    unwatch();
  });

  it('the everywhere switch flips the master switch and keeps the rest', async () => {
    await setSiteHighlighting('a.cn', false);
    await setHighlightEverywhere(false);
    const s = await loadSettings();
    expect(s.highlightEverywhere).toBe(false);
    expect(s.disabledSites).toEqual(['a.cn']);
    expect(highlightingOn(s, 'b.cn')).toBe(false);
    await setHighlightEverywhere(true);
    expect((await loadSettings()).highlightEverywhere).toBe(true);
  });

  it('a corrupt stored value is repaired on write without losing its valid fields', async () => {
    await fakeBrowser.storage.local.set({
      settings: { highlightEverywhere: 'yes', disabledSites: ['keep.cn', 5, ''], sensitivity: 'strict', kinds: { spin: false, omission: 'no', bogus: true } },
    });
    const read = await loadSettings();
    expect(read).toEqual({ ...defaultSettings, disabledSites: ['keep.cn'], sensitivity: 'strict', kinds: { ...defaultSettings.kinds, spin: false } });
    await setSiteHighlighting('new.cn', false);
    const stored = (await fakeBrowser.storage.local.get('settings')).settings;
    expect(stored).toEqual({ ...defaultSettings, disabledSites: ['keep.cn', 'new.cn'], sensitivity: 'strict', kinds: { ...defaultSettings.kinds, spin: false } });
  });

  it('a stored value that is not an object at all reads as the defaults', async () => {
    await fakeBrowser.storage.local.set({ settings: 'garbage' });
    expect(await loadSettings()).toEqual(defaultSettings);
    await setHighlightEverywhere(false);
    expect((await fakeBrowser.storage.local.get('settings')).settings).toEqual({ ...defaultSettings, highlightEverywhere: false });
  });
});

describe('revealing a difference', () => {
  it('sends a RevealRequest to the tab and reports what the content script answered', async () => {
    const send = vi.fn().mockResolvedValue({ ok: true });
    fakeBrowser.tabs.sendMessage = send as typeof fakeBrowser.tabs.sendMessage;
    expect(await revealDifference(12, 1, 3)).toBe(true);
    expect(send).toHaveBeenCalledWith(12, { type: 'reveal', match: 1, difference: 3 }, { frameId: 0 });
    send.mockResolvedValue({ ok: false });
    expect(await revealDifference(12, -1, 2, 4)).toBe(false);
    expect(send).toHaveBeenLastCalledWith(12, { type: 'reveal', match: -1, difference: 2, region: 4 }, { frameId: 0 });
    // A child frame's report: the request goes to that frame only.
    await revealDifference(12, 0, 1, undefined, 9);
    expect(send).toHaveBeenLastCalledWith(12, { type: 'reveal', match: 0, difference: 1 }, { frameId: 9 });
  });

  it('rejects when no content script answers, so the popup can say so', async () => {
    fakeBrowser.tabs.sendMessage = vi.fn().mockRejectedValue(new Error('Could not establish connection')) as typeof fakeBrowser.tabs.sendMessage;
    await expect(revealDifference(12, 0, 0)).rejects.toThrow();
  });
});

describe('site access (a withdrawn host permission)', () => {
  it('withheld: the host and the pattern to ask for (no port: match patterns have none)', async () => {
    const contains = vi.fn().mockResolvedValue(false);
    fakeBrowser.permissions.contains = contains as never;
    expect(await siteAccess('http://127.0.0.1:8080/a.html?x=1')).toEqual({ kind: 'withheld', host: '127.0.0.1:8080', pattern: 'http://127.0.0.1/*' });
    expect(contains).toHaveBeenCalledWith({ origins: ['http://127.0.0.1/*'] });
    contains.mockResolvedValue(true);
    expect(await siteAccess('https://news.example/')).toEqual({ kind: 'granted' });
  });

  it('not a web page, or no URL (nothing to ask for)', async () => {
    fakeBrowser.permissions.contains = vi.fn().mockResolvedValue(false) as never;
    expect(await siteAccess(undefined)).toEqual({ kind: 'other' });
    expect(await siteAccess('chrome://extensions/')).toEqual({ kind: 'other' });
    expect(await siteAccess('not a url')).toEqual({ kind: 'other' });
  });

  it('asks the browser for that origin, and says whether it was granted', async () => {
    const request = vi.fn().mockResolvedValue(true);
    fakeBrowser.permissions.request = request as never;
    expect(await requestSiteAccess('http://127.0.0.1/*')).toBe(true);
    expect(request).toHaveBeenCalledWith({ origins: ['http://127.0.0.1/*'] });
    request.mockRejectedValue(new Error('user gesture required'));
    expect(await requestSiteAccess('http://127.0.0.1/*')).toBe(false);
  });
});
