// The background's message handlers, separate from the listener wiring so
// they can be tested with WXT's fake browser.
import { browser, type Browser } from 'wxt/browser';
import { i18n } from '#i18n';
import { anomaliesInMatches } from '@/lib/dom/extract';
import { bundledLexicon } from '@/lib/engine';
import { OnlineLookupClient } from '@/lib/online/lookup';
import { badgeModel } from '@/lib/present/badge';
import { frameVerdictOf, parseFrameVerdictList, type FrameVerdict } from '@/lib/present/frames';
import type { BadgeModel } from '@/lib/present/summary';
import { bannerOfReport } from '@/lib/present/banner';
import { verdictAccent } from '@/lib/present/tokens';
import { t } from '@/lib/view/translate';
import type { Report } from '@/lib/engine/types';
import type { BackgroundRequest, GetReportResponse, PageTextResponse, ReportAliveRequest, RenderingAnomalyMessage, TabReport, VerifyRequest, VerifyResponse } from '@/lib/protocol';
import { loadSettings, tabFramesKey, tabReportKey } from '@/lib/storage';
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
  /** A frame of the tab may have loaded a new document (a reload, or a child frame's navigation): drop the reports no frame shows any more. */
  recheckFrames(tabId: number): Promise<void>;
  refreshBadges(settings: Settings): Promise<void>;
  /** For tests: has the index been built in this worker? */
  readonly indexBuilt: boolean;
}

/**
 * What the background keeps, per (tab, frame): every frame that verifies has
 * its own report (a bulletin may sit in a cross-origin iframe), and a frame's
 * messages act on that frame only. Full reports with their text stay in this
 * worker's memory for the most recent frames (bounded); session storage holds
 * each report without the page text (the text's length and run identify it;
 * the popup gets the text back from the frame's content script), at most
 * maxStoredReports, the oldest evicted first. Beside them, per tab, one small
 * list of frame verdicts (lib/present/frames.ts): the tab's badge is the
 * worst of them, and the popup's frame notices come from it.
 */
