// The background's message handlers, separate from the listener wiring so
// they can be tested with WXT's fake browser.
import { browser, type Browser } from 'wxt/browser';
import { i18n } from '#i18n';
import { bundledCorpus } from '@/lib/corpus/bundled';
import { anomaliesInMatches } from '@/lib/dom/extract';
import { hasFindings } from '@/lib/dom/marks';
import { badgeOf, summarize } from '@/lib/present/summary';
import { verdictAccent } from '@/lib/present/tokens';
import { t } from '@/lib/view/translate';
import { buildIndex, verify, type CorpusIndex } from '@/lib/engine';
import type { Report } from '@/lib/engine/types';
import type { BackgroundRequest, GetReportResponse, TabReport, VerifyRequest, VerifyResponse } from '@/lib/protocol';
import { loadSettings, tabReportKey } from '@/lib/storage';
import { highlightingOn, type Settings } from '@/lib/settings';

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

export function createHandlers(): Handlers {
  let index: CorpusIndex | undefined;
  /** Built once per worker lifetime, on the first verification (cheap to wake otherwise). */
  const getIndex = (): CorpusIndex => (index ??= buildIndex(bundledCorpus));
  /** Reports of this worker's lifetime; session storage outlives it. */
  const memory = new Map<number, TabReport>();
  /** Bumped when a tab starts loading a new document: answers for the old one are dropped. */
  const epochs = new Map<number, number>();

  async function onVerify(msg: VerifyRequest, tabId: number | undefined): Promise<VerifyResponse> {
    const epoch = tabId === undefined ? 0 : (epochs.get(tabId) ?? 0);
    let report: Report;
    let settings: Settings;
    try {
      settings = await loadSettings();
      report = verify(msg.text, getIndex(), { sensitivity: settings.sensitivity });
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
        memory.set(tabId, tabReport);
        // Answer the page first: it can draw while the report is written to
        // session storage (the popup reads memory first, storage after a restart).
        // Paused on this site: no badge either (the report is kept for the popup).
        const badge = pausedOn(settings, msg.url) ? setBadge(tabId, '', badgeColour.faithful, i18n.t('extName')) : showBadge(tabId, report, renderedDiffers.length > 0);
        void Promise.all([store(tabId, tabReport), badge]).catch(() => undefined);
      }
    }
    return { ok: true, generation: msg.generation, report };
  }

  async function store(tabId: number, tabReport: TabReport): Promise<void> {
    try {
      await browser.storage.session.set({ [storageKey(tabId)]: tabReport });
    } catch {
      // Over the session quota (a page of several MB): the report stays in
      // this worker's memory only.
      await browser.storage.session.remove(storageKey(tabId)).catch(() => undefined);
    }
  }

  async function getReport(tabId: number): Promise<GetReportResponse> {
    const inMemory = memory.get(tabId);
    if (inMemory) return inMemory;
    const key = storageKey(tabId);
    const got = await browser.storage.session.get(key);
    return (got[key] as TabReport | undefined) ?? null;
  }

  async function clearTab(tabId: number, options: { badge?: boolean } = {}): Promise<void> {
    epochs.set(tabId, (epochs.get(tabId) ?? 0) + 1);
    memory.delete(tabId);
    await browser.storage.session.remove(storageKey(tabId)).catch(() => undefined);
    if (options.badge !== false) await setBadge(tabId, '', badgeColour.faithful, i18n.t('extName'));
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
        pausedOn(settings, tab.url) ? setBadge(tabId, '', badgeColour.faithful, i18n.t('extName')) : showBadge(tabId, tab.report, (tab.renderedDiffers?.length ?? 0) > 0),
      ),
    );
  }

  return {
    refreshBadges,
    get indexBuilt() {
      return index !== undefined;
    },
    clearTab,
    async handle(msg, sender) {
      const tabId = sender.tab?.id;
      switch (msg.type) {
        case 'verify':
          return onVerify(msg, tabId);
        case 'getReport':
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

/**
 * Badge text, colour and title for a tab's report: the same total as the
 * banner (differences plus spun forms with no original = the marks on the
 * page), in the verdict's colour (lib/present badgeOf).
 */
export function badgeFor(report: Report, renderedDiffers = false): { text: string; colour: string; title: string } {
  const prefix = i18n.t('content.title.prefix');
  const summary = summarize(report);
  // Text the reader sees is not the text verified: never a green tick.
  if (renderedDiffers && report.matches.length > 0 && summary.tone === 'faithful') {
    return { text: '!', colour: badgeColour.edited, title: prefix + i18n.t('guard.renderedDiffers') };
  }
  if (!hasFindings(report)) return { text: '', colour: badgeColour.faithful, title: i18n.t('content.title.nothing') };
  const badge = badgeOf(summary, t);
  return renderedDiffers ? { ...badge, title: `${prefix}${i18n.t('guard.renderedDiffers')} ${badge.title}` } : badge;
}

async function showBadge(tabId: number, report: Report, renderedDiffers: boolean): Promise<void> {
  const b = badgeFor(report, renderedDiffers);
  await setBadge(tabId, b.text, b.colour, b.title);
}

async function setBadge(tabId: number, text: string, colour: string, title: string): Promise<void> {
  // The tab may have closed meanwhile: a failed badge call is not an error.
  const action = browser.action ?? (browser as unknown as { browserAction: typeof browser.action }).browserAction;
  await Promise.all([
    action.setBadgeText({ tabId, text }).catch(() => undefined),
    action.setBadgeBackgroundColor({ tabId, color: colour }).catch(() => undefined),
    action.setTitle({ tabId, title }).catch(() => undefined),
  ]);
}
