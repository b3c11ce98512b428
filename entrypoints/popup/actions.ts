// Everything the popup does with the extension APIs, as small functions, so
// the wiring is tested with WXT's fake browser and App.tsx stays declarative.
import { browser } from 'wxt/browser';
import type { GetFramesRequest, GetReportRequest, RevealRequest, RevealResponse, TabReport } from '../../lib/protocol';
import { parseFrameVerdictList, type FrameVerdict } from '../../lib/present/frames';
import type { Settings } from '../../lib/settings';
import { storage } from 'wxt/utils/storage';
import { tabFramesKey, tabReportKey, updateSettings } from '../../lib/storage';

export interface TargetTab {
  id: number;
  url?: string;
}

/** `?tab=<id>`: the banner's "open the comparison" button and the e2e tests open the popup page in a tab for another tab. */
export function tabIdFromSearch(search: string): number | undefined {
  const raw = new URLSearchParams(search).get('tab');
  if (raw === null || !/^\d+$/.test(raw)) return undefined;
  const id = Number(raw);
  return Number.isSafeInteger(id) ? id : undefined;
}

/** `?frame=<id>`: a child frame's report (its banner's button opens the view for its own frame). 0, the top frame, when absent. */
export function frameIdFromSearch(search: string): number {
  const raw = new URLSearchParams(search).get('frame');
  if (raw === null || !/^\d+$/.test(raw)) return 0;
  const id = Number(raw);
  return Number.isSafeInteger(id) ? id : 0;
}

/** The tab to show: the one named in the URL, else the active tab of the current window. */
export async function resolveTargetTab(search: string): Promise<TargetTab | undefined> {
  const fromUrl = tabIdFromSearch(search);
  if (fromUrl !== undefined) {
    try {
      const tab = await browser.tabs.get(fromUrl);
      return { id: fromUrl, url: tab?.url };
    } catch {
      // The tab may be gone, or its URL hidden from us; the report still carries the URL.
      return { id: fromUrl };
    }
  }
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  return tab?.id === undefined ? undefined : { id: tab.id, url: tab.url };
}

export async function fetchTabReport(tabId: number, frameId = 0): Promise<TabReport | null> {
  const request: GetReportRequest = frameId === 0 ? { type: 'getReport', tabId } : { type: 'getReport', tabId, frameId };
  const answer: unknown = await browser.runtime.sendMessage(request);
  return isTabReport(answer) ? answer : null;
}

/** A stale or foreign answer must not crash the view: check the shape before trusting it. */
function isTabReport(x: unknown): x is TabReport {
  if (typeof x !== 'object' || x === null) return false;
  const r = x as Partial<TabReport>;
  return (
    typeof r.text === 'string' &&
    typeof r.report === 'object' &&
    r.report !== null &&
    Array.isArray(r.report.matches) &&
    Array.isArray(r.report.unmatched) &&
    typeof r.report.verdict === 'string'
  );
}

/** The verdict of every verifying frame of the tab (the popup's frame notices). */
export async function fetchFrames(tabId: number): Promise<FrameVerdict[]> {
  const request: GetFramesRequest = { type: 'getFrames', tabId };
  return parseFrameVerdictList(await browser.runtime.sendMessage(request));
}

/** Calls `cb` whenever the background stores, replaces or drops the frame's report (a page that changed, a navigation). */
export function watchTabReport(tabId: number, cb: () => void, frameId = 0): () => void {
  return storage.watch<unknown>(tabReportKey(tabId, frameId), () => cb());
}

/** Calls `cb` whenever a frame of the tab gets, changes or drops its verdict. */
export function watchFrames(tabId: number, cb: () => void): () => void {
  return storage.watch<unknown>(tabFramesKey(tabId), () => cb());
}

