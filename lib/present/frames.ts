// A tab is a tree of frames, and a bulletin may sit in any of them: a content
// farm can put its spun copy in a cross-origin iframe under a top page with no
// bulletin of its own. Each verifying frame has its own report; the tab's
// toolbar badge shows the worst of them (badge.ts), and the popup tells the
// reader which frame carries a bulletin (frameNotices). Pure: the background
// keeps one FrameVerdict per (tab, frame) and hands the list in.
import type { Report, Verdict } from '../engine/types';
import { badgeOf, summarize, verdictTone, type BadgeModel, type Rendering, type VerdictKey } from './summary';
import type { Translate } from './text';

/** What the tab's badge and the popup's frame notices need of one frame's report (small: kept per frame, across worker restarts). */
export interface FrameVerdict {
  /** The browser's frame id: 0 is the top frame. */
  frameId: number;
  /** The frame's document URL. */
  url: string;
  verdict: VerdictKey;
  /** The frame's own badge: its banner's total in its verdict's colour. */
  badge: BadgeModel;
}

export function frameVerdictOf(frameId: number, url: string, report: Report, rendering: Rendering, t: Translate): FrameVerdict {
  const summary = summarize(report, rendering);
  return { frameId, url, verdict: summary.verdict, badge: badgeOf(summary, t) };
}

/**
 * Which verdict the badge shows when frames disagree, worst first: machine
 * rewriting with an original, then a hand edit, spun text without an
 * original, text rendered otherwise than verified, and the faithful ones.
 */
export const verdictRank: Readonly<Record<VerdictKey, number>> = {
  scrambled: 0,
  edited: 1,
  unsourced: 2,
  unconfirmed: 3,
  untitled: 4,
  faithful: 5,
  none: 6,
};

const verdictKeys: readonly string[] = Object.keys(verdictRank);

/** Frame verdicts read back from storage or a message (anything may be there): each checked field by field, the rest dropped. */
export function parseFrameVerdictList(x: unknown): FrameVerdict[] {
  if (!Array.isArray(x)) return [];
  return x.filter((f): f is FrameVerdict => {
    if (typeof f !== 'object' || f === null) return false;
    const v = f as Partial<FrameVerdict>;
    const b = v.badge as Partial<BadgeModel> | undefined;
    return (
      typeof v.frameId === 'number' &&
      Number.isSafeInteger(v.frameId) &&
      v.frameId >= 0 &&
      typeof v.url === 'string' &&
      typeof v.verdict === 'string' &&
      verdictKeys.includes(v.verdict) &&
      typeof b === 'object' &&
      b !== null &&
      typeof b.text === 'string' &&
      typeof b.colour === 'string' &&
      typeof b.title === 'string'
    );
  });
}

/** Worst first; between equal verdicts, more marks first, then the top frame, then frame order. */
export function byWorst(a: FrameVerdict, b: FrameVerdict): number {
  return verdictRank[a.verdict] - verdictRank[b.verdict] || marks(b) - marks(a) || (a.frameId === 0 ? -1 : b.frameId === 0 ? 1 : a.frameId - b.frameId);
}

const marks = (f: FrameVerdict) => {
  const n = Number.parseInt(f.badge.text, 10);
  return Number.isFinite(n) ? n : 0;
};

/** The worst frame with something to say, or undefined when no frame has a bulletin. */
export function worstFrame(frames: readonly FrameVerdict[]): FrameVerdict | undefined {
  return [...frames].filter((f) => f.verdict !== 'none').sort(byWorst)[0];
}

/** host[:port] of a frame's URL, as the reader can recognise it. */
export function frameHost(url: string): string {
  try {
    const u = new URL(url);
    return u.host || url;
  } catch {
    return url;
  }
}

/** One line of the popup: "a frame of this page carries a bulletin", with its verdict and a way to view its report. */
export interface FrameNotice {
  frameId: number;
  host: string;
  verdict: VerdictKey;
  tone: Verdict;
  /** 本页嵌入的框架（host）中有一篇通稿：被机器改写过 */
  text: string;
  /** The frame's badge text (its marks, ✓ or !), shown beside the notice. */
  badgeText: string;
}

/** Child frames with a bulletin, worst first (the top frame's report is the popup's main view). */
export function frameNotices(frames: readonly FrameVerdict[], t: Translate): FrameNotice[] {
  return frames
    .filter((f) => f.frameId !== 0 && f.verdict !== 'none')
    .sort(byWorst)
    .map((f) => {
      const host = frameHost(f.url);
      return {
        frameId: f.frameId,
        host,
        verdict: f.verdict,
        tone: verdictTone[f.verdict],
        text: t('frames.notice', [host, t(`verdict.${f.verdict}.word`)]),
        badgeText: f.badge.text,
      };
    });
}
