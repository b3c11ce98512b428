// Spinning recognised by its signature, for spinners the lexicon does not know.
//
// A thesaurus tool (DSpin, Zhang et al., NDSS 2014) swaps words for synonyms
// of the same length wherever its table has them: many short swaps, spread
// evenly through the text, and it keeps the "immutables" (numbers, names).
// A human editor makes few changes, clustered, and they touch facts. So when a
// match holds enough unexplained same-length word swaps, at a density and
// spread no hand edit reaches, those swaps are spin with `listed: false`;
// sparse edits stay alterations.
import { classifyEdit, type EditClass } from './classify';
import { hanCount } from './evidence';
import type { Lexicon } from './lexicon';
import type { EngineOptions } from './options';
import type { Segment } from './segments';
import { wordStarts } from './words';

export interface Classified {
  seg: Segment;
  cls: EditClass;
}

/** Is this edit the kind of swap a thesaurus tool makes: a short word for a word of the same length? */
function isSwap(c: Classified, refFold: string, pageFold: string, maxChars: number): boolean {
  if (c.cls.kind !== 'alteration' || c.cls.subkind !== 'wording') return false;
  const r = hanCount(refFold, c.seg.r0, c.seg.r1);
  const p = hanCount(pageFold, c.seg.p0, c.seg.p1);
  return r > 0 && r === p && r <= maxChars && r === c.seg.r1 - c.seg.r0 && p === c.seg.p1 - c.seg.p0;
}

/**
 * The edits of one match that are unlisted spin, or none when the match does
 * not carry the signature. `edits` are the match's non-equal segments with
 * their classification, in order; [r0, r1) is the match's folded reference range.
 */
export function unlistedSpin(edits: readonly Classified[], refFold: string, pageFold: string, r0: number, r1: number, opts: EngineOptions): Set<Segment> {
  const none = new Set<Segment>();
  const swaps = edits.filter((e) => isSwap(e, refFold, pageFold, opts.spinSwapMaxChars));
  const n = swaps.length;
  if (n < opts.spinSignatureMinSwaps) return none;
  const han = hanCount(refFold, r0, r1);
  if (han === 0 || (n * 100) / han < opts.spinSignaturePer100) return none;
  // Same-length swaps make up nearly all the replacements (an editor rewrites clauses).
  const replacements = edits.filter((e) => e.seg.r1 > e.seg.r0 && e.seg.p1 > e.seg.p0 && e.cls.kind !== 'spin').length;
  if (n < opts.spinSignatureSwapShare * replacements) return none;
  // Spread evenly: most stretches of the reference hold a swap.
  const bins = Math.max(2, Math.min(10, Math.floor(n / 2)));
  const hit = new Uint8Array(bins);
  for (const s of swaps) hit[Math.min(bins - 1, Math.floor(((s.seg.r0 - r0) * bins) / Math.max(1, r1 - r0)))] = 1;
  if (hit.reduce((a, b) => a + b, 0) < opts.spinSignatureSpread * bins) return none;
  return new Set(swaps.map((s) => s.seg));
}

/**
 * A same-length replacement longer than one swap (会议精神听取 → 集会意旨征询:
 * three swaps side by side) cut at the reference's word starts into pieces of
 * at most `maxChars`, each an edit of its own (or equal, where a word is kept).
 */
export function splitSameLength(segs: readonly Segment[], refFold: string, pageFold: string, isWordStart: (i: number) => boolean, maxChars: number): Segment[] {
  const out: Segment[] = [];
  for (const s of segs) {
    const len = s.r1 - s.r0;
    if (s.equal || s.spin || len <= maxChars || s.p1 - s.p0 !== len) {
      out.push(s);
      continue;
    }
    let from = 0;
    for (let i = 1; i <= len; i++) {
      if (i < len && !isWordStart(s.r0 + i) && i - from < maxChars) continue;
      const r0 = s.r0 + from;
      const p0 = s.p0 + from;
      const n = i - from;
      const equal = refFold.slice(r0, r0 + n) === pageFold.slice(p0, p0 + n);
      out.push({ equal, r0, r1: r0 + n, p0, p1: p0 + n, spin: false, distorting: false });
      from = i;
    }
  }
  return out;
}

/**
 * Two spinner swaps that overlap (及时分析 → 实时辰析: 及时→实时, then 时分→时辰
 * over the spun text) leave one same-length replacement the lexicon explains
 * only in part. When its page side holds a listed spun form whose original
 * stands in its reference side, the whole replacement is the tool's: spin,
 * listed: false. A hand edit (平稳有序 → 基本停滞) holds no spun form.
 */
export function overlapsListedSwap(c: Classified, refFold: string, pageFold: string, lexicon: Lexicon, maxChars: number): boolean {
  if (c.cls.kind !== 'alteration' || c.cls.subkind !== 'wording') return false;
  const r = refFold.slice(c.seg.r0, c.seg.r1);
  const p = pageFold.slice(c.seg.p0, c.seg.p1);
  // Two or three swaps side by side at most (跟踪及时分析 -> 追踪实时辰析).
  if (r.length !== p.length || r.length > 2 * maxChars) return false;
  for (let i = 0; i < p.length; i++) {
    for (let j = i + 2; j <= p.length; j++) {
      const e = lexicon.bySpun.get(p.slice(i, j));
      if (e && r.includes(e.original)) return true;
    }
  }
  return false;
}

