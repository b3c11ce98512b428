// User settings: their shape, defaults, and a parser that repairs whatever is
// stored. A corrupt or old-format value never breaks the extension: each field
// that can be read is kept, each that cannot falls back to its default.
// Storage wiring (the WXT storage item) lives in lib/storage.ts.
import { sensitivities, type Sensitivity } from './engine/options';
import { displayKinds, type DisplayKind } from './present/kinds';

/**
 * The page highlight switches: one per display kind (lib/present), so a switch
 * has the kind's name and colour everywhere. The spin switch also covers spun
 * forms in text with no original (lib/present/kinds.ts layersOfKind).
 */
export type HighlightSwitches = Record<DisplayKind, boolean>;

/**
 * Until settings version 2 the switches were six groups; each covered these
 * display kinds (`scrambled` was spun text with no original, now under spin).
 */
const oldSwitchGroups: Readonly<Record<'distorting' | 'spin' | 'alteration' | 'insertion' | 'omission' | 'scrambled', readonly DisplayKind[]>> = {
  distorting: ['distorting'],
  spin: ['spin'],
  alteration: ['negation', 'number', 'name', 'wording'],
  insertion: ['insertion'],
  omission: ['omission', 'heading'],
  scrambled: ['spin'],
};

export interface Settings {
  version: 2;
  /** Master switch for highlighting on every site. */
  highlightEverywhere: boolean;
  /** Hostnames where Yuanwen is paused: no marks, no banner, no badge. */
  disabledSites: string[];
  /** Hostnames where the banner is not shown (marks and badge stay). */
  bannerHiddenSites: string[];
  sensitivity: Sensitivity;
  kinds: HighlightSwitches;
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
  version: 2,
  highlightEverywhere: true,
  disabledSites: [],
  bannerHiddenSites: [],
  sensitivity: 'default',
  kinds: Object.fromEntries(displayKinds.map((k) => [k, true])) as HighlightSwitches,
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
  if (typeof r.kinds === 'object' && r.kinds !== null && !Array.isArray(r.kinds)) {
    out.kinds = r.version === 2 ? switchesOf(r.kinds as Record<string, unknown>) : switchesOfOldGroups(r.kinds as Record<string, unknown>);
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

/** Version 2: one boolean per display kind; a kind missing or not a boolean is on. */
function switchesOf(k: Record<string, unknown>): HighlightSwitches {
  const out = structuredClone(defaultSettings.kinds);
  for (const kind of displayKinds) if (typeof k[kind] === 'boolean') out[kind] = k[kind] as boolean;
  return out;
}

/**
 * Versions 0 and 1: the six groups. A kind is on when any group that covered
 * it was on (spin was covered by two: a reader who hid only the spin marks in
 * matched text but kept those in text with no original still sees spin), off
 * when every such group that is stored was off, and on when none is stored.
 * Kinds no group covered (a moved passage) were always shown: they stay on.
 */
function switchesOfOldGroups(k: Record<string, unknown>): HighlightSwitches {
  const out = structuredClone(defaultSettings.kinds);
  for (const kind of displayKinds) {
    const stored = (Object.keys(oldSwitchGroups) as (keyof typeof oldSwitchGroups)[])
      .filter((g) => oldSwitchGroups[g].includes(kind) && typeof k[g] === 'boolean')
      .map((g) => k[g] as boolean);
    if (stored.length > 0) out[kind] = stored.some((on) => on);
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
