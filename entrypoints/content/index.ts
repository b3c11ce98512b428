// Content script: wiring only. Extract the page's visible text (in slices),
// gate on Han text, ask the background to verify, draw the report, and keep up
// with the page. The engine never runs here (it lives in the background), so
// this bundle stays small.
//
// Content scripts run in an isolated world: a page that overrides DOM
// prototypes (appendChild, Range, createTreeWalker) changes its own world's
// objects only, not ours (test/e2e/hostile.test.ts proves it in Chromium).
import { browser } from 'wxt/browser';
import { defineContentScript } from 'wxt/utils/define-content-script';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { Extractor, anomaliesInMatches, renderingCheck, type TextSnapshot } from '@/lib/dom/extract';
import { YuanwenUi, type BannerModel } from '@/lib/dom/banner';
import { pageTheme } from '@/lib/dom/theme';
import { bannerOfReport } from '@/lib/present/banner';
import { t } from '@/lib/view/translate';
import { Painter, liveRange, shownLayers, type DrawnMark } from '@/lib/dom/painter';
import { hasFindings, marksOf } from '@/lib/dom/marks';
import type { Report } from '@/lib/engine/types';
import { sendToBackground, sendWithRetry } from '@/lib/messaging';
import { parseContentRequest, type PageTextResponse, type RevealResponse } from '@/lib/protocol';
import { bySeverity } from '@/lib/present/kinds';
import { bannerOn, highlightingOn, type Settings } from '@/lib/settings';
import { bannerClosedOn, loadSettings, rememberBannerClosed, watchSettings } from '@/lib/storage';
import { RunScheduler } from './scheduler';
import { autoCapture, listenForCapture } from './capture';
import { createPageRun } from './run';
import { observePage } from './observer';
import { createHover } from './hover';
import { uiText } from '@/lib/dom/text';
import { ShadowHanProbe } from '@/lib/dom/shadow-gate';

/** Longest slice of main-thread work before yielding (the Long Tasks limit is 50 ms). */
const sliceMs = 8;
/** Text beyond this is not sent (a 6 MB page is verified on its first 6M characters). */
const maxChars = 6_000_000;
/** Elements added while the gate is closed that are remembered one by one; beyond this the next look covers the whole page. */
const maxAddedRoots = 2000;
/** How often the banner and highlights are checked against the page's tampering. */
const guardIntervalMs = 1000;

export default defineContentScript({
  matches: ['<all_urls>'],
  runAt: 'document_idle',
  // No window.postMessage announcing the script to the page (wxt-guard.ts).
  noScriptStartedPostMessage: true,
  // Frames too: a bulletin in a cross-origin iframe is invisible to the top
  // frame's walk (its document cannot be read from there), so that frame's
  // own copy of the script verifies it and shows its banner inside the frame.
  allFrames: true,
  main(ctx) {
    const frame = frameRole();
    // A same-origin frame is walked by the top frame's extraction already.
    if (frame === 'same-origin-child') return;
    start(ctx);
    if (frame === 'top') {
      // Saving this page as an original (./capture.ts): the top frame only.
      ctx.onInvalidated(listenForCapture());
      void autoCapture().catch(() => undefined);
    }
  },
});

type FrameRole = 'top' | 'same-origin-child' | 'cross-origin-child';

function frameRole(): FrameRole {
  if (window === window.top) return 'top';
  try {
    // Throws for a cross-origin top (and for any cross-origin ancestor chain).
    return window.top?.document ? 'same-origin-child' : 'cross-origin-child';
  } catch {
    return 'cross-origin-child';
  }
}

/**
 * Diagnostics (yuanwen:* performance marks, the yuanwen:diagnose event) exist
 * in test builds only (`wxt build --mode e2e`): the page shares the
 * performance timeline and the DOM, and a release build must not let a page
 * tell that Yuanwen is installed. Vite replaces MODE at build time, so the
 * release bundle does not contain them.
 */
const diagnosticsOn = import.meta.env.MODE === 'e2e';

function mark(name: string): void {
  if (!diagnosticsOn) return;
  try {
    performance.mark(`yuanwen:${name}`);
  } catch {
    // performance may be unavailable in exotic documents
  }
}

