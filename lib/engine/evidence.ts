// Is an aligned region pair a copy of its reference, or a lookalike?
//
// A match must be earned by content (issue 7): enough Han characters of the
// reference found on the page outside the genre's stock phrases, at a density
// that rules out chance, and not mostly changed. Bulletins of other meetings
// share the formulas, datelines and quoted instructions of the genre; reports
// that quote an instruction share a sentence or two among their own business.
// Neither is a copy, and a reader would rather see "unmatched" than a wrong
// original.
import type { AlignOp } from './align';
import type { EngineOptions } from './options';
import type { Segment } from './segments';

export interface Evidence {
  /** Equal Han characters outside stock phrases. */
  content: number;
  /** The longer side of the aligned region, in key characters. */
  span: number;
  /** Share of the aligned text that is changed (see changedShare). */
  changedShare: number;
}

export function isHan(c: number): boolean {
  return (c >= 0x4e00 && c <= 0x9fff) || (c >= 0x3400 && c <= 0x4dbf);
}

/** Equal Han key characters of the reference outside the stock mask. */
export function contentChars(ops: readonly AlignOp[], refKey: string, stock: Uint8Array): number {
  let n = 0;
  for (const op of ops) {
    if (!op.equal) continue;
    for (let i = op.aStart; i < op.aEnd; i++) if (stock[i] !== 1 && isHan(refKey.charCodeAt(i))) n++;
  }
  return n;
}

/**
 * Share of the aligned text that is changed: replaced text (its longer side)
 * and short one-sided edits, against that plus the equal text. Spin counts as
 * equal (the original's words, reworded by a tool), and whole clauses dropped
 * or added do not count at all (a shortened repost is still a copy).
 */
export function changedShare(segs: readonly Segment[], clauseChars: number): number {
  let changed = 0;
  let equal = 0;
  for (const s of segs) {
    const r = s.r1 - s.r0;
    const p = s.p1 - s.p0;
    if (s.equal || s.spin) equal += r;
    else if (r > 0 && p > 0) changed += Math.max(r, p);
    else if (r + p <= clauseChars) changed += r + p;
  }
  return changed + equal === 0 ? 0 : changed / (changed + equal);
}

/** Enough content, dense enough, and not mostly changed. */
export function earnsMatch(e: Evidence, opts: EngineOptions): boolean {
  return e.content >= opts.minMatchChars && e.content >= opts.minMatchDensity * e.span && e.changedShare <= opts.maxChangedShare;
}

/** A match over less than quoteMaxShare of its reference's Han characters is a quote, not a repost. */
export function isQuote(matchedHan: number, referenceHan: number, opts: EngineOptions): boolean {
  return matchedHan < opts.quoteMaxShare * referenceHan;
}

export function hanCount(s: string, from = 0, to = s.length): number {
  let n = 0;
  for (let i = from; i < to; i++) if (isHan(s.charCodeAt(i))) n++;
  return n;
}
