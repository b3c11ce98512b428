// The verification run of one page: gate on Han text, extract the rendered
// text (in slices, by the caller's extractor), ask the background to verify,
// and hand the report to the drawing. Runs are numbered (generations): a run
// overtaken by a newer one, or a late answer to an old one, is dropped. The
// run keeps the page's current report and the text it indexes into (the
// background asks for that text after a worker restart).
import type { Report } from '@/lib/engine/types';
import type { BannerModel } from '@/lib/present/banner';
import { hasAnyHan, hasEnoughHan, type TextSnapshot } from '@/lib/dom/extract';
import type { VerifyRequest, VerifyResponse } from '@/lib/protocol';

/** Han characters a page needs before anything is sent. */
export const minHan = 40;
/** Rendering anomalies sent with one request (the background caps them too). */
export const maxAnomalies = 1000;

export interface RunDeps {
  doc: Document;
  /** The content script was shut down. */
  invalid: () => boolean;
  /** Called once, the first time the page holds Han text (start watching settings and events). */
  onFirstHan: () => void;
  /**
   * Does a shadow root (open or closed) hold Han text? Asked only while the
   * light DOM has none; walks in slices and resolves false when `stop()`
   * became true on the way. Absent: shadow roots are not looked into.
   */
  shadowHan?: (stop: () => boolean) => Promise<boolean>;
  /** Makes sure the settings are loaded before extraction. */
  ready: () => Promise<void>;
  /** Extracts in slices; resolves null when `stop()` became true on the way. */
  extract: (stop: () => boolean) => Promise<TextSnapshot | null>;
  send: (req: VerifyRequest, cancelled: () => boolean) => Promise<VerifyResponse>;
  /** `banner`: the banner's model, summarized in the background with the report. */
  draw: (snap: TextSnapshot, report: Report, banner: BannerModel | null, generation: number) => Promise<void>;
  /** The page has nothing to verify any more. */
  forget: () => void;
  url: () => string;
  mark?: (name: string) => void;
}

export interface PageRun {
  /** One run; the scheduler calls it. */
  run(): Promise<void>;
  /** Is `generation` still the newest run (drawing of an older one stops)? */
  current(generation: number): boolean;
  /** The report's text, if `generation` and `length` name the report shown now. */
  textOf(generation: number, length: number): string | null;
  /** Forget the report's text so the next run sends the page again (back/forward cache). */
  resend(): void;
  /** Drop the report (the page has nothing to verify). */
  drop(): void;
}

export function createPageRun(deps: RunDeps): PageRun {
  const mark = deps.mark ?? (() => undefined);
  let generation = Date.now();
  let sawHan = false;
  let report: Report | null = null;
  let banner: BannerModel | null = null;
  let reportText: string | null = null;
  let reportGeneration = 0;

  async function run(): Promise<void> {
    if (deps.invalid()) return;
    const mine = ++generation;
    const stale = () => deps.invalid() || mine !== generation;
    mark('run:start');
    // Cheapest gate first: one native call, no walk, while no Han text was
    // seen; then, only when the light DOM has none, a sliced look into shadow
    // roots (textContent does not reach them: a page could keep its whole
    // bulletin in closed roots).
    if (!sawHan) {
      const root = deps.doc.documentElement;
      const seen = root !== null && (hasAnyHan(root.textContent ?? '') || deps.doc.querySelector('iframe') !== null || ((await deps.shadowHan?.(stale)) ?? false));
      if (stale()) return;
      if (!seen) {
        mark('run:end');
        return;
      }
      sawHan = true;
      deps.onFirstHan();
    }
    await deps.ready();
    mark('extract:start');
    const snap = await deps.extract(stale);
    if (!snap) return;
    mark('extract:end');
    if (!hasEnoughHan(snap.text, minHan)) {
      deps.forget();
      mark('run:end');
      return;
    }
    // Same text as the current report: the report still holds; redraw over the new nodes.
    if (report && reportText === snap.text) {
      await deps.draw(snap, report, banner, mine);
      mark('run:end');
      return;
    }
    const req: VerifyRequest = { type: 'verify', text: snap.text, url: deps.url(), generation: mine, anomalies: snap.anomalies.slice(0, maxAnomalies) };
    let answer: VerifyResponse;
    try {
      mark('send');
      answer = await deps.send(req, stale);
    } catch {
      mark('run:end');
      return;
    }
    mark('answer');
    if (stale() || !answer.ok || answer.generation !== mine) return;
    report = answer.report;
    banner = answer.banner;
    reportText = snap.text;
    reportGeneration = mine;
    await deps.draw(snap, report, banner, mine);
    mark('run:end');
  }

  return {
    run,
    current: (g) => g === generation,
    textOf: (g, length) => (report !== null && reportGeneration === g && reportText !== null && reportText.length === length ? reportText : null),
    resend: () => {
      reportText = null;
    },
    drop: () => {
      report = null;
      reportText = null;
    },
  };
}
