// Storage items, each declared once. Settings are stored as `unknown` and
// always read through parseSettings, so a corrupt or old value is repaired on
// read instead of breaking the popup, the options page or the content script.
// A read never writes: what cannot be parsed stays in storage untouched until
// the user changes a setting.
import { storage } from 'wxt/utils/storage';
import { parseSettings, defaultSettings, type Settings } from './settings';

export const settingsItem = storage.defineItem<unknown>('local:settings', { fallback: defaultSettings });

export async function loadSettings(): Promise<Settings> {
  try {
    return parseSettings(await settingsItem.getValue());
  } catch {
    // storage unavailable (extension context invalidated, quota, ...): defaults.
    return parseSettings(undefined);
  }
}

export async function saveSettings(s: Settings): Promise<void> {
  await settingsItem.setValue(parseSettings(s));
}

/** Read-modify-write (what the popup and the options page call on a user change). */
export async function updateSettings(change: (current: Settings) => Settings | void): Promise<Settings> {
  const current = await loadSettings();
  const next = parseSettings(change(current) ?? current);
  await settingsItem.setValue(next);
  return next;
}

/** Calls `cb` with the parsed settings on every change. Returns the unwatch function. */
export function watchSettings(cb: (settings: Settings) => void): () => void {
  return settingsItem.watch((value) => cb(parseSettings(value)));
}

/** Session-storage key under which the background keeps a frame's report (the top frame's, frame 0, unless told). */
export function tabReportKey(tabId: number, frameId = 0): `session:${string}` {
  return frameId === 0 ? `session:tabReport:${tabId}` : `session:tabReport:${tabId}:${frameId}`;
}

/** Session-storage key of a tab's frame verdicts (lib/present/frames.ts FrameVerdict[]): its badge and the popup's frame notices. */
export function tabFramesKey(tabId: number): `session:${string}` {
  return `session:tabFrames:${tabId}`;
}

/** Pages (URL without the fragment) where the reader closed the banner: it stays closed there. The newest last, at most closedBannersMax. */
export const closedBannersItem = storage.defineItem<unknown>('local:closedBanners', { fallback: [] });
export const closedBannersMax = 200;

export function pageKey(href: string): string {
  const i = href.indexOf('#');
  return i < 0 ? href : href.slice(0, i);
}

export async function bannerClosedOn(href: string): Promise<boolean> {
  try {
    const list = await closedBannersItem.getValue();
    return Array.isArray(list) && list.includes(pageKey(href));
  } catch {
    return false;
  }
}

export async function rememberBannerClosed(href: string): Promise<void> {
  try {
    const raw = await closedBannersItem.getValue();
    const list = (Array.isArray(raw) ? raw : []).filter((x): x is string => typeof x === 'string' && x !== pageKey(href));
    list.push(pageKey(href));
    await closedBannersItem.setValue(list.slice(-closedBannersMax));
  } catch {
    // storage unavailable: the banner stays closed until the page is left
  }
}

