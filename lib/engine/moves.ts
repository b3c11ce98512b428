// Moved paragraphs (issue 7, item 3). A repost that reorders paragraphs
// leaves, per reference, a match with an omission where the paragraph was and
// the paragraph itself elsewhere on the page (a second match, or page text
// just outside the match). Text that stands elsewhere on the page is not
// omitted: such an omission becomes one `move` difference (ref span where it
// was, page span where it is now), and the reference keeps one match.
import { countDifferences } from './counts';
import { fold, rawSpan, type Folded } from './normalize';
import type { EngineOptions } from './options';
import type { Difference, Match, MoveDifference, OmissionDifference, Span } from './types';


const hanOf = (s: string) => (s.match(/[\u3400-\u9fff]/g) ?? []).length;

function length(spans: readonly Span[]): number {
  return spans.reduce((n, s) => n + Math.max(0, s.end - s.start), 0);
}

function intersect(a: Span, list: readonly Span[]): Span[] {
  return list.map((b) => ({ start: Math.max(a.start, b.start), end: Math.min(a.end, b.end) })).filter((s) => s.end > s.start);
}

/** Reference ranges a match aligns: its ref span without its omissions. */
function aligned(m: Match): Span[] {
  const out: Span[] = [];
  let at = m.ref.start;
  for (const d of [...m.differences].filter((x) => x.kind === 'omission').sort((a, b) => a.ref.start - b.ref.start)) {
    if (d.ref.start > at) out.push({ start: at, end: d.ref.start });
    at = Math.max(at, d.ref.end);
  }
  if (m.ref.end > at) out.push({ start: at, end: m.ref.end });
  return out;
}

/**
 * Where the omitted text stands on the page, within `within` (raw page
 * offsets): its folded text found verbatim, else null.
 */
function locate(o: OmissionDifference, page: { raw: string; folded: Folded }, within: Span): Span | null {
  const needle = fold(o.refText).text;
  if (needle.length === 0) return null;
  const f = page.folded;
  // Folded range of `within`.
  let lo = 0;
  while (lo < f.text.length && f.rawStart[lo]! < within.start) lo++;
  let hi = lo;
  while (hi < f.text.length && f.rawEnd[hi]! <= within.end) hi++;
  const at = f.text.slice(lo, hi).indexOf(needle);
  if (at < 0) return null;
  return rawSpan(f, lo + at, lo + at + needle.length);
}

/**
 * Where an omitted passage that another match of its reference aligns stands
 * on the page, when its text was edited or its edges fell elsewhere (会议指出,要
 * opens several paragraphs): the other match's page range projected along its
 * diagonal, widened to whole page lines (a moved paragraph is lines).
 */
function project(o: OmissionDifference, group: readonly Match[], self: number, raw: string): Span | null {
  const j = group.findIndex((m, k) => k !== self && m.ref.start <= o.ref.start && m.ref.end >= o.ref.end);
  if (j < 0) return null;
  const m = group[j]!;
  const scale = (m.page.end - m.page.start) / Math.max(1, m.ref.end - m.ref.start);
  let start = Math.round(m.page.start + (o.ref.start - m.ref.start) * scale);
  let end = Math.round(m.page.start + (o.ref.end - m.ref.start) * scale);
  const lineStart = raw.lastIndexOf('\n', start - 1) + 1;
  const nextBreak = raw.indexOf('\n', Math.max(start, end - 1));
  start = Math.max(m.page.start, lineStart);
  end = Math.min(m.page.end, nextBreak < 0 ? raw.length : nextBreak);
  while (start < end && /\s/.test(raw[start]!)) start++;
  return end > start ? { start, end } : null;
}

/** An omission and an insertion of one match with the same folded text are one move. */
function pairUp(m: Match): Match {
  const om = m.differences.filter((d): d is OmissionDifference => d.kind === 'omission');
  const ins = m.differences.filter((d) => d.kind === 'insertion');
  if (om.length === 0 || ins.length === 0) return m;
  const taken = new Set<Difference>();
  const out: Difference[] = [];
  for (const d of m.differences) {
    if (taken.has(d)) continue;
    if (d.kind === 'omission' && hanOf(d.refText) >= 4) {
      const key = fold(d.refText).text;
      const twin = ins.find((i) => !taken.has(i) && fold(i.pageText).text === key);
      if (twin) {
        taken.add(twin);
        out.push({ kind: 'move', ref: d.ref, page: twin.page, refText: d.refText, pageText: twin.pageText });
        continue;
      }
    }
    out.push(d);
  }
  return out.length === m.differences.length ? m : rebuilt(m, [m], out);
}

function rebuilt(base: Match, parts: readonly Match[], differences: Difference[]): Match {
  differences.sort((a, b) => a.page.start - b.page.start || a.ref.start - b.ref.start);
  const counts = countDifferences(differences);
  const page = { start: Math.min(...parts.map((m) => m.page.start)), end: Math.max(...parts.map((m) => m.page.end)) };
  for (const d of differences) {
    page.start = Math.min(page.start, d.page.start);
    page.end = Math.max(page.end, d.page.end);
  }
  const ref = { ...base.ref, start: Math.min(...parts.map((m) => m.ref.start)), end: Math.max(...parts.map((m) => m.ref.end)) };
  const verdict = counts.spin > 0 ? 'scrambled' : differences.length > 0 ? 'edited' : 'faithful';
  return { ...base, ref, page, quote: parts.every((m) => m.quote), verdict, counts, differences };
}

