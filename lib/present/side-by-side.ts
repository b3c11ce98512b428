// Builds the side-by-side model of one match: the original (reference file
// text) and the page's version, cut into paragraphs, the paragraphs paired
// into rows, and every difference marked on both sides.
//
// Pure TypeScript (no DOM, no extension API) so it is unit-tested on its own;
// it lives in lib/present with the rest of the view models.
// Offsets are sacred: every segment is an exact slice of its side's raw text,
// and the segments of one side, in order, tile that side's matched region.
// A difference whose span is empty on one side (an omission on the page, an
// insertion in the original) appears there as a zero-length marker segment.
import type { Difference, Match, Span } from '../engine/types';
import { displayKindOf, type DisplayKind } from './kinds';

/** A segment's kind is the display kind of its difference (spun forms in text with no original included). */
export type SegmentKind = DisplayKind;

export interface Segment {
  start: number;
  end: number;
  /** Exactly raw.slice(start, end). Empty for a marker. */
  text: string;
  /** Index into match.differences (or into a region's signs) when this segment is (part of) one. */
  differenceIndex?: number;
  kind?: SegmentKind;
}

export interface Paragraph {
  /** Raw offsets; a paragraph runs from the start of its line to the start of the next paragraph (trailing line breaks included). */
  start: number;
  end: number;
  segments: Segment[];
}

/** Paragraphs of the original and of the page that say the same thing. Either side may be empty (a dropped or added paragraph). */
export interface Row {
  ref: Paragraph[];
  page: Paragraph[];
}

export interface SideBySideModel {
  ref: Span;
  page: Span;
  rows: Row[];
}

/** Tunables of the pairing, with why. */
export const pairingOptions = {
  /** A page paragraph start and a reference paragraph start are taken to be the same boundary when one maps to
   *  within this many characters of the other. Whitespace and punctuation variants are not differences, so the
   *  proportional mapping between differences drifts by a few characters around line breaks. */
  minTolerance: 6,
  /** ...or within this share of the shorter neighbouring paragraph, for long paragraphs where drift grows. */
  relativeTolerance: 0.08,
  /** Above this many candidate boundary pairs the pairing falls back to a greedy pass (the DP is quadratic). */
  maxCandidates: 3000,
  /** Score of a row with paragraphs on one side only, against 1 for a row with both: below 0.5, so two one-sided
   *  rows never beat one row that pairs the same paragraphs. */
  oneSidedRow: 0.3,
};

const isSpace = (c: string) => c === ' ' || c === '\t' || c === '\u3000' || c === '\u00a0' || c === '\r' || c === '\n' || c === '\f' || c === '\v';
const isBreak = (c: string) => c === '\n' || c === '\r';

interface RawParagraph {
  start: number;
  end: number;
  /** First non-whitespace character (or end when the paragraph is blank). Used for pairing, since indentation and blank lines differ between sides. */
  content: number;
}

/**
 * Splits raw.slice(start, end) into paragraphs: each starts at the start of a
 * non-blank line (the first one at `start`) and runs to the next one, so the
 * paragraphs tile the span exactly.
 */
export function splitParagraphs(raw: string, start: number, end: number): RawParagraph[] {
  const starts: number[] = [start];
  let lineStart = start;
  // Leading blank lines stay with the first paragraph that has text.
  let hasContent = false;
  for (let i = start; i <= end; i++) {
    if (i === end || isBreak(raw[i]!)) {
      // Line [lineStart, i): a new paragraph starts here if it is not blank and the current one has text.
      let blank = true;
      for (let j = lineStart; j < i; j++) if (!isSpace(raw[j]!)) { blank = false; break; }
      if (!blank) {
        if (hasContent && lineStart > start) starts.push(lineStart);
        hasContent = true;
      }
      // Treat \r\n as one break.
      if (i < end && raw[i] === '\r' && raw[i + 1] === '\n') i++;
      lineStart = i + 1;
    }
  }
  const out: RawParagraph[] = [];
  for (let k = 0; k < starts.length; k++) {
    const s = starts[k]!;
    const e = k + 1 < starts.length ? starts[k + 1]! : end;
    let c = s;
    while (c < e && isSpace(raw[c]!)) c++;
    out.push({ start: s, end: e, content: c });
  }
  return out;
}

/** A monotone piecewise-linear map between page and reference offsets, from the differences' spans. */
export class OffsetMap {
  private readonly pagePts: number[] = [];
  private readonly refPts: number[] = [];

