// The background's message handlers, separate from the listener wiring so
// they can be tested with WXT's fake browser.
import { browser, type Browser } from 'wxt/browser';
import { i18n } from '#i18n';
import { anomaliesInMatches } from '@/lib/dom/extract';
import { bundledLexicon } from '@/lib/engine';
import { OnlineLookupClient } from '@/lib/online/lookup';
import { badgeModel } from '@/lib/present/badge';
import type { BadgeModel } from '@/lib/present/summary';
import { bannerOfReport } from '@/lib/present/banner';
import { verdictAccent } from '@/lib/present/tokens';
import { t } from '@/lib/view/translate';
import type { Report } from '@/lib/engine/types';
import type { BackgroundRequest, GetReportResponse, PageTextResponse, RenderingAnomalyMessage, TabReport, VerifyRequest, VerifyResponse } from '@/lib/protocol';
import { loadSettings, tabReportKey } from '@/lib/storage';
import { highlightingOn, type Settings } from '@/lib/settings';
import { createCorpus, type Corpus } from './corpus';
import { Abandoned, Turns, realTurnsDeps, type Turn } from './turns';
import type { Pause } from '@/lib/engine/slices';

/** Badge colours: the verdict tokens of lib/present (the banner's edge and the popup's verdict use the same). */
export const badgeColour = {
  scrambled: verdictAccent.scrambled.light,
  edited: verdictAccent.edited.light,
  faithful: verdictAccent.faithful.light,
  unmatchedScrambled: verdictAccent.scrambled.light,
} as const;

/** Comparison tabs: one per source tab every perTabMs, and at most perWindow in any windowMs. */
export const openLimit = { perTabMs: 3000, perWindow: 3, windowMs: 30_000 } as const;

export interface Handlers {
  handle(msg: BackgroundRequest, sender: Browser.runtime.MessageSender): Promise<unknown>;
  clearTab(tabId: number, options?: { badge?: boolean }): Promise<void>;
  refreshBadges(settings: Settings): Promise<void>;
  /** For tests: has the index been built in this worker? */
  readonly indexBuilt: boolean;
}

/**
 * What the background keeps: full reports with their text in this worker's
 * memory for the most recent tabs (bounded), and in session storage the
 * report without the page text (the text's length and run identify it; the
 * popup gets the text back from the page's content script). Storage holds at
 * most maxStoredReports, the oldest evicted first.
 */
export const keepLimits = {
  /** Tabs whose text stays in worker memory... */
  maxTextsInMemory: 8,
  /** ...and at most this many characters of text in all. */
  maxCharsInMemory: 12_000_000,
  maxStoredReports: 40,
} as const;

/** The report as stored in session storage: no page text. */
export interface StoredReport extends Omit<TabReport, 'text'> {
  textLength: number;
}

/** A stored value read back after a worker restart: check it before use (storage may hold anything). */
export function parseStoredReport(x: unknown): StoredReport | null {
  if (typeof x !== 'object' || x === null) return null;
  const r = x as Partial<StoredReport>;
  const rep = r.report as Partial<Report> | undefined;
  const ok =
    typeof r.url === 'string' &&
    Number.isSafeInteger(r.generation) &&
    Number.isSafeInteger(r.textLength) &&
    typeof r.verifiedAt === 'number' &&
    typeof rep === 'object' &&
    rep !== null &&
    Array.isArray(rep.matches) &&
    Array.isArray(rep.unmatched) &&
    typeof rep.verdict === 'string' &&
    typeof rep.counts === 'object' &&
    rep.counts !== null;
  return ok ? (r as StoredReport) : null;
}

/** Is the sender one of our extension pages (popup, options, side panel), not a content script? */
export function fromExtensionPage(sender: Browser.runtime.MessageSender): boolean {
  if (sender.id !== undefined && sender.id !== browser.runtime.id) return false;
  const base = browser.runtime.getURL('/');
  return typeof sender.url === 'string' && sender.url.startsWith(base);
}