/**
 * Joins the matches of one reference that follow each other on the page (no
 * other reference's match between them) when one holds what another omits,
 * and turns omissions whose text stands elsewhere on the page into moves.
 * `matches` are in page order; the result is too.
 */
export function reportMoves(all: readonly Match[], page: { raw: string; folded: Folded }, opts: EngineOptions): Match[] {
  const MIN_MOVE_HAN = opts.moveMinHan;
  const COVERED = opts.moveCoveredShare;
  const matches = all.map(pairUp);
  // Groups: runs of consecutive matches of one reference.
  const groups: Match[][] = [];
  for (const m of matches) {
    const last = groups[groups.length - 1];
    if (last && last[0]!.ref.id === m.ref.id) last.push(m);
    else groups.push([m]);
  }
  const out: Match[] = [];
  for (let g = 0; g < groups.length; g++) {
    const group = groups[g]!;
    // Page room the group may take a moved paragraph from: up to its neighbours.
    const room: Span = { start: g > 0 ? groups[g - 1]![groups[g - 1]!.length - 1]!.page.end : 0, end: g + 1 < groups.length ? groups[g + 1]![0]!.page.start : page.raw.length };
    const omissions = group.flatMap((m, i) => m.differences.filter((d): d is OmissionDifference => d.kind === 'omission').map((d) => ({ d, i })));
    const candidates = omissions.filter(({ d }) => hanOf(d.refText) >= MIN_MOVE_HAN);
    if (candidates.length === 0) {
      out.push(...group);
      continue;
    }
    const covered = (o: { d: OmissionDifference; i: number }) => {
      const others = group.filter((_, j) => j !== o.i).flatMap(aligned);
      return length(intersect(o.d.ref, others)) >= COVERED * (o.d.ref.end - o.d.ref.start);
    };
    // Smallest first: of two matches that each omit what the other holds, the
    // smaller omitted passage is the one that moved; the other is its shadow.
    const ordered = [...candidates].sort((a, b) => a.d.ref.end - a.d.ref.start - (b.d.ref.end - b.d.ref.start));
    const moves = new Map<OmissionDifference, MoveDifference>();
    const dropped = new Set<OmissionDifference>();
    const used: Span[] = [];
    // (i, j): an omission of match i found in match j. The reverse pair is its shadow.
    const pairs = new Set<string>();
    const matchAt = (s: Span) => group.findIndex((m) => s.start >= m.page.start && s.end <= m.page.end);
    for (const o of ordered) {
      const inGroup = covered(o);
      // Another match of the reference that is this passage (its ref span and the
      // omission's overlap for most of both): the passage stands where it is.
      const self = group.findIndex((m, j) => {
        if (j === o.i) return false;
        const both = Math.min(m.ref.end, o.d.ref.end) - Math.max(m.ref.start, o.d.ref.start);
        return both >= COVERED * (o.d.ref.end - o.d.ref.start) && both >= COVERED * (m.ref.end - m.ref.start);
      });
      const where =
        self >= 0
          ? group[self]!.page
          : (locate(o.d, page, inGroup ? { start: Math.min(...group.map((m) => m.page.start)), end: Math.max(...group.map((m) => m.page.end)) } : room) ??
            (inGroup ? project(o.d, group, o.i, page.raw) : null));
      if (!where || used.some((u) => u.start < where.end && where.start < u.end)) continue;
      const j = matchAt(where);
      if (j >= 0 && pairs.has(`${j}:${o.i}`)) {
        dropped.add(o.d);
        continue;
      }
      // The text found where it was omitted from is no move.
      if (j === o.i && where.start <= o.d.page.start && where.end >= o.d.page.start) continue;
      moves.set(o.d, { kind: 'move', ref: o.d.ref, page: where, refText: o.d.refText, pageText: page.raw.slice(where.start, where.end) });
      used.push(where);
      if (j >= 0) pairs.add(`${o.i}:${j}`);
    }
    if (moves.size === 0) {
      out.push(...group);
      continue;
    }
    // The moved text now belongs to the move, not to a difference or a second match over it.
    const inMoved = (d: Difference) => used.some((u) => d.page.start >= u.start && d.page.end <= u.end && d.kind !== 'move');
    const differences: Difference[] = [];
    for (const m of group) {
      for (const d of m.differences) {
        if (d.kind === 'omission' && moves.has(d)) differences.push(moves.get(d)!);
        else if (d.kind === 'omission' && dropped.has(d)) continue;
        else if (d.kind === 'insertion' && inMoved(d)) continue;
        else differences.push(d);
      }
    }
    out.push(rebuilt(group[0]!, group, differences));
  }
  return out;
}
