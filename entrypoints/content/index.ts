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
import { Extractor, anomaliesInMatches, computedRendering, hasAnyHan, hasEnoughHan, type TextSnapshot } from '@/lib/dom/extract';
import { YuanwenUi, type BannerModel } from '@/lib/dom/banner';
import { pageTheme } from '@/lib/dom/theme';
import { bannerOfReport } from '@/lib/present/banner';
import { t } from '@/lib/view/translate';
import { i18n } from '#i18n';
import { Painter, shownLayers, type DrawnMark } from '@/lib/dom/painter';
import { hasFindings, marksOf } from '@/lib/dom/marks';
import type { Report } from '@/lib/engine/types';
import { sendToBackground, sendWithRetry } from '@/lib/messaging';
import { isContentRequest, isStepRequest, type RevealResponse, type VerifyRequest } from '@/lib/protocol';
import { bySeverity } from '@/lib/present/kinds';
import { bannerOn, highlightingOn, type Settings } from '@/lib/settings';
import { bannerClosedOn, loadSettings, rememberBannerClosed, watchSettings } from '@/lib/storage';
import { RunScheduler } from './scheduler';
import { uiText } from '@/lib/dom/text';

/** Han characters a page needs before anything is sent. */
const minHan = 40;
/** Longest slice of main-thread work before yielding (the Long Tasks limit is 50 ms). */
const sliceMs = 8;
/** Text beyond this is not sent (a 6 MB page is verified on its first 6M characters). */
const maxChars = 6_000_000;
/** How often the banner and highlights are checked against the page's tampering. */
const guardIntervalMs = 1000;
/** Rendering anomalies sent with one request (the background caps them too). */
const maxAnomalies = 1000;

export default defineContentScript({
  matches: ['<all_urls>'],
  runAt: 'document_idle',
  // No window.postMessage announcing the script to the page (wxt-guard.ts).
  noScriptStartedPostMessage: true,
  main(ctx) {
    start(ctx);
  },
});

function mark(name: string): void {
  try {
    performance.mark(`yuanwen:${name}`);
  } catch {
    // performance may be unavailable in exotic documents
  }
}

/**
 * The banner when the rendered text differs from the verified text: that
 * finding comes first, and the tone is never the faithful green.
 */