export function createHandlers(corpus: Corpus = createCorpus()): Handlers {
  // The index is loaded on the first verification (cheap to wake otherwise): see ./corpus.ts.
  /** The option "online lookup" (off by default): lookups by fingerprints, answers cached per page. */
  const online = new OnlineLookupClient(bundledLexicon());
  /** Reports of this worker's lifetime, most recent last (Map order); texts bounded by keepLimits. */
  const memory = new Map<number, TabReport>();
  /** Bumped when a tab starts loading a new document: answers for the old one are dropped. */
  const epochs = new Map<number, number>();

  // --- verification turns ------------------------------------------------
  // One verification at a time, in slices (./turns.ts): between two slices the
  // worker answers other messages, and a waiting verification that goes first
  // (the active tab's, else the shortest text) takes the turn, so a heavy page
  // does not hold up another tab's verdict. A tab's waiting run is replaced
  // by its newer one; a started run goes on (a page that keeps changing still
  // gets answers).
  const turns = new Turns(realTurnsDeps(activeTabIds));

  async function onVerify(msg: VerifyRequest, tabId: number | undefined): Promise<VerifyResponse> {
    if (tabId !== undefined) turns.abandon('superseded by a newer run', (job, started) => !started && job.tabId === tabId);
    // The document the request came from: a navigation meanwhile drops its answer.
    const epoch = tabId === undefined ? 0 : (epochs.get(tabId) ?? 0);
    let turn: Turn;
    try {
      turn = await turns.start({ tabId, chars: msg.text.length });
    } catch (e) {
      return { ok: false, generation: msg.generation, error: e instanceof Abandoned ? e.message : String(e) };
    }
    try {
      return await runVerify(msg, tabId, epoch, () => turn.pause());
    } finally {
      turn.finish();
    }
  }

  async function activeTabIds(): Promise<ReadonlySet<number>> {
    try {
      const tabs = await browser.tabs.query({ active: true });
      return new Set(tabs.map((t) => t.id).filter((id): id is number => id !== undefined));
    } catch {
      return new Set();
    }
  }

  async function runVerify(msg: VerifyRequest, tabId: number | undefined, epoch: number, pause: Pause): Promise<VerifyResponse> {
    let report: Report;
    let fallback = false;
    let settings: Settings;
    try {
      settings = await loadSettings();
      const sensitivity = settings.sensitivity;
      const result = await online.verify(msg.text, settings.online, () => corpus.verify(msg.text, { sensitivity, pause }), sensitivity);
      report = result.report;
      fallback = result.source.kind === 'fallback';
    } catch (e) {
      return { ok: false, generation: msg.generation, error: String(e) };
    }
    if (tabId !== undefined && (epochs.get(tabId) ?? 0) === epoch) {
      const stored = memory.get(tabId);
      // A late answer to an older run of the same page never replaces a newer one.
      if (!stored || stored.url !== msg.url || stored.generation <= msg.generation) {
        const renderedDiffers = anomaliesInMatches(report.matches, msg.anomalies ?? []);
        const tabReport: TabReport = { url: msg.url, generation: msg.generation, report, text: msg.text, verifiedAt: Date.now() };
        if (renderedDiffers.length > 0) tabReport.renderedDiffers = renderedDiffers;
        remember(tabId, tabReport);
        // Answer the page first: it can draw while the report is written to
        // session storage (the popup reads memory first, storage after a restart).
        // Paused on this site: no badge either (the report is kept for the popup).
        const badge = pausedOn(settings, msg.url) ? setBadge(tabId, badgeModel({ type: 'blank' }, t)) : showBadge(tabId, report, renderedDiffers, fallback);
        void Promise.all([store(tabId, tabReport), badge]).catch(() => undefined);
      }
    }
    return { ok: true, generation: msg.generation, report, banner: bannerOfReport(report, t) };
  }

  /** Keeps the report in memory as the most recent; drops the oldest texts beyond keepLimits. */
  function remember(tabId: number, tabReport: TabReport): void {
    memory.delete(tabId);
    memory.set(tabId, tabReport);
    let chars = 0;
    for (const r of memory.values()) chars += r.text.length;
    for (const [id, r] of memory) {
      if (memory.size <= keepLimits.maxTextsInMemory && chars <= keepLimits.maxCharsInMemory) break;
      if (id === tabId) continue;
      memory.delete(id);
      chars -= r.text.length;
    }
  }

  async function store(tabId: number, tabReport: TabReport): Promise<void> {
    const { text, ...rest } = tabReport;
    const value: StoredReport = { ...rest, textLength: text.length };
    for (let attempt = 0; attempt < 2; attempt++) {
      try {
        await evictStored(tabId, attempt === 0 ? keepLimits.maxStoredReports - 1 : Math.floor(keepLimits.maxStoredReports / 2));
        await browser.storage.session.set({ [storageKey(tabId)]: value });
        return;
      } catch {
        // Over the session quota: evict more of the oldest and try once more.
      }
    }
    await browser.storage.session.remove(storageKey(tabId)).catch(() => undefined);
  }

  /** Removes the oldest stored reports (other than tabId's) until at most `keep` remain. */
  async function evictStored(tabId: number, keep: number): Promise<void> {
    const all = await browser.storage.session.get(null);
    const entries = Object.entries(all)
      .filter(([k]) => k.startsWith(reportPrefix) && k !== storageKey(tabId))
      .map(([k, v]) => ({ k, at: (parseStoredReport(v)?.verifiedAt ?? 0) }))
      .sort((a, b) => a.at - b.at);
    const excess = entries.length - keep;
    if (excess > 0) await browser.storage.session.remove(entries.slice(0, excess).map((e) => e.k));
  }

  async function getReport(tabId: number): Promise<GetReportResponse> {
    const inMemory = memory.get(tabId);
    if (inMemory) return inMemory;
    const key = storageKey(tabId);
    const got = await browser.storage.session.get(key);
    const stored = parseStoredReport(got[key]);
    if (!stored) {
      // Corrupt: drop it (it can only be a broken copy of what the page would send again).
      if (got[key] !== undefined) await browser.storage.session.remove(key).catch(() => undefined);
      return null;
    }
    // The text lives in the page: ask its content script for the run the report belongs to.
    let text: string | null = null;
    try {
      const answer = (await browser.tabs.sendMessage(tabId, { type: 'pageText', generation: stored.generation, length: stored.textLength })) as PageTextResponse | undefined;
      if (answer && typeof answer.text === 'string' && answer.text.length === stored.textLength) text = answer.text;
    } catch {
      text = null;
    }
    if (text === null) {
      // The report was lost (the page moved on, or the worker restarted and the page is gone):
      // say so on the badge instead of "nothing here", and drop what cannot be shown.
      await browser.storage.session.remove(key).catch(() => undefined);
      await setBadge(tabId, badgeModel({ type: 'lost' }, t));
      return null;
    }
    const { textLength: _length, ...rest } = stored;
    const full: TabReport = { ...rest, text };
    remember(tabId, full);
    return full;
  }

  async function clearTab(tabId: number, options: { badge?: boolean } = {}): Promise<void> {
    epochs.set(tabId, (epochs.get(tabId) ?? 0) + 1);
    memory.delete(tabId);
    turns.abandon('the tab moved on', (job) => job.tabId === tabId);
    await browser.storage.session.remove(storageKey(tabId)).catch(() => undefined);
    if (options.badge !== false) await setBadge(tabId, badgeModel({ type: 'blank' }, t));
  }

  /** When each tab last opened a comparison, and every opening of the last window (rate limit). */
  const lastOpened = new Map<number, number>();
  let openings: number[] = [];

  async function openComparison(tab: Browser.tabs.Tab | undefined): Promise<{ ok: boolean }> {
    if (tab?.id === undefined) return { ok: false };
    // A page that presses the banner's button (or a compromised renderer that
    // sends this message) in a loop must not flood the browser with tabs.
    const now = Date.now();
    openings = openings.filter((t) => now - t < openLimit.windowMs);
    if (now - (lastOpened.get(tab.id) ?? -Infinity) < openLimit.perTabMs || openings.length >= openLimit.perWindow) return { ok: false };
    lastOpened.set(tab.id, now);
    openings.push(now);
    // A tab rather than action.openPopup(): it works in every browser without a
    // user gesture on the toolbar, and a side-by-side comparison needs the room.
    await browser.tabs.create({
      url: browser.runtime.getURL(`/popup.html?tab=${tab.id}`),
      index: tab.index + 1,
      openerTabId: tab.id,
    });
    return { ok: true };
  }

  /** The reader paused or resumed a site: every tab of this worker shows or drops its badge at once. */
  async function refreshBadges(settings: Settings): Promise<void> {
    await Promise.all(
      [...memory].map(([tabId, tab]) =>
        pausedOn(settings, tab.url) ? setBadge(tabId, badgeModel({ type: 'blank' }, t)) : showBadge(tabId, tab.report, tab.renderedDiffers ?? [], false),
      ),
    );
  }

  return {
    refreshBadges,
    get indexBuilt() {
      return corpus.loaded;
    },
    clearTab,
    async handle(msg, sender) {
      const tabId = sender.tab?.id;
      switch (msg.type) {
        case 'verify':
          // From a page's content script only. A child frame's verification
          // (a cross-origin iframe) is answered for its own banner; the tab's
          // report and badge are the top frame's.
          if (tabId === undefined) return { ok: false, generation: msg.generation, error: 'not from a tab' };
          return onVerify(msg, (sender.frameId ?? 0) === 0 ? tabId : undefined);
        case 'getReport':
          // A tab's report holds its page text: only our own pages may read it,
          // never a content script (a compromised renderer could ask for any tab).
          if (!fromExtensionPage(sender)) return null;
          return getReport(msg.tabId);
        case 'clear':
          if (tabId !== undefined) await clearTab(tabId);
          return { ok: true };
        case 'openComparison':
          return openComparison(sender.tab);
      }
    },
  };
}