  constructor(match: { page: Span; ref: Span; differences: readonly Difference[] }) {
    const pts: [number, number][] = [[match.page.start, match.ref.start]];
    for (const d of match.differences) {
      pts.push([d.page.start, d.ref.start], [d.page.end, d.ref.end]);
    }
    pts.push([match.page.end, match.ref.end]);
    pts.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
    // Clamp into the region and force monotonicity in both coordinates, so a
    // malformed difference can never make the mapping run backwards.
    let lastRef = match.ref.start;
    for (const [p, r] of pts) {
      const pc = Math.min(Math.max(p, match.page.start), match.page.end);
      const rc = Math.min(Math.max(r, lastRef), match.ref.end);
      lastRef = rc;
      this.pagePts.push(pc);
      this.refPts.push(rc);
    }
  }

  pageToRef(p: number): number {
    return interpolate(this.pagePts, this.refPts, p);
  }

  refToPage(r: number): number {
    return interpolate(this.refPts, this.pagePts, r);
  }
}

/** Piecewise-linear interpolation over sorted xs (ties allowed: a vertical step maps to its midpoint). */
function interpolate(xs: number[], ys: number[], x: number): number {
  const n = xs.length;
  if (n === 0) return x;
  if (x <= xs[0]!) return ys[0]!;
  if (x >= xs[n - 1]!) return ys[n - 1]!;
  // Binary search for the last index with xs[i] <= x.
  let lo = 0;
  let hi = n - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (xs[mid]! <= x) lo = mid;
    else hi = mid - 1;
  }
  // Ties: x may equal several xs (an empty span on this side); take the middle of their ys.
  let first = lo;
  while (first > 0 && xs[first - 1] === x) first--;
  if (xs[lo] === x) return (ys[first]! + ys[lo]!) / 2;
  const x0 = xs[lo]!;
  const x1 = xs[lo + 1]!;
  const y0 = ys[lo]!;
  const y1 = ys[lo + 1]!;
  return y0 + ((y1 - y0) * (x - x0)) / (x1 - x0);
}

interface Cut {
  /** Paragraph index on each side where the next row begins. */
  pi: number;
  ri: number;
  cost: number;
}

/**
 * Pairs paragraphs into rows. A row boundary is a pair (page paragraph start,
 * reference paragraph start) whose content starts map onto each other within
 * a tolerance; among all such candidate boundaries we keep the best chain
 * that is monotone on both sides (most rows, rows with both sides preferred,
 * ties broken by the smallest total drift), so a paragraph broken in the
 * middle of a word on one side simply joins its neighbour in one row, and a
 * dropped or added paragraph gets a row of its own.
 */
function pairRows(map: OffsetMap, refParas: RawParagraph[], pageParas: RawParagraph[]): [number, number][] {
  const tol = (a: RawParagraph | undefined, b: RawParagraph | undefined) => {
    const len = Math.min(a ? a.end - a.start : Infinity, b ? b.end - b.start : Infinity);
    return Math.max(pairingOptions.minTolerance, Number.isFinite(len) ? len * pairingOptions.relativeTolerance : 0);
  };
  const cands: Cut[] = [];
  // Boundary k on a side means "paragraph k starts a row" (k >= 1; k = 0 is the region start, always a cut).
  const addCand = (pi: number, ri: number, cost: number) => cands.push({ pi, ri, cost });
  const seen = new Set<number>();
  const key = (pi: number, ri: number) => pi * 1_000_003 + ri;
  const refContent = refParas.map((p) => p.content);
  const pageContent = pageParas.map((p) => p.content);
  // Page boundaries mapped into reference coordinates, matched to nearby reference boundaries (and to the region
  // start/end, which lets a page paragraph pair with "nothing left" on the reference side).
  for (let pi = 1; pi < pageParas.length; pi++) {
    const r = map.pageToRef(pageContent[pi]!);
    const t = tol(pageParas[pi], pageParas[pi - 1]);
    for (let ri = 1; ri <= refParas.length; ri++) {
      const rc = ri < refParas.length ? refContent[ri]! : refParas[refParas.length - 1]!.end;
      const dist = Math.abs(r - rc);
      if (dist <= Math.max(t, tol(refParas[ri], refParas[ri - 1]))) {
        seen.add(key(pi, ri));
        addCand(pi, ri, dist);
      }
    }
  }
  for (let ri = 1; ri < refParas.length; ri++) {
    const p = map.refToPage(refContent[ri]!);
    const t = tol(refParas[ri], refParas[ri - 1]);
    for (let pi = 1; pi <= pageParas.length; pi++) {
      if (seen.has(key(pi, ri))) continue;
      const pc = pi < pageParas.length ? pageContent[pi]! : pageParas[pageParas.length - 1]!.end;
      const dist = Math.abs(p - pc);
      if (dist <= Math.max(t, tol(pageParas[pi], pageParas[pi - 1]))) addCand(pi, ri, dist);
    }
  }
  // Cuts at the very end are not row boundaries.
  const inner = cands.filter((c) => !(c.pi === pageParas.length && c.ri === refParas.length));
  inner.sort((a, b) => a.pi - b.pi || a.ri - b.ri);

  // Best chain of cuts from the region start to its end. Each row scores 1 when it has paragraphs on both sides
  // and only `oneSidedRow` when one side is empty, so a row with nothing beside it (an added or dropped paragraph)
  // is made only when the offsets call for it, never to split a pair of short lines that sit close together.
  // Ties go to the chain with the least drift.
  let chain: Cut[];
  const start: Cut = { pi: 0, ri: 0, cost: 0 };
  const finish: Cut = { pi: pageParas.length, ri: refParas.length, cost: 0 };
  if (inner.length <= pairingOptions.maxCandidates) {
    const nodes = [start, ...inner, finish];
    const n = nodes.length;
    const score = new Array<number>(n).fill(-Infinity);
    const cost = new Array<number>(n).fill(Infinity);
    const prev = new Array<number>(n).fill(-1);
    score[0] = 0;
    cost[0] = 0;
    for (let i = 1; i < n; i++) {
      const ci = nodes[i]!;
      for (let j = 0; j < i; j++) {
        const cj = nodes[j]!;
        if (score[j] === -Infinity) continue;
        if (!(cj.pi <= ci.pi && cj.ri <= ci.ri && (cj.pi < ci.pi || cj.ri < ci.ri))) continue;
        const sc = score[j]! + (cj.pi < ci.pi && cj.ri < ci.ri ? 1 : pairingOptions.oneSidedRow);
        const c = cost[j]! + ci.cost;
        if (sc > score[i]! + 1e-9 || (Math.abs(sc - score[i]!) <= 1e-9 && c < cost[i]!)) {
          score[i] = sc;
          cost[i] = c;
          prev[i] = j;
        }
      }
    }
    chain = [];
    for (let i = prev[n - 1]!; i > 0; i = prev[i]!) chain.push(nodes[i]!);
    chain.reverse();
  } else {
    chain = [];
    let lp = 0;
    let lr = 0;
    for (const c of inner) {
      if (c.pi > lp && c.ri > lr) {
        chain.push(c);
        lp = c.pi;
        lr = c.ri;
      }
    }
  }
  const cuts: [number, number][] = [[0, 0]];
  for (const c of chain) cuts.push([c.pi, c.ri]);
  cuts.push([pageParas.length, refParas.length]);
  return cuts;
}