/** Hostname for the per-site switch; only web pages have one worth remembering. */
export function hostnameOf(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    const u = new URL(url);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.hostname : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The switches read the stored settings (repairing whatever is invalid,
 * keeping what is valid), apply one change and write the result back. The
 * content script watches the same item, so highlights follow at once.
 */
export function setSiteHighlighting(hostname: string, on: boolean): Promise<Settings> {
  return updateSettings((s) => ({
    ...s,
    disabledSites: on ? s.disabledSites.filter((h) => h !== hostname) : [...new Set([...s.disabledSites, hostname])],
  }));
}

/** "Show the banner on this site": off hides the banner there, marks and badge stay. */
export function setSiteBanner(hostname: string, on: boolean): Promise<Settings> {
  return updateSettings((s) => ({
    ...s,
    bannerHiddenSites: on ? s.bannerHiddenSites.filter((h) => h !== hostname) : [...new Set([...s.bannerHiddenSites, hostname])],
  }));
}

export function setHighlightEverywhere(on: boolean): Promise<Settings> {
  return updateSettings((s) => ({ ...s, highlightEverywhere: on }));
}

/**
 * Asks the tab's content script to scroll to a difference (or, with match -1
 * and a region, to a spun form in an unmatched region) and flash it. Resolves
 * false when the content script says the text is no longer on the page, and
 * rejects when no content script answers at all.
 */
export async function revealDifference(tabId: number, match: number, difference: number, region?: number, frameId = 0): Promise<boolean> {
  const request: RevealRequest = region === undefined ? { type: 'reveal', match, difference } : { type: 'reveal', match, difference, region };
  // To the frame whose report is shown: every verifying frame listens, and another frame's "not here" must not answer for it.
  const answer = (await browser.tabs.sendMessage(tabId, request, { frameId })) as RevealResponse | undefined;
  return answer?.ok !== false;
}

/** The side panel follows the tab its window shows: calls `cb` when another tab is activated or the active one navigates. */
export function watchActiveTab(cb: () => void): () => void {
  const onActivated = () => cb();
  browser.tabs.onActivated.addListener(onActivated);
  return () => browser.tabs.onActivated.removeListener(onActivated);
}

type SidePanelApi = { open: (o: { tabId?: number; windowId?: number }) => Promise<void> };
type SidebarApi = { open: () => Promise<void> };

/** Chrome's side panel (chrome.sidePanel) or Firefox's sidebar (browser.sidebarAction). */
export function sidePanelAvailable(): boolean {
  const b = browser as unknown as { sidePanel?: SidePanelApi; sidebarAction?: SidebarApi };
  return typeof b.sidePanel?.open === 'function' || typeof b.sidebarAction?.open === 'function';
}

/** Opens the same view beside the page (must run inside the reader's click: both browsers require a user gesture). */
export async function openSidePanel(tabId: number): Promise<void> {
  const b = browser as unknown as { sidePanel?: SidePanelApi; sidebarAction?: SidebarApi };
  if (b.sidePanel) await b.sidePanel.open({ tabId });
  else if (b.sidebarAction) await b.sidebarAction.open();
}

/**
 * May Yuanwen read the tab's site? The content script's `<all_urls>` is a
 * host permission the reader can take back (Firefox MV3: about:addons;
 * Chrome: site access "on click" or "on specific sites"); without it the
 * content script never runs, and the popup would wrongly say "nothing to
 * check". `activeTab` lets the popup see the tab's URL even then.
 * - granted: the content script may run here;
 * - withheld: it may not; `pattern` is what to ask for (a host permission, no port: match patterns have none);
 * - other: not a web page, or its URL is unknown (nothing to ask for).
 */
export type SiteAccess = { kind: 'granted' } | { kind: 'withheld'; host: string; pattern: string } | { kind: 'other' };

export async function siteAccess(url: string | undefined): Promise<SiteAccess> {
  if (!url) return { kind: 'other' };
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return { kind: 'other' };
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') return { kind: 'other' };
  const pattern = `${u.protocol}//${u.hostname}/*`;
  try {
    return (await browser.permissions.contains({ origins: [pattern] })) ? { kind: 'granted' } : { kind: 'withheld', host: u.host, pattern };
  } catch {
    // No permissions API (or a pattern it refuses): assume access, as before.
    return { kind: 'granted' };
  }
}

/** Asks the browser for the site's host permission; call it inside the reader's click (a user gesture). Resolves true when granted. */
export async function requestSiteAccess(pattern: string): Promise<boolean> {
  try {
    return await browser.permissions.request({ origins: [pattern] });
  } catch {
    return false;
  }
}