function withRenderingFinding(model: BannerModel | null, renderedDiffers: boolean): BannerModel | null {
  if (!renderedDiffers) return model;
  const finding = i18n.t('guard.renderedDiffers');
  if (!model || model.tone === 'faithful') {
    return { tone: 'edited', verdict: t('verdict.edited.word'), worst: finding, detail: model?.detail ?? '', legend: model?.legend ?? [] };
  }
  return { ...model, worst: model.worst ? `${finding} ${model.worst}` : finding };
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
  let report: Report | null = null;
  /** Text the current report's offsets index into. */
  let reportText: string | null = null;
  let generation = Date.now();
  let sawHan = false;
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

  async function run(): Promise<void> {
    if (ctx.isInvalid) return;
    const myGeneration = ++generation;
    mark('run:start');
    let t0 = performance.now();
    // Cheapest gate first: one native call, no walk. Only while we have not seen
    // Han text on this page (a page with none costs well under a millisecond).
    // Limitation: Han text only inside shadow roots, with none in the light DOM
    // and no iframe, is not seen by this gate.
    if (!sawHan) {
      const root = doc.documentElement;
      if (!root || (!hasAnyHan(root.textContent ?? '') && !doc.querySelector('iframe'))) {
        account(performance.now() - t0);
        mark('run:end');
        return;
      }
      sawHan = true;
      startSettingsWatch();
      activate();
    }
    if (!settings) {
      account(performance.now() - t0);
      settings = await loadSettings();
      t0 = performance.now();
    }
    mark('extract:start');
    const ex = new Extractor(doc.body ?? doc.documentElement, {
      rendering: computedRendering,
      maxChars,
      skip: (el) => el === uiInstance?.host,
      shadowRootOf: openOrClosedShadowRoot,
    });
    while (!ex.step(sliceMs)) {
      account(performance.now() - t0);
      await yieldToPage();
      if (ctx.isInvalid || myGeneration !== generation) return;
      t0 = performance.now();
    }
    const snap = ex.snapshot();
    mark('extract:end');
    const enough = hasEnoughHan(snap.text, minHan);
    account(performance.now() - t0);
    if (!enough) {
      forget();
      mark('run:end');
      return;
    }
    // Same text as the current report: the report still holds; redraw over the new nodes.
    if (report && reportText === snap.text) {
      await draw(snap, report, myGeneration);
      mark('run:end');
      return;
    }
    const req: VerifyRequest = {
      type: 'verify',
      text: snap.text,
      url: location.href,
      generation: myGeneration,
      anomalies: snap.anomalies.slice(0, maxAnomalies),
    };
    let answer;
    try {
      mark('send');
      sentSomething = true;
      answer = await sendWithRetry(req, {
        timeoutMs: 20_000 + snap.text.length / 100,
        cancelled: () => ctx.isInvalid || myGeneration !== generation,
        onRetry: () => mark('retry'),
      });
    } catch {
      mark('run:end');
      return;
    }
    mark('answer');
    if (ctx.isInvalid || myGeneration !== generation || !answer.ok || answer.generation !== myGeneration) return;
    report = answer.report;
    reportText = snap.text;
    await draw(snap, report, myGeneration);
    mark('run:end');
  }

  async function draw(snap: TextSnapshot, r: Report, myGeneration: number): Promise<void> {
    mark('draw:start');
    const t0 = performance.now();
    snapshot = snap;
    const renderedDiffers = anomaliesInMatches(r.matches, snap.anomalies).length > 0;
    if (!hasFindings(r) && !renderedDiffers) {
      painter.clear();
      uiInstance?.showBanner(null);
      account(performance.now() - t0);
      mark('draw:end');
      return;
    }
    const marks = marksOf(r);
    let sliceStart = performance.now();
    await painter.draw(snap, marks, {
      budgetMs: sliceMs,
      cancelled: () => ctx.isInvalid || myGeneration !== generation,
      yieldFn: async () => {
        account(performance.now() - sliceStart);
        await yieldToPage();
        sliceStart = performance.now();
      },
    });
    applyShown();
    // The banner's summary is its own slice of work, after the drawing's.
    account(performance.now() - sliceStart);
    await yieldToPage();
    if (ctx.isInvalid || myGeneration !== generation) return;
    sliceStart = performance.now();
    const ui = getUi();
    ui.setTheme(pageTheme(doc));
    ui.showBanner(withRenderingFinding(bannerOfReport(r, t), renderedDiffers));
    startGuard();
    account(performance.now() - sliceStart);
    mark('draw:end');
    try {
      performance.measure('yuanwen:busy', { start: 0, duration: busyMs });
    } catch {
      // measure with a duration needs User Timing L3; diagnostics only
    }
  }

  /** The page has nothing to verify any more: remove everything and tell the background. */
  function forget(): void {
    painter.clear();
    uiInstance?.showBanner(null);
    uiInstance?.hideCard();
    snapshot = null;
    report = null;
    reportText = null;
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
  const observer = new MutationObserver((records) => {
    let relevant = false;
    let removals = false;
    let changedText: Node[] | null = null;
    const host = uiInstance?.host;
    for (let i = 0; i < records.length; i++) {
      const r = records[i]!;
      if (r.type === 'childList') {
        if (host && r.target === host) continue;
        // our own host being added or removed
        if (host && r.addedNodes.length + r.removedNodes.length === 1 && (r.addedNodes[0] === host || r.removedNodes[0] === host)) {
          if (r.removedNodes[0] === host) ctx.setTimeout(() => uiInstance?.attach(), 0);
          continue;
        }
        relevant = true;
        if (r.removedNodes.length > 0) removals = true;
      } else if (r.type === 'characterData') {
        relevant = true;
        if (painter.covers(r.target)) (changedText ??= []).push(r.target);
      } else {
        relevant = true;
      }
    }
    // Text under a highlight changed: remove that highlight now, not in a frame.
    if (changedText) painter.verify(changedText);
    if (removals && painter.drawn.length > 0) verifyAllSoon();
    if (relevant) scheduler.poke();
  });
  observer.observe(doc.documentElement, { childList: true, subtree: true, characterData: true });
  ctx.onInvalidated(() => {
    observer.disconnect();
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
        reportText = null;
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
      reportText = null;
      scheduler.now();
    });

    // --- hover card ---------------------------------------------------------
    let pointer: { x: number; y: number } | null = null;
    let hoverQueued = false;
    ctx.addEventListener(
      doc,
      'pointermove',
      (e: PointerEvent) => {
        if (painter.drawn.length === 0) return;
        pointer = { x: e.clientX, y: e.clientY };
        if (hoverQueued) return;
        hoverQueued = true;
        ctx.requestAnimationFrame(() => {
          hoverQueued = false;
          const p = pointer;
          const s = shown();
          if (!p || s === false) return uiInstance?.hideCard();
          const layers = shownLayers(s);
          const m = painter.markAt(doc, p.x, p.y, (k) => layers[k]);
          if (m) getUi().showCard(m.info, p.x, p.y);
          else uiInstance?.hideCard();
        });
      },
      { passive: true },
    );
    // A scroll hides the card, except the one a selection itself causes.
    ctx.addEventListener(window, 'scroll', () => performance.now() > keepCardUntil && uiInstance?.hideCard(), { passive: true, capture: true });

    // --- reveal requests from the popup --------------------------------------
    const onMessage = (msg: unknown, _sender: unknown, sendResponse: (r: RevealResponse) => void) => {
      if (isStepRequest(msg)) {
        sendResponse({ ok: step(msg.delta) });
        return false;
      }
      if (!isContentRequest(msg)) return false;
      const m = painter.find(msg);
      sendResponse({ ok: m ? select(m) : false });
      return false;
    };
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
    const rect = m.ranges[0]?.getBoundingClientRect();
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

  // Diagnostics for tests and the bench, readable from the page world.
  ctx.addEventListener(doc, 'yuanwen:diagnose' as keyof DocumentEventMap, () => {
    doc.documentElement.dataset.yuanwenDiag = JSON.stringify({
      runs: scheduler.runs,
      busyMs: Math.round(busyMs * 100) / 100,
      maxSliceMs: Math.round(maxSliceMs * 100) / 100,
      drawn: painter.drawn.length,
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