export interface SideMark {
  span: Span;
  index: number;
  kind: SegmentKind;
}

/** Cuts one side's paragraphs into segments at the differences' spans on that side. */
function segmentSide(raw: string, paras: RawParagraph[], marks: SideMark[], region: Span): Paragraph[] {
  // Clamp spans into the region and drop overlaps, so the tiling invariant holds whatever the input.
  const sorted = marks
    .map((m) => ({ ...m, span: { start: clamp(m.span.start, region), end: clamp(Math.max(m.span.end, m.span.start), region) } }))
    .sort((a, b) => a.span.start - b.span.start || a.span.end - b.span.end || a.index - b.index);
  let cursor = region.start;
  const clean: SideMark[] = [];
  for (const m of sorted) {
    const start = Math.max(m.span.start, cursor);
    const end = Math.max(m.span.end, start);
    if (m.span.end > m.span.start && end === start) continue; // entirely covered by an earlier difference
    clean.push({ ...m, span: { start, end } });
    cursor = end;
  }
  const out: Paragraph[] = [];
  let mi = 0;
  for (let k = 0; k < paras.length; k++) {
    const para = paras[k]!;
    const last = k === paras.length - 1;
    const segs: Segment[] = [];
    let pos = para.start;
    const push = (start: number, end: number, m?: SideMark) => {
      if (end < start || (end === start && !m)) return;
      const seg: Segment = { start, end, text: raw.slice(start, end) };
      if (m) {
        seg.differenceIndex = m.index;
        seg.kind = m.kind;
      }
      segs.push(seg);
    };
    // Marks that start in this paragraph (a marker exactly at the region end belongs to the last paragraph).
    while (mi < clean.length) {
      const m = clean[mi]!;
      const inPara = m.span.start < para.end || (last && m.span.start <= para.end);
      if (!inPara) break;
      const s = Math.max(m.span.start, para.start);
      push(pos, s);
      const e = Math.min(m.span.end, para.end);
      push(s, e, m);
      pos = e;
      if (m.span.end > para.end) {
        // The difference runs on into the next paragraph: continue it there.
        clean[mi] = { ...m, span: { start: para.end, end: m.span.end } };
        break;
      }
      mi++;
    }
    push(pos, para.end);
    out.push({ start: para.start, end: para.end, segments: segs });
  }
  return out;
}