export const keepLimits = {
  /** Tabs whose text stays in worker memory... */
  maxTextsInMemory: 8,
  /** ...and at most this many characters of text in all. */
  maxCharsInMemory: 12_000_000,
  maxStoredReports: 40,
  /** How long the popup's frame list waits for a child frame to say it still shows its report. */
  frameCheckMs: 500,
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
  /** Reports of this worker's lifetime by frameKey, most recent last (Map order); texts bounded by keepLimits. */
  const memory = new Map<string, TabReport>();
  /** Bumped when a tab starts loading a new document: answers for the old one are dropped. */
  const epochs = new Map<number, number>();
  /** Bumped when a frame clears its report: an answer to its run before the clear is dropped. */
  const frameEpochs = new Map<string, number>();
  /** Each tab's frame verdicts by frame id, loaded from storage once per worker (a promise, so two frames never load it twice). */
  const verdicts = new Map<number, Promise<Map<number, FrameVerdict>>>();
  const epochOf = (tabId: number, frameId: number) => `${epochs.get(tabId) ?? 0}:${frameEpochs.get(frameKey(tabId, frameId)) ?? 0}`;

  // --- verification turns ------------------------------------------------
  // One verification at a time, in slices (./turns.ts): between two slices the
  // worker answers other messages, and a waiting verification that goes first
  // (the active tab's, else the shortest text) takes the turn, so a heavy page
  // does not hold up another tab's verdict. A tab's waiting run is replaced
  // by its newer one; a started run goes on (a page that keeps changing still
  // gets answers).
  const turns = new Turns(realTurnsDeps(activeTabIds));

  async function onVerify(msg: VerifyRequest, tabId: number, frameId: number): Promise<VerifyResponse> {
    turns.abandon('superseded by a newer run', (job, started) => !started && job.tabId === tabId && job.frameId === frameId);
    // The document the request came from: a navigation (or the frame's clear) meanwhile drops its answer.
    const epoch = epochOf(tabId, frameId);
    let turn: Turn;
    try {
      turn = await turns.start({ tabId, frameId, chars: msg.text.length });
    } catch (e) {
      return { ok: false, generation: msg.generation, error: e instanceof Abandoned ? e.message : String(e) };
    }
    try {
      return await runVerify(msg, tabId, frameId, epoch, () => turn.pause());
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

  async function runVerify(msg: VerifyRequest, tabId: number, frameId: number, epoch: string, pause: Pause): Promise<VerifyResponse> {
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
    if (epochOf(tabId, frameId) === epoch) {
      const key = frameKey(tabId, frameId);
      const stored = memory.get(key);
      // A late answer to an older run of the same page never replaces a newer one.
      if (!stored || stored.url !== msg.url || stored.generation <= msg.generation) {
        const renderedDiffers = anomaliesInMatches(report.matches, msg.anomalies ?? []);
        const tabReport: TabReport = { url: msg.url, generation: msg.generation, report, text: msg.text, verifiedAt: Date.now() };
        if (renderedDiffers.length > 0) tabReport.renderedDiffers = renderedDiffers;
        remember(key, tabReport);
        const verdict = frameVerdictOf(frameId, msg.url, report, { anomalies: renderedDiffers }, t);
        // An unreachable reference server is said quietly, in the button's title only.
        if (fallback) verdict.badge = { ...verdict.badge, title: verdict.badge.title + i18n.t('online.fallback') };
        // Answer the page first: it can draw while the report is written to
        // session storage (the popup reads memory first, storage after a restart).
        void Promise.all([store(tabId, frameId, tabReport), setFrameVerdict(tabId, frameId, verdict, settings)]).catch(() => undefined);
      }
    }
    return { ok: true, generation: msg.generation, report, banner: bannerOfReport(report, t) };
  }

  /** Keeps the report in memory as the most recent; drops the oldest texts beyond keepLimits. */
  function remember(key: string, tabReport: TabReport): void {
    memory.delete(key);
    memory.set(key, tabReport);
    let chars = 0;
    for (const r of memory.values()) chars += r.text.length;
    for (const [k, r] of memory) {
      if (memory.size <= keepLimits.maxTextsInMemory && chars <= keepLimits.maxCharsInMemory) break;
      if (k === key) continue;
      memory.delete(k);
      chars -= r.text.length;
    }
  }

  async function store(tabId: number, frameId: number, tabReport: TabReport): Promise<void> {
    const { text, ...rest } = tabReport;
    const value: StoredReport = { ...rest, textLength: text.length };
    const key = storageKey(tabId, frameId);
    for (let attempt = 0; attempt < 2; attempt++) {
      try {
        await evictStored(key, attempt === 0 ? keepLimits.maxStoredReports - 1 : Math.floor(keepLimits.maxStoredReports / 2));
        await browser.storage.session.set({ [key]: value });
        return;
      } catch {
        // Over the session quota: evict more of the oldest and try once more.
      }
    }
    await browser.storage.session.remove(key).catch(() => undefined);
  }

  /** Removes the oldest stored reports (other than `keepKey`) until at most `keep` remain. */
  async function evictStored(keepKey: string, keep: number): Promise<void> {
    const all = await browser.storage.session.get(null);
    const entries = Object.entries(all)
      .filter(([k]) => k.startsWith(reportPrefix) && k !== keepKey)
      .map(([k, v]) => ({ k, at: (parseStoredReport(v)?.verifiedAt ?? 0) }))
      .sort((a, b) => a.at - b.at);
    const excess = entries.length - keep;
    if (excess > 0) await browser.storage.session.remove(entries.slice(0, excess).map((e) => e.k));
  }

  // --- frame verdicts and the tab's badge --------------------------------
  function verdictsOf(tabId: number): Promise<Map<number, FrameVerdict>> {
    let got = verdicts.get(tabId);
    if (!got) {
      const key = framesStorageKey(tabId);
      got = browser.storage.session
        .get(key)
        .then((r) => new Map(parseFrameVerdictList(r[key]).map((f) => [f.frameId, f] as const)))
        .catch(() => new Map<number, FrameVerdict>());
      verdicts.set(tabId, got);
    }
    return got;
  }

  /** Sets (or, with null, drops) one frame's verdict, stores the list and shows the tab's badge: the worst frame's. */
  async function setFrameVerdict(tabId: number, frameId: number, verdict: FrameVerdict | null, settings?: Settings): Promise<void> {
    const map = await verdictsOf(tabId);
    if (verdict) map.set(frameId, verdict);
    else map.delete(frameId);
    const key = framesStorageKey(tabId);
    const store = map.size > 0 ? browser.storage.session.set({ [key]: [...map.values()] }) : browser.storage.session.remove(key);
    await Promise.all([store.catch(() => undefined), showTabBadge(tabId, map, settings ?? (await loadSettings()))]);
  }

  /** The tab's badge from its frames; a frame on a site the reader paused is left out. */
  async function showTabBadge(tabId: number, map: ReadonlyMap<number, FrameVerdict>, settings: Settings): Promise<void> {
    const frames = [...map.values()].filter((f) => !pausedOn(settings, f.url));
    await setBadge(tabId, badgeModel({ type: 'frames', frames }, t));
  }

  /**
   * The tab's frame verdicts, each child frame's checked first: a frame that
   * navigated to a page without Han text (or was removed) sends nothing, so
   * its report is dropped here when its content script no longer shows that
   * run. A frame that does not answer in time keeps its verdict.
   */
  async function getFrames(tabId: number): Promise<FrameVerdict[]> {
    const map = await verdictsOf(tabId);
    await dropGone(tabId, [...map.keys()].filter((f) => f !== 0));
    return [...map.values()];
  }

  /** Clears each of these frames whose content script says it no longer shows its report (or is gone). */
  async function dropGone(tabId: number, frameIds: readonly number[]): Promise<void> {
    await Promise.all(
      frameIds.map(async (frameId) => {
        const before = memory.get(frameKey(tabId, frameId))?.generation;
        if ((await frameStillShows(tabId, frameId)) !== false) return;
        // A newer report of that frame arrived while it was asked: that one stays.
        if (memory.get(frameKey(tabId, frameId))?.generation !== before) return;
        await clearFrame(tabId, frameId, 'keep');
      }),
    );
  }

  /**
   * The tab finished loading something without changing its URL: a reload,
   * or a child frame's navigation (the tab's loading state covers every
   * frame). Clearing the whole tab then would let any iframe that navigates
   * wipe the top frame's report, so each frame is asked instead.
   */
  async function recheckFrames(tabId: number): Promise<void> {
    const map = await verdictsOf(tabId);
    await dropGone(tabId, [...new Set([0, ...map.keys()])].filter((f) => map.has(f) || memory.has(frameKey(tabId, f))));
  }

  /** true or false as the frame answers; undefined when it could not be asked in time (kept). */
  async function frameStillShows(tabId: number, frameId: number): Promise<boolean | undefined> {
    const inMemory = memory.get(frameKey(tabId, frameId));
    let run: { generation: number; length: number } | undefined = inMemory ? { generation: inMemory.generation, length: inMemory.text.length } : undefined;
    if (!run) {
      const key = storageKey(tabId, frameId);
      const stored = parseStoredReport((await browser.storage.session.get(key).catch(() => ({}) as Record<string, unknown>))[key]);
      if (!stored) return false;
      run = { generation: stored.generation, length: stored.textLength };
    }
    const request: ReportAliveRequest = { type: 'reportAlive', ...run };
    let timer: ReturnType<typeof setTimeout> | undefined;
    const late = new Promise<undefined>((r) => (timer = setTimeout(() => r(undefined), keepLimits.frameCheckMs)));
    try {
      const answer = await Promise.race([browser.tabs.sendMessage(tabId, request, { frameId }).then((a: unknown) => (a as { ok?: unknown } | undefined)?.ok === true, () => false), late]);
      return answer;
    } finally {
      clearTimeout(timer);
    }
  }

  async function getReport(tabId: number, frameId = 0): Promise<GetReportResponse> {
    const inMemory = memory.get(frameKey(tabId, frameId));
    if (inMemory) return inMemory;
    const key = storageKey(tabId, frameId);
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
      // To that frame only: every verifying frame answers pageText for its own run.
      const answer = (await browser.tabs.sendMessage(tabId, { type: 'pageText', generation: stored.generation, length: stored.textLength }, { frameId })) as PageTextResponse | undefined;
      if (answer && typeof answer.text === 'string' && answer.text.length === stored.textLength) text = answer.text;
    } catch {
      text = null;
    }
    if (text === null) {
      // The report was lost (the page moved on, or the worker restarted and the page is gone):
      // say so on the badge instead of "nothing here", and drop what cannot be shown.
      await browser.storage.session.remove(key).catch(() => undefined);
      if (frameId === 0) await setBadge(tabId, badgeModel({ type: 'lost' }, t));
      else await setFrameVerdict(tabId, frameId, null);
      return null;
    }
    const { textLength: _length, ...rest } = stored;
    const full: TabReport = { ...rest, text };
    remember(frameKey(tabId, frameId), full);
    return full;
  }

  /** A new document in the tab (or the tab closed): every frame's report goes. */
  async function clearTab(tabId: number, options: { badge?: boolean } = {}): Promise<void> {
    epochs.set(tabId, (epochs.get(tabId) ?? 0) + 1);
    const frameIds = new Set([0, ...(await verdictsOf(tabId)).keys()]);
    for (const key of [...memory.keys()]) if (key.startsWith(`${tabId}:`)) memory.delete(key);
    for (const key of [...frameEpochs.keys()]) if (key.startsWith(`${tabId}:`)) frameEpochs.delete(key);
    verdicts.delete(tabId);
    turns.abandon('the tab moved on', (job) => job.tabId === tabId);
    await browser.storage.session.remove([framesStorageKey(tabId), ...[...frameIds].map((f) => storageKey(tabId, f))]).catch(() => undefined);
    if (options.badge !== false) await setBadge(tabId, badgeModel({ type: 'blank' }, t));
  }

  /**
   * One frame has nothing to verify any more: its report goes, the others
   * stay, and the badge is made again from them. `inFlight: 'drop'` (the
   * frame's own clear) also drops its verification under way; 'keep' (a
   * report found gone after a load) lets it through, since it is the new
   * document's.
   */
  async function clearFrame(tabId: number, frameId: number, inFlight: 'drop' | 'keep' = 'drop'): Promise<void> {
    const key = frameKey(tabId, frameId);
    memory.delete(key);
    if (inFlight === 'drop') {
      frameEpochs.set(key, (frameEpochs.get(key) ?? 0) + 1);
      turns.abandon('the frame moved on', (job) => job.tabId === tabId && job.frameId === frameId);
    }
    await browser.storage.session.remove(storageKey(tabId, frameId)).catch(() => undefined);
    await setFrameVerdict(tabId, frameId, null);
  }

  /** When each tab last opened a comparison, and every opening of the last window (rate limit). */
  const lastOpened = new Map<number, number>();
  let openings: number[] = [];

  async function openComparison(tab: Browser.tabs.Tab | undefined, frameId: number): Promise<{ ok: boolean }> {
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
      // A child frame's banner opens that frame's report.
      url: browser.runtime.getURL(`/popup.html?tab=${tab.id}${frameId === 0 ? '' : `&frame=${frameId}`}`),
      index: tab.index + 1,
      openerTabId: tab.id,
    });
    return { ok: true };
  }

  /** The reader paused or resumed a site: every tab of this worker shows or drops its badge at once. */
  async function refreshBadges(settings: Settings): Promise<void> {
    await Promise.all([...verdicts].map(async ([tabId, map]) => showTabBadge(tabId, await map, settings)));
  }

  return {
    refreshBadges,
    get indexBuilt() {
      return corpus.loaded;
    },
    clearTab,
    recheckFrames,
    async handle(msg, sender) {
      const tabId = sender.tab?.id;
      // Tab-scoped messages act on the sender's own frame, named by the
      // browser (sender.frameId), never by the message: a child frame (a
      // compromised renderer there) can write and clear its own report only.
      const frameId = sender.frameId ?? 0;
      switch (msg.type) {
        case 'verify':
          // From a page's content script only.
          if (tabId === undefined) return { ok: false, generation: msg.generation, error: 'not from a tab' };
          return onVerify(msg, tabId, frameId);
        case 'getReport':
          // A tab's report holds its page text: only our own pages may read it,
          // never a content script (a compromised renderer could ask for any tab).
          if (!fromExtensionPage(sender)) return null;
          return getReport(msg.tabId, msg.frameId ?? 0);
        case 'getFrames':
          // Frame URLs are the reader's browsing: extension pages only.
          if (!fromExtensionPage(sender)) return [];
          return getFrames(msg.tabId);
        case 'clear':
          if (tabId !== undefined) await clearFrame(tabId, frameId);
          return { ok: true };
        case 'openComparison':
          return openComparison(sender.tab, frameId);
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

/** Where a frame's report lives in worker memory. */
function frameKey(tabId: number, frameId: number): string {
  return `${tabId}:${frameId}`;
}

function storageKey(tabId: number, frameId = 0): string {
  return tabReportKey(tabId, frameId).slice('session:'.length);
}

function framesStorageKey(tabId: number): string {
  return tabFramesKey(tabId).slice('session:'.length);
}

/** Badge text, colour and title for a tab's report: the model is lib/present's (badge.ts); this only wires it. */
export function badgeFor(report: Report, renderedDiffers: readonly RenderingAnomalyMessage[] = []): BadgeModel {
  return badgeModel({ type: 'report', report, rendering: { anomalies: renderedDiffers } }, t);
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