/**
 * What a tool's swap leaves beside a listed one it overlapped or touched
 * (及时分析 → 实时辰析: 及时→实时 is listed, 时分→时辰 was then run over the
 * spun text and leaves 分析→辰析; 副食品生产 → 副食物分娩 beside 生产→分娩): a
 * same-length replacement of part of a word, right against a listed swap,
 * that keeps some of the reference's characters in place. An editor's change
 * beside a swap rewrites whole words (生产生活平稳有序 → 分娩生计基本停滞: the
 * swaps are spin, 平稳有序→基本停滞 keeps nothing and stays the editor's).
 */
export function swapRemnant(c: Classified, refFold: string, pageFold: string, listed: readonly Segment[], maxChars: number): boolean {
  if (c.cls.kind !== 'alteration' || c.cls.subkind !== 'wording') return false;
  const { r0, r1, p0, p1 } = c.seg;
  const n = r1 - r0;
  if (n < 2 || n > maxChars || p1 - p0 !== n) return false;
  if (hanCount(refFold, r0, r1) !== n || hanCount(pageFold, p0, p1) !== n) return false;
  let kept = 0;
  for (let i = 0; i < n; i++) if (refFold.charCodeAt(r0 + i) === pageFold.charCodeAt(p0 + i)) kept++;
  if (kept === 0 || kept === n) return false;
  return listed.some((s) => (s.r1 === r0 && s.p1 === p0) || (s.r0 === r1 && s.p0 === p1));
}

/** The folded ranges of one match: classification sees no context beyond them (page furniture, the next bulletin). */
export interface MatchRange {
  r0: number;
  r1: number;
  p0: number;
  p1: number;
}

/**
 * Two overlapping swaps of a spinner the lexicon does not list (国内国际 →
 * 国表里洋, 相关数据 → 关统共据) leave a same-length replacement that is no
 * composition of listed swaps. What they leave is broken words: the tool's
 * second swap cuts through the output of its first, so the page side falls
 * apart into single characters where the reference side is words (国|表|里|洋
 * against 国内|国际). An editor writes words (平稳有序 → 基本停滞: 基本|停滞).
 * Judged only inside a match that is already spun (`spunMatch`), so a hand
 * edit of an unspun repost is never called spin. Segmentation runs over the
 * edit and a few characters of page context, never the whole page.
 */
export function leavesBrokenWords(c: Classified, refFold: string, pageFold: string, isRefWordStart: (i: number) => boolean, opts: EngineOptions): boolean {
  if (c.cls.kind !== 'alteration' || c.cls.subkind !== 'wording') return false;
  const { r0, r1, p0, p1 } = c.seg;
  const n = r1 - r0;
  if (n !== p1 - p0 || n < 3 || n > 2 * opts.spinSwapMaxChars) return false;
  if (hanCount(refFold, r0, r1) !== n || hanCount(pageFold, p0, p1) !== n) return false;
  // Single-character words of the reference side: it must be words throughout.
  for (let i = r0; i < r1; i++) if (isRefWordStart(i) && isRefWordStart(i + 1)) return false;
  const from = Math.max(0, p0 - opts.snapWindow);
  const starts = wordStarts(pageFold.slice(from, Math.min(pageFold.length, p1 + opts.snapWindow)));
  let singles = 0;
  for (let i = p0; i < p1; i++) if (starts[i - from] === 1 && starts[i + 1 - from] === 1) singles++;
  return singles >= opts.brokenWordSingles;
}

/** A match already carries a spinner's mark: listed spin as dense as the signature asks of unlisted swaps. */
export function spunMatch(edits: readonly Classified[], refFold: string, r0: number, r1: number, opts: EngineOptions): boolean {
  const spins = edits.filter((e) => e.cls.kind === 'spin').length;
  const han = hanCount(refFold, r0, r1);
  return spins >= opts.spinSignatureMinSwaps && han > 0 && (spins * 100) / han >= opts.spinSignaturePer100;
}

export function classify(seg: Segment, refFold: string, pageFold: string, opts: EngineOptions, within?: MatchRange): EditClass {
  const context = opts.classifyContext;
  const w = within ?? { r0: 0, r1: refFold.length, p0: 0, p1: pageFold.length };
  return classifyEdit(
    {
      ref: refFold.slice(seg.r0, seg.r1),
      page: pageFold.slice(seg.p0, seg.p1),
      refBefore: refFold.slice(Math.max(w.r0, seg.r0 - context), seg.r0),
      refAfter: refFold.slice(seg.r1, Math.min(w.r1, seg.r1 + context)),
      pageBefore: pageFold.slice(Math.max(w.p0, seg.p0 - context), seg.p0),
      pageAfter: pageFold.slice(seg.p1, Math.min(w.p1, seg.p1 + context)),
      spin: seg.spin,
      distorting: seg.distorting,
    },
    opts.clauseChars,
  );
}