const reportPrefix = 'tabReport:';

/** Is Yuanwen paused on the site of this URL (or everywhere)? */
function pausedOn(settings: Settings, url: string): boolean {
  try {
    return !highlightingOn(settings, new URL(url).hostname);
  } catch {
    return !settings.highlightEverywhere;
  }
}

function storageKey(tabId: number): string {
  return tabReportKey(tabId).slice('session:'.length);
}

/** Badge text, colour and title for a tab's report: the model is lib/present's (badge.ts); this only wires it. */
export function badgeFor(report: Report, renderedDiffers: readonly RenderingAnomalyMessage[] = []): BadgeModel {
  return badgeModel({ type: 'report', report, rendering: { anomalies: renderedDiffers } }, t);
}

async function showBadge(tabId: number, report: Report, renderedDiffers: readonly RenderingAnomalyMessage[], fallback: boolean): Promise<void> {
  const b = badgeFor(report, renderedDiffers);
  // An unreachable reference server is said quietly, in the button's title only.
  await setBadge(tabId, { ...b, title: fallback ? b.title + i18n.t('online.fallback') : b.title });
}

async function setBadge(tabId: number, { text, colour, title }: BadgeModel): Promise<void> {
  // The tab may have closed meanwhile: a failed badge call is not an error.
  const action = browser.action ?? (browser as unknown as { browserAction: typeof browser.action }).browserAction;
  await Promise.all([
    action.setBadgeText({ tabId, text }).catch(() => undefined),
    action.setBadgeBackgroundColor({ tabId, color: colour }).catch(() => undefined),
    action.setTitle({ tabId, title }).catch(() => undefined),
  ]);
}
