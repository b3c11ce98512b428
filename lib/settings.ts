// User settings: their shape, defaults, and a parser that repairs whatever is
// stored. A corrupt or old-format value never breaks the extension: each field
// that can be read is kept, each that cannot falls back to its default.
// Storage wiring (the WXT storage item) lives in lib/storage.ts.
import { sensitivities, type Sensitivity } from './engine/options';

/** Highlight layers the content script draws; each can be switched off. */
export const highlightKinds = ['distorting', 'spin', 'alteration', 'insertion', 'omission', 'scrambled'] as const;
export type HighlightKind = (typeof highlightKinds)[number];

export interface Settings {
  version: 1;
  /** Master switch for highlighting on every site. */
  highlightEverywhere: boolean;
  /** Hostnames where Yuanwen is paused: no marks, no banner, no badge. */
  disabledSites: string[];
  /** Hostnames where the banner is not shown (marks and badge stay). */
  bannerHiddenSites: string[];
  sensitivity: Sensitivity;
  kinds: Record<HighlightKind, boolean>;
  /** Online lookup in a reference service (lib/online), off by default: only fingerprint hashes are sent. */
  online: OnlineLookup;
}

export interface OnlineLookup {
  enabled: boolean;
  /** http(s) URL of the service, e.g. https://refs.example.org */
  serverUrl: string;
  /** API key, when the service asks for one. */
  key: string;
}

export const defaultSettings: Settings = {
  version: 1,
  highlightEverywhere: true,
  disabledSites: [],
  bannerHiddenSites: [],
  sensitivity: 'default',
  kinds: { distorting: true, spin: true, alteration: true, insertion: true, omission: true, scrambled: true },
  online: { enabled: false, serverUrl: '', key: '' },
};

/** A server URL the online lookup may use: http or https, nothing else. */
export function validServerUrl(url: string): boolean {
  try {
    const u = new URL(url);
    return (u.protocol === 'https:' || u.protocol === 'http:') && u.hostname.length > 0 && url.length < 2048;
  } catch {
    return false;
  }
}

/** Reads any stored value into valid Settings, keeping every field that is valid. */
export function parseSettings(raw: unknown): Settings {
  const out: Settings = structuredClone(defaultSettings);
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return out;
  const r = raw as Record<string, unknown>;
  // version 0 (unversioned) stored `enabled` instead of `highlightEverywhere`.
  const everywhere = r.highlightEverywhere ?? r.enabled;
  if (typeof everywhere === 'boolean') out.highlightEverywhere = everywhere;
  if (Array.isArray(r.disabledSites)) out.disabledSites = hostList(r.disabledSites);
  if (Array.isArray(r.bannerHiddenSites)) out.bannerHiddenSites = hostList(r.bannerHiddenSites);
  // The middle preset was called 'balanced' until the engine named it 'default'; a stored 'balanced' keeps its meaning.
  const sensitivity = r.sensitivity === 'balanced' ? 'default' : r.sensitivity;
  if (typeof sensitivity === 'string' && (sensitivities as readonly string[]).includes(sensitivity)) {
    out.sensitivity = sensitivity as Sensitivity;
  }
  if (typeof r.kinds === 'object' && r.kinds !== null) {
    const k = r.kinds as Record<string, unknown>;
    for (const kind of highlightKinds) if (typeof k[kind] === 'boolean') out.kinds[kind] = k[kind] as boolean;
  }
  if (typeof r.online === 'object' && r.online !== null) {
    const o = r.online as Record<string, unknown>;
    if (typeof o.serverUrl === 'string' && (o.serverUrl === '' || validServerUrl(o.serverUrl))) out.online.serverUrl = o.serverUrl;
    if (typeof o.key === 'string' && o.key.length < 512) out.online.key = o.key;
    // Never on without a usable server.
    out.online.enabled = o.enabled === true && out.online.serverUrl !== '';
  }
  return out;
}

function hostList(list: unknown[]): string[] {
  return [...new Set(list.filter((s): s is string => typeof s === 'string' && s.length > 0 && s.length < 256))];
}

/** Is the banner shown on this hostname? (Not while Yuanwen is paused there, nor where the reader hid it.) */
export function bannerOn(settings: Settings, hostname: string): boolean {
  return highlightingOn(settings, hostname) && !settings.bannerHiddenSites.includes(hostname);
}

/** Is highlighting on for this hostname? */
export function highlightingOn(settings: Settings, hostname: string): boolean {
  return settings.highlightEverywhere && !settings.disabledSites.includes(hostname);
}
