// Automatic capture from trusted official origins: off until the reader
// switches it on in the options page; the list of origins is theirs to edit.
// Stored apart from the verification settings (lib/settings.ts) and read
// through a repairing parser like them. (No schema library here: the content
// script reads these settings on every page and stays small.)

/** The official sites whose article pages are saved as originals when auto-capture is on (their current domains). */
export const defaultTrustedOrigins: readonly string[] = [
  'news.cn', // Xinhua (www.news.cn, since 2020)
  'xinhuanet.com', // Xinhua's earlier domain, still serving
  'people.com.cn', // People's Daily (paper.people.com.cn, politics.people.com.cn …)
  'gov.cn', // State Council and government portals
  'qstheory.cn', // Qiushi
  'cctv.com', // CCTV (news.cctv.com, tv.cctv.com)
];

/** A serialized page larger than this is not offered for auto-capture (a bulletin page is well under 1 MB). */
export const MAX_PAGE_HTML = 20_000_000;

export interface CaptureSettings {
  auto: boolean;
  /** Hostnames; a page is trusted when its hostname is one of them or ends in "." + one of them. */
  trusted: string[];
}

export const defaultCaptureSettings: CaptureSettings = { auto: false, trusted: [...defaultTrustedOrigins] };

/** A hostname, optionally with a port (127.0.0.1:8080 for local tests). */
const hostPattern = /^[a-z0-9.-]+(:\d+)?$/;

function host(raw: unknown): string | undefined {
  if (typeof raw !== 'string') return undefined;
  const h = raw.trim().toLowerCase().replace(/^\.+|\.+$/g, '');
  return h.length > 0 && h.length <= 253 && hostPattern.test(h) ? h : undefined;
}

/** Keeps what is valid of a stored value; the rest falls back to defaults. */
export function parseCaptureSettings(raw: unknown): CaptureSettings {
  const out: CaptureSettings = structuredClone(defaultCaptureSettings);
  if (typeof raw !== 'object' || raw === null) return out;
  const r = raw as Record<string, unknown>;
  if (typeof r.auto === 'boolean') out.auto = r.auto;
  if (Array.isArray(r.trusted)) {
    out.trusted = [...new Set(r.trusted.map(host).filter((h): h is string => h !== undefined))];
  }
  return out;
}

/** One host per line (or separated by spaces or commas), as typed in the options page. */
export function parseTrustedList(text: string): string[] {
  return parseCaptureSettings({ trusted: text.split(/[\s,，]+/).filter(Boolean).map((h) => h.replace(/^https?:\/\//, '').replace(/\/.*$/, '')) }).trusted;
}

/** Is this page's host trusted? (host may carry a port: 127.0.0.1:8080) */
export function isTrusted(settings: CaptureSettings, host: string): boolean {
  const h = host.toLowerCase();
  const bare = h.replace(/:\d+$/, '');
  return settings.trusted.some((t) => t === h || (!t.includes(':') && (bare === t || bare.endsWith('.' + t))));
}