/**
 * An element's shadow root, open or closed: a closed root can render text
 * other than the light-DOM children the page leaves for a naive reader.
 * Chromium gives content scripts chrome.dom.openOrClosedShadowRoot(); Firefox
 * gives them Element.openOrClosedShadowRoot (content scripts only, via Xray).
 */
function openOrClosedShadowRoot(el: Element): ShadowRoot | null {
  const chromeDom = (globalThis as { chrome?: { dom?: { openOrClosedShadowRoot?: (e: Element) => ShadowRoot | null } } }).chrome?.dom;
  if (chromeDom?.openOrClosedShadowRoot) return chromeDom.openOrClosedShadowRoot(el) ?? null;
  const firefox = (el as Element & { openOrClosedShadowRoot?: ShadowRoot | null }).openOrClosedShadowRoot;
  return firefox ?? el.shadowRoot;
}

/** Yields to the event loop so input and rendering get a turn. */
function yieldToPage(): Promise<void> {
  const s = (globalThis as { scheduler?: { yield?: () => Promise<void> } }).scheduler;
  if (s?.yield) return s.yield();
  return new Promise((r) => setTimeout(r, 0));
}

function start(ctx: ContentScriptContext): void {
  mark('start');
  const setupStart = performance.now();
  const doc = document;
  const painter = new Painter();
  /** Created on first use: a page with nothing to verify gets no element, no shadow root, no stylesheet. */
  let uiInstance: YuanwenUi | null = null;
  const getUi = (): YuanwenUi => {
    if (uiInstance) return uiInstance;
    const ui = new YuanwenUi(
      doc,
      uiText(),
      () => void sendToBackground({ type: 'openComparison' }).catch(() => undefined),
      // Closed stays closed for this page, across reloads.
      () => void rememberBannerClosed(location.href),
    );
    uiInstance = ui;
    void bannerClosedOn(location.href).then((closed) => closed && ui.startClosed());
    if (settings) ui.suppress(!bannerOn(settings, location.hostname));
    return ui;
  };
  let settings: Settings | null = null;
  let snapshot: TextSnapshot | null = null;
  let sentSomething = false;
  let path = location.pathname + location.search;
  /** Main-thread milliseconds spent by this script (measured per slice). */
  let busyMs = 0;
  /** Longest single stretch of this script's work without yielding. */
  let maxSliceMs = 0;
  const account = (ms: number) => {
    busyMs += ms;
    if (ms > maxSliceMs) maxSliceMs = ms;
  };

  const shown = () => (settings && highlightingOn(settings, location.hostname) ? settings.kinds : false);
  const applyShown = () => {
    const s = shown();
    painter.setShown(s);
    if (s === false) uiInstance?.hideCard();
    // Paused here (or the banner hidden here): no banner; the marks follow the switches above.
    if (settings) uiInstance?.suppress(!bannerOn(settings, location.hostname));
  };

  const page = createPageRun({
    doc,
    invalid: () => ctx.isInvalid,
    onFirstHan: () => {
      sawHanText = true;
      addedSince = [];
      startSettingsWatch();
      activate();
    },
    shadowHan: (stop) => lookIntoShadowRoots(stop),
    ready: async () => {
      settings ??= await loadSettings();
    },
    extract: async (stop) => {
      let t0 = performance.now();
      const ex = new Extractor(doc.body ?? doc.documentElement, {
        rendering: renderingCheck(),
        maxChars,
        skip: (el) => el === uiInstance?.host,
        shadowRootOf: openOrClosedShadowRoot,
      });
      while (!ex.step(sliceMs)) {
        account(performance.now() - t0);
        await yieldToPage();
        if (stop()) return null;
        t0 = performance.now();
      }
      const snap = ex.snapshot();
      account(performance.now() - t0);
      return snap;
    },
    send: (req, cancelled) => {
      sentSomething = true;
      return sendWithRetry(req, { timeoutMs: 20_000 + req.text.length / 100, cancelled, onRetry: () => mark('retry') });
    },
    draw: (snap, r, b, g) => draw(snap, r, b, g),
    forget,
    url: () => location.href,
    mark,
  });
  const run = page.run;

  // --- the gate's look into shadow roots (lib/dom/shadow-gate.ts) ----------
  // Only while the page has shown no Han text. The first look covers the
  // whole document; later runs look only under the elements added since (the
  // observer collects them), or at the whole document again when too many
  // were added to keep track of. Sliced like the extraction.
  let shadowLooked = false;
  let addedSince: Element[] = [];
  let addedOverflow = false;
  /** The gate opened (Han text seen): nothing more to collect. */
  let sawHanText = false;
  const collectAdded = (els: readonly Element[]) => {
    if (sawHanText || addedOverflow) return;
    if (addedSince.length + els.length > maxAddedRoots) {
      addedOverflow = true;
      addedSince = [];
    } else addedSince.push(...els);
  };
  async function lookIntoShadowRoots(stop: () => boolean): Promise<boolean> {
    const whole = !shadowLooked || addedOverflow;
    const roots = whole ? [doc.documentElement] : addedSince.filter((el) => el.isConnected);
    addedSince = [];
    addedOverflow = false;
    for (let i = 0; i < roots.length; i++) {
      const probe = new ShadowHanProbe(roots[i]!, openOrClosedShadowRoot);
      let t0 = performance.now();
      let step = probe.step(sliceMs);
      while (step === 'more') {
        account(performance.now() - t0);
        await yieldToPage();
        if (stop()) {
          // Not finished: what was not looked at is looked at next time.
          if (whole) addedOverflow = shadowLooked;
          else collectAdded(roots.slice(i));
          return false;
        }
        t0 = performance.now();
        step = probe.step(sliceMs);
      }
      account(performance.now() - t0);
      if (step === 'han') {
        sawHanText = true;
        return true;
      }
    }
    if (whole) shadowLooked = true;
    return false;
  }

  async function draw(snap: TextSnapshot, r: Report, banner: BannerModel | null, myGeneration: number): Promise<void> {
    mark('draw:start');
    const t0 = performance.now();
    snapshot = snap;
    const rendering = { anomalies: anomaliesInMatches(r.matches, snap.anomalies) };
    if (!hasFindings(r) && rendering.anomalies.length === 0) {
      painter.clear();
      uiInstance?.showBanner(null);
      account(performance.now() - t0);
      mark('draw:end');
      return;
    }
    // The page's theme is read before any highlight is registered: afterwards the
    // same read forces the browser to restyle the whole page inside this task
    // (1.2-1.5 s on 100k text nodes, the longest stretch of the draw).
    const theme = pageTheme(doc);
    const marks = marksOf(r);
    mark('draw:marks');
    let sliceStart = performance.now();
    await painter.draw(snap, marks, {
      budgetMs: sliceMs,
      cancelled: () => ctx.isInvalid || !page.current(myGeneration),
      yieldFn: async () => {
        account(performance.now() - sliceStart);
        await yieldToPage();
        sliceStart = performance.now();
      },
    });
    mark('draw:painted');
    applyShown();
    mark('draw:shown');
    // The banner's summary is its own slice of work, after the drawing's.
    account(performance.now() - sliceStart);
    await yieldToPage();
    if (ctx.isInvalid || !page.current(myGeneration)) return;
    sliceStart = performance.now();
    const ui = getUi();
    ui.setTheme(theme);
    mark('draw:theme');
    // The background summarizes the report (a long step on a page of many
    // marks); only text rendered other than the text verified, which only
    // this page knows, needs the summary here: said first, never green (lib/present).
    ui.showBanner(rendering.anomalies.length > 0 ? bannerOfReport(r, t, rendering) : banner);
    startGuard();
    account(performance.now() - sliceStart);
    mark('draw:end');
    if (diagnosticsOn) {
      try {
        performance.measure('yuanwen:busy', { start: 0, duration: busyMs });
      } catch {
        // measure with a duration needs User Timing L3; diagnostics only
      }
    }
  }

  /** The page has nothing to verify any more: remove everything and tell the background. */
  function forget(): void {
    painter.clear();
    uiInstance?.showBanner(null);
    uiInstance?.hideCard();
    snapshot = null;
    page.drop();
    // The background clears this frame's report only (it knows the sender's frame).
    if (sentSomething) void sendToBackground({ type: 'clear' }).catch(() => undefined);
  }

  const scheduler = new RunScheduler(run, {
    now: () => performance.now(),
    setTimeout: (fn, ms) => ctx.setTimeout(fn, ms),
    clearTimeout: (h) => clearTimeout(h as number),
  });

  // --- page changes -------------------------------------------------------
  let verifyQueued = false;
  const verifyAllSoon = () => {
    if (verifyQueued) return;
    verifyQueued = true;
    ctx.requestAnimationFrame(() => {
      verifyQueued = false;
      painter.verify();
    });
  };
  const disconnect = observePage(doc, {
    host: () => uiInstance?.host ?? null,
    covers: (node) => painter.covers(node),
    onChanges: (c) => {
      if (c.added.length > 0) collectAdded(c.added);
      if (c.hostRemoved) ctx.setTimeout(() => uiInstance?.attach(), 0);
      // Text under a highlight changed: remove that highlight now, not in a frame.
      if (c.changedText.length > 0) painter.verify(c.changedText);
      if (c.removals && painter.drawn.length > 0) verifyAllSoon();
      if (c.relevant) scheduler.poke();
    },
  });
  ctx.onInvalidated(() => {
    disconnect();
    scheduler.cancel();
    painter.clear();
    uiInstance?.destroy();
  });

  // --- what the page can reach of our UI, checked and put back -------------
  // The banner's host and the highlight registry are the page's to touch: a
  // page may restyle the host, cover the banner, clear CSS.highlights or drop
  // our stylesheet. A check once a second (and at once when the host's
  // attributes change) puts them back, a bounded number of times (banner.ts).
  let guarding = false;
  function startGuard(): void {
    if (guarding) return;
    guarding = true;
    ctx.setInterval(() => {
      uiInstance?.check({ tick: true });
      painter.layers.repair();
    }, guardIntervalMs);
    const host = getUi().host;
    const hostWatch = new MutationObserver(() => uiInstance?.check());
    hostWatch.observe(host, { attributes: true });
    ctx.onInvalidated(() => hostWatch.disconnect());
  }

  // --- settings (watched once the page has Han text) ----------------------
  let watching = false;
  function startSettingsWatch(): void {
    if (watching) return;
    watching = true;
    const unwatch = watchSettings((next) => {
      const resensitize = settings !== null && settings.sensitivity !== next.sensitivity;
      settings = next;
      applyShown();
      if (resensitize) {
        page.resend();
        scheduler.now();
      }
    });
    ctx.onInvalidated(unwatch);
  }

  // --- everything else waits until the page has Han text ----------------
  // (a page with none pays only for the observer and one gate check)
  function activate(): void {
    // Single-page navigation: WXT's wxt:locationchange (Navigation API), plus popstate/hashchange.
    // Page-dispatched (untrusted) popstate/hashchange/pageshow events are
    // ignored: a page firing a synthetic pageshow every 200 ms forced 75
    // verifications in 15 s. WXT's own wxt:locationchange is untrusted by
    // nature (WXT dispatches it), but it only pokes the bounded scheduler.
    const onLocation = () => {
      const now = location.pathname + location.search;
      if (now !== path) {
        path = now;
        uiInstance?.reset();
      }
      scheduler.poke();
    };
    ctx.addEventListener(window, 'wxt:locationchange', onLocation);
    const onTrustedLocation = (e: Event) => {
      if (e.isTrusted) onLocation();
    };
    ctx.addEventListener(window, 'popstate', onTrustedLocation);
    ctx.addEventListener(window, 'hashchange', onTrustedLocation);
    // Back/forward cache: the page comes back as it was, but the background
    // cleared the tab's badge and report when the tab navigated: send again.
    ctx.addEventListener(window, 'pageshow', (e: PageTransitionEvent) => {
      if (!e.isTrusted || !e.persisted) return;
      page.resend();
      scheduler.now();
    });

    // --- hover card ---------------------------------------------------------
    const onPointer = createHover({
      hasMarks: () => painter.drawn.length > 0,
      shown,
      markAt: (x, y, kinds) => painter.markAt(doc, x, y, kinds),
      showCard: (info, x, y) => getUi().showCard(info, x, y),
      hideCard: () => uiInstance?.hideCard(),
      requestFrame: (cb) => ctx.requestAnimationFrame(cb),
    });
    ctx.addEventListener(doc, 'pointermove', onPointer, { passive: true });
    // A scroll hides the card, except the one a selection itself causes.
    ctx.addEventListener(window, 'scroll', () => performance.now() > keepCardUntil && uiInstance?.hideCard(), { passive: true, capture: true });
    // The reader scrolled: register the marks near the part in view (lib/dom/paint-window.ts).
    let followTimer: number | undefined;
    ctx.addEventListener(window, 'scroll', () => {
      if (followTimer !== undefined) return;
      followTimer = ctx.setTimeout(() => {
        followTimer = undefined;
        painter.follow();
      }, 150);
    }, { passive: true });

    // --- requests from the popup (reveal) and the background (page text) ------
    const onMessage = (raw: unknown, sender: { id?: string }, sendResponse: (r: RevealResponse | PageTextResponse) => void) => {
      // Only our own extension talks to us through runtime messages; validate the rest.
      if (sender.id !== browser.runtime.id) return false;
      const msg = parseContentRequest(raw);
      if (!msg) return false;
      if (msg.type === 'pageText') {
        // The background keeps no page text in storage: after a restart it asks for it.
        const text = page.textOf(msg.generation, msg.length);
        sendResponse(text === null ? null : { text });
        return false;
      }
      if (msg.type === 'reportAlive') {
        sendResponse({ ok: page.textOf(msg.generation, msg.length) !== null });
        return false;
      }
      if (msg.type === 'step') {
        sendResponse({ ok: step(msg.delta) });
        return false;
      }
      const m = painter.find(msg);
      sendResponse({ ok: m ? select(m) : false });
      return false;
    };
    // Every verifying frame answers for its own report: the popup and the
    // background name the frame (tabs.sendMessage's frameId), so one frame's
    // answer never stands in for another's.
    browser.runtime.onMessage.addListener(onMessage);
    ctx.onInvalidated(() => browser.runtime.onMessage.removeListener(onMessage));
  }

  let keepCardUntil = 0;

  /**
   * Selects a difference on the page: scrolled into view, outlined until
   * another is chosen, its place marked beside the scrollbar, and its card
   * shown beside it (so a keyboard reader gets what a pointer hover gives).
   */
  function select(m: DrawnMark): boolean {
    keepCardUntil = performance.now() + 300;
    if (!painter.reveal(m)) return false;
    // Drawn ranges are StaticRanges (no layout): ask a live copy of the first.
    const first = m.ranges[0];
    const rect = first ? liveRange(first).getBoundingClientRect() : undefined;
    const ui = getUi();
    if (rect) {
      const top = rect.top + window.scrollY;
      const height = Math.max(doc.documentElement.scrollHeight, 1);
      ui.showMarker(top / height, m.info.kind);
      ui.showCard(m.info, rect.left, rect.bottom);
    }
    return true;
  }

  /** Next or previous difference in the order every view uses: worst kind first, then page order. */
  function step(delta: 1 | -1): boolean {
    const s = shown();
    if (s === false) return false;
    const layers = shownLayers(s);
    const order = [...painter.all].filter((m) => layers[m.info.layer]).sort((a, b) => bySeverity(a.info.kind, b.info.kind) || a.info.page.start - b.info.page.start);
    if (order.length === 0) return false;
    const at = painter.selected ? order.indexOf(painter.selected) : -1;
    const next = at < 0 ? (delta === 1 ? 0 : order.length - 1) : (at + delta + order.length) % order.length;
    return select(order[next]!);
  }

  // Diagnostics for tests and the bench, readable from the page world (test builds only).
  if (diagnosticsOn) ctx.addEventListener(doc, 'yuanwen:diagnose' as keyof DocumentEventMap, () => {
    doc.documentElement.dataset.yuanwenDiag = JSON.stringify({
      runs: scheduler.runs,
      busyMs: Math.round(busyMs * 100) / 100,
      maxSliceMs: Math.round(maxSliceMs * 100) / 100,
      drawn: painter.drawn.length,
      painted: painter.paintedCount,
      staleRemoved: painter.staleRemoved,
      reattached: uiInstance?.reattached ?? 0,
      restyled: uiInstance?.restyled ?? 0,
      raised: uiInstance?.raised ?? 0,
      highlightsRepaired: painter.layers.repaired,
      hasSnapshot: snapshot !== null,
    });
  });

  scheduler.now();
  account(performance.now() - setupStart);
  mark('ready');
}
