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
function locate(o: OmissionDifference, page: { raw: string; folded: Folded }, within: Span, rotation: number): Span | null {
  const needle = fold(o.refText).text;
  if (needle.length === 0) return null;
  const f = page.folded;
  // Folded range of `within`.
  let lo = 0;
  while (lo < f.text.length && f.rawStart[lo]! < within.start) lo++;
  let hi = lo;
  while (hi < f.text.length && f.rawEnd[hi]! <= within.end) hi++;
  const hay = f.text.slice(lo, hi);
  const at = hay.indexOf(needle);
  if (at >= 0) return rawSpan(f, lo + at, lo + at + needle.length);
  // Rotated: the moved paragraph and its new neighbour open with the same words
  // (会议指出，要), so alignment took the omission a few characters off the
  // paragraph's edges (its opening words left aligned, the neighbour's taken
  // in). The page then holds the omitted text rotated by those words.
  for (let r = 1; r <= Math.min(rotation, needle.length >> 2); r++) {
    for (const rot of [needle.slice(r) + needle.slice(0, r), needle.slice(-r) + needle.slice(0, -r)]) {
      const x = hay.indexOf(rot);
      if (x >= 0) return rawSpan(f, lo + x, lo + x + rot.length);
    }
  }
  return null;
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

/**
 * An omission and an insertion of one match with the same folded text are one
 * move. So are two whose texts are rotations of each other: when the moved
 * text and its new neighbour open with the same words (会议还研究了其他事项
 * moved after a paragraph opening 会议强调), alignment may shift the insertion
 * by those words; the move's page span is then where the omitted text stands,
 * found within the shifted insertion's reach.
 */
function pairUp(m: Match, page: { raw: string; folded: Folded }, rotation: number): Match {
  const om = m.differences.filter((d): d is OmissionDifference => d.kind === 'omission');
  const ins = m.differences.filter((d) => d.kind === 'insertion');
  if (om.length === 0 || ins.length === 0) return m;
  // First pair them up (an insertion may stand before its omission on the page), then emit.
  const taken = new Set<Difference>();
  const moved = new Map<Difference, MoveDifference>();
  for (const d of om) {
    if (hanOf(d.refText) < 4) continue;
    const key = fold(d.refText).text;
    const twin = ins.find((i) => !taken.has(i) && fold(i.pageText).text === key);
    if (twin) {
      taken.add(twin);
      moved.set(d, { kind: 'move', ref: d.ref, page: twin.page, refText: d.refText, pageText: twin.pageText });
      continue;
    }
    const rotated = ins.find((i) => {
      if (taken.has(i)) return false;
      const t = fold(i.pageText).text;
      return t.length === key.length && (key + key).includes(t);
    });
    if (!rotated) continue;
    const reach = rotated.page.end - rotated.page.start;
    const where = locate(d, page, { start: Math.max(0, rotated.page.start - reach), end: Math.min(page.raw.length, rotated.page.end + reach) }, rotation);
    if (!where) continue;
    taken.add(rotated);
    moved.set(d, { kind: 'move', ref: d.ref, page: where, refText: d.refText, pageText: page.raw.slice(where.start, where.end) });
  }
  if (moved.size === 0) return m;
  const out: Difference[] = [];
  for (const d of m.differences) {
    if (taken.has(d)) continue;
    out.push(moved.get(d) ?? d);
  }
  return rebuilt(m, [m], out);
}

/** The reference a match names: its file's text and its article's bounds there. */
export type RefSource = (m: Match) => { fileText: string; start: number; end: number };

/**
 * A paragraph at the very start (end) of its reference that stands on the
 * page after (before) the match, outside every match: a dateline paragraph
 * moved to the end. The match never reaches it (a dropped head is not an
 * omission: reposts drop headlines), so it is found by its text: each line of
 * the reference before the match's start (after its end) with at least
 * moveMinHan Han characters, verbatim or rotated, in the page room beside the
 * match. Found, it is a move. Only for a reference matched once on the page.
 */
function movedEnds(matches: Match[], page: { raw: string; folded: Folded }, opts: EngineOptions, source: RefSource): Match[] {
  return matches.map((m, k) => {
    // Only a reference matched once: with several matches (two bulletins
    // interleaved), its text before one match is another match's.
    if (matches.some((x) => x !== m && x.ref.id === m.ref.id)) return m;
    const src = source(m);
    const roomStart = k > 0 ? matches[k - 1]!.page.end : 0;
    const roomEnd = k + 1 < matches.length ? matches[k + 1]!.page.start : page.raw.length;
    const found: Difference[] = [];
    const used: Span[] = m.differences.filter((d) => d.kind === 'move').map((d) => d.page);
    const tryLines = (from: number, to: number, within: Span) => {
      if (within.end <= within.start) return;
      let at = from;
      for (const line of src.fileText.slice(from, to).split('\n')) {
        const span = { start: at, end: at + line.length };
        at += line.length + 1;
        if (hanOf(line) < opts.moveMinHan) continue;
        const o: OmissionDifference = { kind: 'omission', ref: span, page: { start: 0, end: 0 }, refText: line, pageText: '' };
        const where = locate(o, page, within, opts.moveRotationChars);
        if (!where || used.some((u) => u.start < where.end && where.start < u.end)) continue;
        used.push(where);
        found.push({ kind: 'move', ref: span, page: where, refText: line, pageText: page.raw.slice(where.start, where.end) });
      }
    };
    tryLines(src.start, m.ref.start, { start: m.page.end, end: roomEnd });
    tryLines(m.ref.end, src.end, { start: roomStart, end: m.page.start });
    return found.length === 0 ? m : rebuilt(m, [m], [...m.differences, ...found]);
  });
}

/** A move made from a whole match carries the reference's raw text of its span. */
function withRefTexts(m: Match, source: RefSource): Match {
  for (const d of m.differences) if (d.kind === 'move' && d.refText === '') d.refText = source(m).fileText.slice(d.ref.start, d.ref.end);
  return m;
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
  // A moved paragraph at the reference's start or end lies outside the parts' spans.
  for (const d of differences) {
    ref.start = Math.min(ref.start, d.ref.start);
    ref.end = Math.max(ref.end, d.ref.end);
  }
  const verdict = counts.spin > 0 ? 'scrambled' : differences.length > 0 ? 'edited' : 'faithful';
  return { ...base, ref, page, quote: parts.every((m) => m.quote), verdict, counts, differences };
}

/**
 * Matches of one reference side by side on the page, each aligning its own
 * part of the reference, but in another order than the reference's (a
 * paragraph moved to the front: the rest of the bulletin still reads in
 * order, with nothing omitted inside it, and the paragraph is a match of its
 * own). The matches that keep the reference's order (the longest such chain)
 * are the bulletin; each other one is a moved passage: one `move`, its own
 * differences kept, and the reference keeps one match. Only when the page
 * between them holds fewer Han characters than a movable passage: two quotes
 * of one bulletin in a commentary, the commentary between, stay two matches.
 */
function reordered(group: readonly Match[], raw: string, minHan: number): Match | null {
  if (group.length < 2) return null;
  for (let i = 0; i + 1 < group.length; i++) {
    if (hanOf(raw.slice(group[i]!.page.end, group[i + 1]!.page.start)) >= minHan) return null;
  }
  // Disjoint in the reference (closing punctuation may overlap by a character or two).
  const byRef = [...group].sort((a, b) => a.ref.start - b.ref.start);
  for (let i = 0; i + 1 < byRef.length; i++) if (byRef[i]!.ref.end > byRef[i + 1]!.ref.start + 2) return null;
  // Longest chain in reference order, by page order (a handful of matches: quadratic is fine).
  const n = group.length;
  const best = new Array<number>(n).fill(0);
  const prev = new Array<number>(n).fill(-1);
  const weight = (m: Match) => m.ref.end - m.ref.start;
  for (let i = 0; i < n; i++) {
    best[i] = weight(group[i]!);
    for (let j = 0; j < i; j++) {
      if (group[j]!.ref.end <= group[i]!.ref.start + 2 && best[j]! + weight(group[i]!) > best[i]!) {
        best[i] = best[j]! + weight(group[i]!);
        prev[i] = j;
      }
    }
  }
  let end = 0;
  for (let i = 1; i < n; i++) if (best[i]! > best[end]!) end = i;
  const chain = new Set<number>();
  for (let i = end; i >= 0; i = prev[i]!) chain.add(i);
  if (chain.size === n) return null;
  const differences: Difference[] = [];
  group.forEach((m, i) => {
    if (!chain.has(i)) {
      if (hanOf(raw.slice(m.page.start, m.page.end)) < minHan) return;
      differences.push({ kind: 'move', ref: m.ref, page: m.page, refText: '', pageText: raw.slice(m.page.start, m.page.end) });
    }
    differences.push(...m.differences);
  });
  if (!differences.some((d) => d.kind === 'move')) return null;
  return rebuilt(group[0]!, group, differences);
}

/**
 * Joins the matches of one reference that follow each other on the page (no
 * other reference's match between them) when one holds what another omits,
 * and turns omissions whose text stands elsewhere on the page into moves.
 * `matches` are in page order; the result is too.
 */
export function reportMoves(all: readonly Match[], page: { raw: string; folded: Folded }, opts: EngineOptions, source: RefSource): Match[] {
  const MIN_MOVE_HAN = opts.moveMinHan;
  const COVERED = opts.moveCoveredShare;
  const matches = all.map((m) => pairUp(m, page, opts.moveRotationChars));
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
      const joined = reordered(group, page.raw, MIN_MOVE_HAN);
      if (joined) out.push(withRefTexts(joined, source));
      else out.push(...group);
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
          : (locate(o.d, page, inGroup ? { start: Math.min(...group.map((m) => m.page.start)), end: Math.max(...group.map((m) => m.page.end)) } : room, opts.moveRotationChars) ??
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
      const joined = reordered(group, page.raw, MIN_MOVE_HAN);
      if (joined) out.push(withRefTexts(joined, source));
      else out.push(...group);
      continue;
    }
    // The moved text now belongs to the move, not to a difference or a second match over it.
    const inMoved = (d: Difference) => used.some((u) => d.page.start >= u.start && d.page.end <= u.end && d.kind !== 'move');
    // A replacement whose page side is moved text, and whose reference side
    // another match of the group aligns (a dateline that a paragraph moved
    // beside it was aligned against, while the dateline itself stands matched
    // above): neither side changed, the reference text stands elsewhere.
    const heldElsewhere = (d: Difference, i: number) => {
      const others = group.filter((_, j) => j !== i).flatMap(aligned);
      return d.ref.end > d.ref.start && length(intersect(d.ref, others)) >= COVERED * (d.ref.end - d.ref.start);
    };
    const differences: Difference[] = [];
    group.forEach((m, i) => {
      for (const d of m.differences) {
        if (d.kind === 'omission' && moves.has(d)) differences.push(moves.get(d)!);
        else if (d.kind === 'omission' && dropped.has(d)) continue;
        else if (d.kind === 'insertion' && inMoved(d)) continue;
        else if (d.kind === 'alteration' && inMoved(d) && heldElsewhere(d, i)) continue;
        else differences.push(d);
      }
    });
    out.push(rebuilt(group[0]!, group, differences));
  }
  return movedEnds(out, page, opts, source);
}