/** Paragraphs of raw.slice(region) with `marks` cut out as segments (used for unmatched regions and their spun forms). */
export function segmentRegion(raw: string, region: Span, marks: SideMark[]): Paragraph[] {
  const r = { start: clampLen(region.start, raw), end: clampLen(region.end, raw) };
  return segmentSide(raw, splitParagraphs(raw, r.start, r.end), marks, r);
}

function clamp(x: number, region: Span): number {
  return Math.min(Math.max(x, region.start), region.end);
}

/**
 * The side-by-side model of `match`. `refText` is the whole reference seed
 * file (match offsets index it), `pageText` the whole page text (TabReport.text).
 */
export function buildSideBySide(match: Match, refText: string, pageText: string): SideBySideModel {
  const refRegion = { start: clampLen(match.ref.start, refText), end: clampLen(match.ref.end, refText) };
  const pageRegion = { start: clampLen(match.page.start, pageText), end: clampLen(match.page.end, pageText) };
  const refParas = splitParagraphs(refText, refRegion.start, refRegion.end);
  const pageParas = splitParagraphs(pageText, pageRegion.start, pageRegion.end);
  const refMarks: SideMark[] = [];
  const pageMarks: SideMark[] = [];
  match.differences.forEach((d, index) => {
    const kind = displayKindOf(d, match.ref);
    refMarks.push({ span: d.ref, index, kind });
    pageMarks.push({ span: d.page, index, kind });
  });
  const refSeg = segmentSide(refText, refParas, refMarks, refRegion);
  const pageSeg = segmentSide(pageText, pageParas, pageMarks, pageRegion);
  const map = new OffsetMap({ page: pageRegion, ref: refRegion, differences: match.differences });
  const cuts = pairRows(map, refParas, pageParas);
  const rows: Row[] = [];
  for (let k = 0; k + 1 < cuts.length; k++) {
    const [p0, r0] = cuts[k]!;
    const [p1, r1] = cuts[k + 1]!;
    if (p1 === p0 && r1 === r0) continue;
    rows.push({ page: pageSeg.slice(p0, p1), ref: refSeg.slice(r0, r1) });
  }
  return { ref: refRegion, page: pageRegion, rows };
}

function clampLen(x: number, s: string): number {
  return Math.min(Math.max(0, x), s.length);
}

/** Rows that contain a given difference (on either side), for scrolling the view to it. */
export function rowOfDifference(model: SideBySideModel, differenceIndex: number): number {
  return model.rows.findIndex((row) =>
    [...row.ref, ...row.page].some((p) => p.segments.some((s) => s.differenceIndex === differenceIndex)),
  );
}

/** What the view shows of a model: every row, or only changed rows with `context` unchanged rows around each, the rest folded. */
export type RowSlot = { type: 'row'; index: number } | { type: 'fold'; from: number; to: number };

const rowChanged = (row: Row, keep: (s: Segment) => boolean) =>
  row.ref.length === 0 || row.page.length === 0 || [...row.ref, ...row.page].some((p) => p.segments.some((s) => s.differenceIndex !== undefined && keep(s)));

/**
 * Rows to show. With `changedOnly`, a row is shown when it holds a difference
 * that `keep` accepts (or is one-sided: a dropped or added paragraph), or
 * lies within `context` rows of one; each run of other rows becomes one fold
 * the reader can open.
 */
export function rowSlots(model: SideBySideModel, changedOnly: boolean, context = 1, keep: (s: Segment) => boolean = () => true): RowSlot[] {
  const n = model.rows.length;
  if (!changedOnly) return model.rows.map((_, index) => ({ type: 'row', index }));
  const show = new Array<boolean>(n).fill(false);
  model.rows.forEach((row, i) => {
    if (!rowChanged(row, keep)) return;
    for (let j = Math.max(0, i - context); j <= Math.min(n - 1, i + context); j++) show[j] = true;
  });
  const out: RowSlot[] = [];
  for (let i = 0; i < n; ) {
    if (show[i]) {
      out.push({ type: 'row', index: i++ });
      continue;
    }
    const from = i;
    while (i < n && !show[i]) i++;
    out.push({ type: 'fold', from, to: i });
  }
  return out;
}

/**
 * The side-by-side mounts its rows a screen at a time, so no single render
 * (and the layout after it) holds the main thread long enough to be a long
 * task (over 50 ms), even on a farm page with 2,000 marks on a busy machine.
 */
export const mountOptions = {
  /** Row slots in the first chunk: more than a popup's screen (600 px holds about 6 rows of 4 lines). */
  firstSlots: 12,
  /** Row slots added by each later chunk (about 10 ms of render and layout for seed 002's rows on the bench machine). */
  slotsPerChunk: 40,
};

/** How many of `total` row slots are mounted after `chunks` later chunks. */
export function mountedSlots(total: number, chunks: number): number {
  return Math.min(total, mountOptions.firstSlots + chunks * mountOptions.slotsPerChunk);
}
