// verify(): the whole pipeline for one input text.
//
//   normalize (fold + de-spin)  ->  candidates (fingerprint chains)  ->
//   align each region pair      ->  segments in folded text (spins found)  ->
//   snap to words, classify     ->  report (raw spans on both sides)
import { align } from './align';
import { findCandidates, selectCandidates, type Candidate } from './candidates';
import { reversesMeaning } from './antonyms';
import { negatesAt, type EditClass } from './classify';
import type { CorpusIndex, RefDoc } from './corpus-index';
import { addCounts, countDifferences, emptyCounts } from './counts';
import { despin, type Keyed } from './lexicon';
import { fold, NUMBER_BREAK, rawSpan, type Folded } from './normalize';
import { resolveOptions, type EngineOptions, type Sensitivity } from './options';
import { explainEdits, opsToSegments, snapToWords, type Segment } from './segments';
import type { Difference, Match, MatchVerdict, Report, Span, Verdict } from './types';
import { changedShare, contentChars, earnsMatch, hanCount, isQuote } from './evidence';
import { assignOwners, cutAtForeignLines, fenceFor, pageLines } from './paragraphs';
import { classify, leavesBrokenWords, overlapsListedSwap, splitSameLength, spunMatch, swapRemnant, unlistedSpin } from './signature';
import { reportMoves } from './moves';
import { runToEnd, type Steps } from './slices';
import { findUnmatched } from './unmatched';
import { refWordStarts } from './words';

interface PageText {
  raw: string;
  folded: Folded;
  key: Keyed;
}

export function verify(text: string, index: CorpusIndex, options?: Partial<EngineOptions> & { sensitivity?: Sensitivity }): Report {
  return runToEnd(verifySteps(text, index, options));
}

/**
 * verify() with a yield point between its stages and after each region it
 * aligns: run it with runSliced (slices.ts) so a queue can put a short
 * verification between two slices of a heavy one. Same report as verify().
 */
export function* verifySteps(text: string, index: CorpusIndex, options?: Partial<EngineOptions> & { sensitivity?: Sensitivity }): Steps<Report> {
  const opts = resolveOptions(options);
  const folded = fold(text);
  const key = despin(folded.text, index.lexicon);
  const page: PageText = { raw: text, folded, key };
  yield;

  const chains = findCandidates(key.text, index, opts);
  yield;
  const selected = selectCandidates(chains, index.k, opts);
  yield;
  // Each page line to one reference (paragraphs.ts): two bulletins on one page never bleed into each other.
  const lines = pageLines(text, folded, key);
  assignOwners(lines, selected, chains, index, key.text, opts);
  const candidates = cutAtForeignLines(selected, lines, index.k, opts);
  yield;
  // Strongest first, so edge extension and overlap checks favour the better match.
  const byWeight = candidates.map((c, i) => ({ c, i })).sort((x, y) => y.c.weight - x.c.weight);
  // p0/p1: key-text range; f0/f1: the folded page range its segments cover.
  const accepted: Array<{ m: Match; p0: number; p1: number; f0: number; f1: number }> = [];
  for (const { c: whole } of byWeight) {
    // Key-text bounds this candidate may grow into without touching another
    // reference's line or an accepted neighbour. A chain's last k-gram may
    // reach a few characters into the next line: clip it to the fence.
    let { lo, hi } = fenceFor(whole.doc, whole.pageStart, lines, key.text.length);
    const c = clip(whole, lo, hi);
    if (!c) continue;
    let fLo = lo > 0 ? key.foldEnd[lo - 1]! : 0;
    let fHi = hi < key.text.length ? key.foldStart[hi]! : folded.text.length;
    for (const a of accepted) {
      if (a.p1 <= c.pageStart) {
        lo = Math.max(lo, a.p1);
        fLo = Math.max(fLo, a.f1);
      } else if (a.p0 >= c.pageEnd) {
        hi = Math.min(hi, a.p0);
        fHi = Math.min(fHi, a.f0);
      } else lo = Infinity; // overlaps an accepted match
    }
    if (lo === Infinity) continue;
    const built = buildMatch(c, index, page, opts, { lo, hi, fLo, fHi });
    if (built) accepted.push(built);
    yield;
  }
  // Paragraphs a repost moved: one `move` each, one match per reference (moves.ts).
  const matches = reportMoves(
    accepted.map((a) => a.m).sort((a, b) => a.page.start - b.page.start),
    { raw: text, folded },
    opts,
    (m) => {
      const d = index.docs.find((x) => x.entry.id === m.ref.id)!;
      return { fileText: d.fileText, start: d.entry.start, end: d.entry.end };
    },
  );
  // Closing punctuation taken in by a region must not reach into the next one.
  for (let i = 0; i + 1 < matches.length; i++) {
    const next = matches[i + 1]!.page.start;
    if (matches[i]!.page.end > next) matches[i]!.page.end = Math.max(matches[i]!.page.start, next);
  }

  yield;
  const unmatched = findUnmatched(text, folded, key, index.lexicon, matches.map((m) => m.page), index.spunInReferences, opts);
  let counts = emptyCounts();
  for (const m of matches) counts = addCounts(counts, m.counts);
  return { verdict: overallVerdict(matches, unmatched.some((u) => u.scrambled)), matches, unmatched, counts };
}

/** The candidate with its page range (and its reference range, along the diagonal) kept inside [lo, hi). */
function clip(c: Candidate, lo: number, hi: number): Candidate | null {
  const head = Math.max(0, lo - c.pageStart);
  const tail = Math.max(0, c.pageEnd - hi);
  if (head === 0 && tail === 0) return c;
  if (c.pageEnd - tail - (c.pageStart + head) <= 0 || c.refEnd - tail - (c.refStart + head) <= 0) return null;
  return { ...c, pageStart: c.pageStart + head, pageEnd: c.pageEnd - tail, refStart: c.refStart + head, refEnd: c.refEnd - tail };
}

interface Bounds {
  /** Key-text range the region may grow into. */
  lo: number;
  hi: number;
  /** Folded page range its segments must stay in (a de-spun word can straddle two regions). */
  fLo: number;
  fHi: number;
}

function buildMatch(c: Candidate, index: CorpusIndex, page: PageText, opts: EngineOptions, bounds: Bounds): { m: Match; p0: number; p1: number; f0: number; f1: number } | null {
  const doc = index.docs[c.doc]!;
  // Page text between two key positions holds a line break (a paragraph boundary).
  const crossesLine = (x: number, y: number): boolean => {
    if (y <= x) return false;
    const span = rawSpan(page.folded, page.key.foldStart[x]!, page.key.foldEnd[y - 1]!);
    return page.raw.slice(span.start, span.end).includes('\n');
  };
  let edges = bridgeInsertions(doc.key.text, page.key.text, crossesLine, extendEdges(doc.key.text, c.refStart, c.refEnd, page.key.text, c.pageStart, c.pageEnd, bounds.lo, bounds.hi, opts), bounds, opts);
  const reached = reachEnds(doc, page.key.text, edges, bounds, opts);
  if (reached.some((v, i) => v !== edges[i])) edges = extendEdges(doc.key.text, reached[0], reached[1], page.key.text, reached[2], reached[3], bounds.lo, bounds.hi, opts);
  edges = reachEdgeText(doc.key.text, page.key.text, edges, bounds, opts);
  edges = reachHead(doc.key.text, page.key.text, edges, bounds.lo, opts);
  const [r0, r1, p0, p1] = edges;
  const ops = align(doc.key.text, r0, r1, page.key.text, p0, p1, opts.dpCellBudget);
  // A chain of fingerprints can still be mostly chance: the match is judged
  // on what alignment found (evidence.ts), after the segments are known.
  const content = contentChars(ops, doc.key.text, doc.stock);
  const span = Math.max(r1 - r0, p1 - p0);
  if (content < opts.minMatchChars) return null;

  let segs = opsToSegments(ops, doc.key, doc.folded.text.length, page.key, page.folded.text.length, doc.folded.text, page.folded.text, index.lexicon);
  segs = explainEdits(segs, doc.folded.text, page.folded.text, index.lexicon, opts);
  // A region's ends are where the fingerprints ran out, not where text was
  // added or dropped: never start or end it with a pure insertion or omission
  // (a region cut inside a de-spun word leaves such a fragment: 策|略).
  segs = segs.filter((s) => s.p0 >= bounds.fLo && s.p1 <= bounds.fHi);
  const oneSided = (s: Segment) => !s.equal && (s.r0 === s.r1 || s.p0 === s.p1);
  while (segs.length > 0 && oneSided(segs[0]!)) segs.shift();
  while (segs.length > 0 && oneSided(segs[segs.length - 1]!)) segs.pop();
  if (segs.length === 0) return null;
  const refKeyLen = doc.key.text.length;
  if (r1 < refKeyLen && refKeyLen - r1 <= opts.tailOmissionChars && r1 - r0 >= refKeyLen / 2 && segs.length > 0) {
    const last = segs[segs.length - 1]!;
    segs.push({ equal: false, r0: last.r1, r1: doc.folded.text.length, p0: last.p1, p1: last.p1, spin: false, distorting: false });
  }
  const starts = refWordStarts(doc);
  segs = snapToWords(segs, (i) => starts[i] === 1, opts.snapWindow);
  // A number break (normalize.ts) only keeps digit runs apart: 2020 written
  // 20 20 across a line is the same number, an equivalent variant.
  segs = segs.map((s) => (!s.equal && withoutBreaks(doc.folded.text.slice(s.r0, s.r1)) === withoutBreaks(page.folded.text.slice(s.p0, s.p1)) ? { ...s, equal: true, variant: true } : s));
  segs = edgeNegations(segs, doc.folded.text, page, bounds);
  const rf = doc.folded.text;
  const pf = page.folded.text;
  // Spinning by its signature (signature.ts): those swaps are spin the lexicon
  // does not list. Swaps side by side are one replacement until cut into words;
  // the cut is kept only where the signature holds (a hand edit stays whole).
  const mr0 = segs[0]!.r0;
  const mr1 = segs[segs.length - 1]!.r1;
  const within = { r0: mr0, r1: mr1, p0: segs[0]!.p0, p1: segs[segs.length - 1]!.p1 };
  const classified = (list: readonly Segment[]) => list.filter((s) => !s.equal).map((seg) => ({ seg, cls: classify(seg, rf, pf, opts, within) }));
  let edits = classified(segs);
  let unlisted = unlistedSpin(edits, rf, pf, mr0, mr1, opts);
  const cut = splitSameLength(segs, rf, pf, (i) => starts[i] === 1, opts.spinSwapMaxChars);
  if (cut.length !== segs.length) {
    const cutEdits = classified(cut);
    const cutUnlisted = unlistedSpin(cutEdits, rf, pf, mr0, mr1, opts);
    if (cutUnlisted.size > 0) {
      segs = cut;
      edits = cutEdits;
      unlisted = cutUnlisted;
    }
  }
  for (const e of edits) if (overlapsListedSwap(e, rf, pf, index.lexicon, opts.spinSwapMaxChars)) unlisted.add(e.seg);
  // Overlapping swaps the lexicon cannot compose, recognised by the broken words they leave (signature.ts).
  if (unlisted.size > 0 || spunMatch(edits, rf, mr0, mr1, opts)) {
    for (const e of edits) if (leavesBrokenWords(e, rf, pf, (i) => starts[i] === 1, opts)) unlisted.add(e.seg);
  }
  // What an overlapping swap leaves right beside a listed one (signature.ts
  // swapRemnant) is the tool's, in any match: it keeps part of the word, and
  // the listed swap beside it shows a spinner ran there.
  const listed = edits.filter((e) => e.cls.kind === 'spin').map((e) => e.seg);
  for (const e of edits) if (swapRemnant(e, rf, pf, listed, opts.spinSwapMaxChars)) unlisted.add(e.seg);
  // A match must be earned by content (evidence.ts); spin counts as the original's text reworded.
  const share = changedShare(segs.map((s) => (unlisted.has(s) ? { ...s, spin: true } : s)), opts.clauseChars);
  if (!earnsMatch({ content, span, changedShare: share }, opts)) return null;
  const differences = edits.map((e) => toDifference(e.seg, unlisted.has(e.seg) ? { kind: 'spin', distorting: false } : e.cls, doc, page, unlisted.has(e.seg)));

  const first = segs[0]!;
  const last = segs[segs.length - 1]!;
  // A region ends on its last character; the sentence's closing punctuation belongs to it too.
  const refSpan = refRaw(doc, first.r0, last.r1);
  refSpan.end = closeOver(doc.fileText, refSpan.end, doc.entry.end);
  const pageSpan = rawSpan(page.folded, first.p0, last.p1);
  pageSpan.end = closeOver(page.raw, pageSpan.end, page.raw.length);
  // An empty reference span at the match's first character (a negation set
  // before it) maps to the raw point after the folded unit before it, which can
  // lie before the match's raw start (punctuation between): clamp it in.
  for (const d of differences) {
    if (d.ref.start === d.ref.end && d.ref.start < refSpan.start) d.ref = { start: refSpan.start, end: refSpan.start };
  }
  const counts = countDifferences(differences);
  const m: Match = {
    ref: { id: doc.entry.id, file: doc.entry.file, start: refSpan.start, end: refSpan.end, headline: doc.entry.headline, publisher: doc.entry.publisher, date: doc.entry.date },
    page: pageSpan,
    quote: isQuote(hanCount(doc.folded.text, first.r0, last.r1), hanCount(doc.folded.text), opts),
    verdict: matchVerdict(counts.spin, differences.length),
    counts,
    differences,
  };
  return { m, p0, p1, f0: first.p0, f1: last.p1 };
}

/**
 * A chain starts and ends on a shared k-gram, so a spun word right at either
 * edge of the region would be left out. Extend both ends while the key texts
 * agree, allowing a short replacement, the way seed-and-extend search does.
 */
function extendEdges(a: string, a0: number, a1: number, b: string, b0: number, b1: number, bLo: number, bHi: number, opts: EngineOptions): [number, number, number, number] {
  const MAX_SKIP = opts.edgeBridgeChars;
  const MIN_AGREE = opts.edgeAgreeChars;
  // Backwards.
  for (;;) {
    while (a0 > 0 && b0 > bLo && a.charCodeAt(a0 - 1) === b.charCodeAt(b0 - 1)) {
      a0--;
      b0--;
    }
    let bridged = false;
    for (let sa = 0; sa <= MAX_SKIP && !bridged; sa++) {
      for (let sb = 0; sb <= MAX_SKIP && !bridged; sb++) {
        if (sa + sb === 0 || a0 - sa - MIN_AGREE < 0 || b0 - sb - MIN_AGREE < bLo) continue;
        if (a.slice(a0 - sa - MIN_AGREE, a0 - sa) === b.slice(b0 - sb - MIN_AGREE, b0 - sb)) {
          a0 -= sa;
          b0 -= sb;
          bridged = true;
        }
      }
    }
    if (!bridged) break;
  }
  // The reference's very first characters (a name opening a headline:
  // 习近平主持… -> 李克强主持…) have no characters before them to agree on.
  // When only a few are left, take as many Han characters of the page as a
  // replacement, and let alignment and classification judge them.
  const HEAD = opts.headNameChars;
  if (a0 > 0 && a0 <= HEAD && b0 - a0 >= bLo && /^[\u3400-\u9fff]+$/.test(b.slice(b0 - a0, b0))) {
    b0 -= a0;
    a0 = 0;
  }
  // Forwards.
  for (;;) {
    while (a1 < a.length && b1 < bHi && a.charCodeAt(a1) === b.charCodeAt(b1)) {
      a1++;
      b1++;
    }
    let bridged = false;
    for (let sa = 0; sa <= MAX_SKIP && !bridged; sa++) {
      for (let sb = 0; sb <= MAX_SKIP && !bridged; sb++) {
        if (sa + sb === 0 || a1 + sa + MIN_AGREE > a.length || b1 + sb + MIN_AGREE > bHi) continue;
        if (a.slice(a1 + sa, a1 + sa + MIN_AGREE) === b.slice(b1 + sb, b1 + sb + MIN_AGREE)) {
          a1 += sa;
          b1 += sb;
          bridged = true;
        }
      }
    }
    if (!bridged) break;
  }
  // A region never starts or ends inside a number: 12:00 glued before 日
  // shares its last 0 with a reference's 30日, and that 0 is not the date.
  const digit = (s: string, i: number) => i >= 0 && i < s.length && s.charCodeAt(i) >= 0x30 && s.charCodeAt(i) <= 0x39;
  while (b0 < b1 && a0 < a1 && digit(b, b0) && digit(b, b0 - 1)) {
    a0++;
    b0++;
  }
  while (b1 > b0 && a1 > a0 && digit(b, b1 - 1) && digit(b, b1)) {
    a1--;
    b1--;
  }
  return [a0, a1, b0, b1];
}

/**
 * Text inserted into a repost (about 100 junk characters after each edited
 * sentence, an added clause) breaks the chain of fingerprints, and the
 * reference text on its far side is often stock phrasing that weighs nothing,
 * so the match stops at the insertion and every edit beyond it vanishes. An
 * edge crosses page text of at most maxInsertionBridge characters when the
 * reference's continuation stands right beyond it: the bridgeProbeChars
 * reference characters before (after) the edge, or those just before (after)
 * a replacement of at most as many characters there (an edited date or word
 * ends the sentence), found
 * verbatim on the page, nearest the edge. Exact extension then goes on from
 * there, and alignment reports the crossed text as an insertion. Only text
 * inside one paragraph is crossed: a whole paragraph between is a move or an
 * inserted paragraph, for moves.ts and mergeNeighbours. Measured on
 * the reference's own continuation, so unrelated text with a chance shared
 * run elsewhere in the reference is never taken in.
 */
function bridgeInsertions(a: string, b: string, crossesLine: (x: number, y: number) => boolean, edges: [number, number, number, number], bounds: Bounds, opts: EngineOptions): [number, number, number, number] {
  const P = opts.bridgeProbeChars;
  const gap = opts.maxInsertionBridge;
  let [a0, a1, b0, b1] = edges;
  // What is crossed must be unrelated to the reference: a run of it found in
  // the reference is the reference's own text standing elsewhere (a move).
  const related = (x: number, y: number): boolean => {
    for (let i = x; i + P <= y; i += Math.max(1, P >> 1)) if (a.includes(b.slice(i, i + P))) return true;
    return false;
  };
  const back = (): boolean => {
    for (let s = 0; s <= P; s++) {
      if (a0 - s - P < 0) return false;
      const from = Math.max(bounds.lo, b0 - s - P - gap);
      if (from >= b0) return false;
      const at = b.slice(from, b0).lastIndexOf(a.slice(a0 - s - P, a0 - s));
      if (at < 0 || crossesLine(from + at + P, b0) || related(from + at + P, b0)) continue;
      [a0, a1, b0, b1] = extendEdges(a, a0 - s - P, a1, b, from + at, b1, bounds.lo, bounds.hi, opts);
      return true;
    }
    return false;
  };
  const forth = (): boolean => {
    for (let s = 0; s <= P; s++) {
      if (a1 + s + P > a.length) return false;
      const to = Math.min(bounds.hi, b1 + s + P + gap);
      if (to <= b1) return false;
      const at = b.slice(b1, to).indexOf(a.slice(a1 + s, a1 + s + P));
      if (at < 0 || crossesLine(b1, b1 + at) || related(b1, b1 + at)) continue;
      [a0, a1, b0, b1] = extendEdges(a, a0, a1 + s + P, b, b0, b1 + at + P, bounds.lo, bounds.hi, opts);
      return true;
    }
    return false;
  };
  while (back());
  while (forth());
  return [a0, a1, b0, b1];
}

const withoutBreaks = (s: string) => s.split(NUMBER_BREAK).join('');

// Quotation marks a page may put between a negation and the quoted words (不“要…”).
const QUOTE_MARKS = /^[“”‘’「」『』"']*$/;

/**
 * A negation set right before the first matched character (or right after the
 * last) is outside the alignment: a quote 要加快… turned into 不要加快… would
 * lose its 不. When the page holds a negating character there, adjacent (only
 * quotation marks between) and inside the match's fences, and the reference
 * does not hold the same character there, it becomes a one-character
 * insertion at that edge; classification then calls it a negation.
 */
function edgeNegations(segs: Segment[], refFold: string, page: PageText, bounds: Bounds): Segment[] {
  if (segs.length === 0) return segs;
  const pf = page.folded.text;
  const f = page.folded;
  const gap = (x: number, y: number) => QUOTE_MARKS.test(page.raw.slice(f.rawEnd[x]!, f.rawStart[y]!));
  const out = segs.slice();
  const first = out[0]!;
  const at = first.p0 - 1;
  if (at >= bounds.fLo && first.p0 < pf.length && negatesAt(pf, at) && gap(at, first.p0) && refFold[first.r0 - 1] !== pf[at]) {
    out.unshift({ equal: false, r0: first.r0, r1: first.r0, p0: at, p1: first.p0, spin: false, distorting: false });
  }
  const last = out[out.length - 1]!;
  const after = last.p1;
  if (after > 0 && after + 1 <= bounds.fHi && negatesAt(pf, after) && gap(after - 1, after) && refFold[last.r1] !== pf[after]) {
    out.push({ equal: false, r0: last.r1, r1: last.r1, p0: after, p1: after + 1, spin: false, distorting: false });
  }
  return out;
}

const CLOSING = /[。！？；.!?;”’」』）)】]/;

/** Moves a region's end over the closing punctuation right after it (at most two characters). */
function closeOver(raw: string, end: number, limit: number): number {
  let e = end;
  while (e < limit && e - end < 2 && CLOSING.test(raw[e]!)) e++;
  return e;
}


/**
 * A match that stops just short of its reference's start or end may do so
 * because a sentence near there was dropped, not because the page quotes only
 * part. If the reference's first (last) words stand on the page just before
 * (after) the match, no farther from it than they are in the reference, the
 * match grows to them and the alignment reports the dropped text as an
 * omission. At the start only words that are not stock phrasing serve: a
 * dateline 中共中央政治局常务委员会… on the page is not the headline that opens
 * the reference.
 */
function reachEnds(doc: RefDoc, b: string, [a0, a1, b0, b1]: [number, number, number, number], bounds: Bounds, opts: EngineOptions): [number, number, number, number] {
  const reach = opts.endReach;
  const END_WORDS = opts.endWords;
  const END_SLACK = opts.endSlack;
  const a = doc.key.text;
  const plain = (i: number) => {
    for (let x = i; x < i + END_WORDS; x++) if (doc.stock[x] === 1) return false;
    return true;
  };
  if (a0 > 0 && a0 <= reach) {
    let i = 0;
    while (i + END_WORDS <= a0 && !plain(i)) i++;
    if (i + END_WORDS <= a0) {
      // Only the window the distance rule allows is searched: a scan of the
      // whole page per match would make a page of many matches quadratic.
      const from = Math.max(bounds.lo, b0 - (a0 - i + END_SLACK));
      const found = from < b0 ? b.slice(from, b0).lastIndexOf(a.slice(i, i + END_WORDS)) : -1;
      const at = found < 0 ? -1 : from + found;
      if (at >= 0) {
        a0 = i;
        b0 = at;
      }
    }
  }
  if (a1 < a.length && a.length - a1 <= reach) {
    // The very last words first, even stock ones (会议还研究了其他事项。 closes
    // most bulletins; the tight distance rule keeps another article's closing
    // out), then the last words that are not stock.
    let j = a.length;
    while (j - END_WORDS >= a1 && !plain(j - END_WORDS)) j--;
    for (const end of j === a.length ? [j] : [a.length, j]) {
      if (end - END_WORDS < a1) continue;
      const to = Math.min(bounds.hi, b1 + end - a1 + END_SLACK);
      const found = to > b1 ? b.slice(b1, to).indexOf(a.slice(end - END_WORDS, end)) : -1;
      const at = found < 0 ? -1 : b1 + found;
      if (at >= 0) {
        a1 = end;
        b1 = at + END_WORDS;
        break;
      }
    }
  }
  return [a0, a1, b0, b1];
}

/**
 * A headline spun word by word (召开扩大会议强调 -> 开会扩大集会着重) shares no
 * run of characters long enough for edge extension, so the match would start
 * after it and its swaps go unreported. When a match stops within
 * edgeTextChars of its reference's first (last) character and the page
 * carries that part right before (after) it, the two are aligned; if enough
 * of it agrees (edgeTextAgreement), the match takes it in and alignment
 * reports what changed there.
 */
function reachEdgeText(a: string, b: string, [a0, a1, b0, b1]: [number, number, number, number], bounds: Bounds, opts: EngineOptions): [number, number, number, number] {
  // How much of the edge text agrees: the longest common subsequence (an
  // edit-distance alignment may call a shifted run a replacement when junk
  // before it ties the cost, so the answer would depend on what stands
  // around the page). first/last: page bounds of the agreeing characters;
  // firstRef/lastRef: where they stand in the reference.
  const agrees = (x0: number, x1: number, y0: number, y1: number) => commonSubsequence(a, x0, x1, b, y0, y1);
  // The reference characters before the first agreeing one (after the last)
  // were replaced: take in as many page characters, but only Han ones. Page
  // furniture (a timestamp, a menu) is never a replaced headline word, and
  // taking it in would make the match's extent depend on what stands around it.
  const han = (i: number) => /[\u3400-\u9fff]/.test(b[i] ?? '');
  if (a0 > 0 && a0 <= opts.edgeTextChars) {
    const from = Math.max(bounds.lo, b0 - a0 - Math.ceil(a0 / 4));
    if (from < b0) {
      const r = agrees(0, a0, from, b0);
      if (r.equal >= opts.edgeTextAgreement * a0 && r.first >= 0) {
        b0 = r.first;
        for (let n = 0; n < r.firstRef && b0 > from && han(b0 - 1); n++) b0--;
        a0 = 0;
      }
    }
  }
  const tail = a.length - a1;
  if (tail > 0 && tail <= opts.edgeTextChars) {
    const to = Math.min(bounds.hi, b1 + tail + Math.ceil(tail / 4));
    if (to > b1) {
      const r = agrees(a1, a.length, b1, to);
      if (r.equal >= opts.edgeTextAgreement * tail && r.last >= 0) {
        b1 = r.last;
        for (let n = 0; n < a.length - r.lastRef && b1 < to && han(b1); n++) b1++;
        a1 = a.length;
      }
    }
  }
  return [a0, a1, b0, b1];
}

/**
 * A paragraph that restates the headline (a dateline paragraph: 省疫情联防联控
 * 指挥部召开会议…许昆林主持会议) moved away from the top leaves the page's
 * headline standing where the reference has headline then that paragraph. The
 * chain then runs from the page's headline into the paragraph (their shared
 * words are on a diagonal close to the body's), and the match starts inside
 * the reference with the headline aligned against the wrong text: a row of
 * wording alterations, and the moved paragraph never omitted, so never a
 * move. When a match starts within endReach of its reference's first
 * character and the page there opens with the reference's first endWords
 * characters, the match is aligned again from that first character; if that
 * explains the page's text with fewer changed characters (a
 * paragraph dropped whole is a clause, not a change: evidence.ts), the match
 * starts there, and the paragraph is an omission that moves.ts can place.
 */
function reachHead(a: string, b: string, edges: [number, number, number, number], lo: number, opts: EngineOptions): [number, number, number, number] {
  const [a0, a1, b0, b1] = edges;
  if (a0 > opts.endReach) return edges;
  type Ops = readonly { equal: boolean; aStart: number; aEnd: number; bStart: number; bEnd: number }[];
  const changed = (ops: Ops) => {
    let n = 0;
    for (const op of ops) {
      if (op.equal) continue;
      const r = op.aEnd - op.aStart;
      const p = op.bEnd - op.bStart;
      if (r > 0 && p > 0) n += Math.max(r, p);
      else if (r + p <= opts.clauseChars) n += r + p;
    }
    return n;
  };
  const equal = (ops: Ops) => ops.reduce((n, op) => n + (op.equal ? op.aEnd - op.aStart : 0), 0);
  const head = a.slice(0, opts.endWords);
  if (a0 > 0) {
    // The reference's first words must stand at the match's start (not only a clause dropped before them).
    if (b1 - b0 < opts.endWords || b.slice(b0, b0 + opts.endWords) !== head) return edges;
    // Whole matches both ways, so the comparison has no window of its own to tune.
    const now = align(a, a0, a1, b, b0, b1, opts.dpCellBudget);
    const from0 = align(a, 0, a1, b, b0, b1, opts.dpCellBudget);
    return changed(from0) < changed(now) ? [0, a1, b0, b1] : edges;
  }
  // The match starts on the reference's first words, but they may be the ones
  // the restating paragraph repeats (中共中央政治局常务委员会… in the dateline),
  // with the page's headline standing just before: then the match starts at
  // the headline when aligning from there agrees on more characters and
  // changes none more (the text crossed would otherwise be inserted).
  if (opts.endWords > b1 - b0) return edges;
  const from = Math.max(lo, b0 - opts.endReach);
  const at = from < b0 ? b.slice(from, b0).indexOf(head) : -1;
  if (at < 0) return edges;
  const now = align(a, 0, a1, b, b0, b1, opts.dpCellBudget);
  const earlier = align(a, 0, a1, b, from + at, b1, opts.dpCellBudget);
  return equal(earlier) > equal(now) && changed(earlier) <= changed(now) ? [0, a1, from + at, b1] : edges;
}

/**
 * Longest common subsequence of a[x0, x1) and b[y0, y1) (both at most a few
 * dozen characters here): its length, and the page and reference positions of
 * its first and last characters (-1 when empty). The traceback runs from the
 * end and takes a match whenever one is on a longest path, so text added
 * before the page window never changes which characters are picked.
 */
function commonSubsequence(a: string, x0: number, x1: number, b: string, y0: number, y1: number): { equal: number; first: number; last: number; firstRef: number; lastRef: number } {
  const n = x1 - x0;
  const m = y1 - y0;
  const w = m + 1;
  const dp = new Uint16Array((n + 1) * w);
  for (let i = 1; i <= n; i++) {
    for (let j = 1; j <= m; j++) {
      dp[i * w + j] = a.charCodeAt(x0 + i - 1) === b.charCodeAt(y0 + j - 1) ? dp[(i - 1) * w + j - 1]! + 1 : Math.max(dp[(i - 1) * w + j]!, dp[i * w + j - 1]!);
    }
  }
  let first = -1;
  let last = -1;
  let firstRef = -1;
  let lastRef = -1;
  for (let i = n, j = m; i > 0 && j > 0; ) {
    if (a.charCodeAt(x0 + i - 1) === b.charCodeAt(y0 + j - 1) && dp[i * w + j] === dp[(i - 1) * w + j - 1]! + 1) {
      if (last < 0) {
        last = y0 + j;
        lastRef = x0 + i;
      }
      first = y0 + j - 1;
      firstRef = x0 + i - 1;
      i--;
      j--;
    } else if (dp[(i - 1) * w + j]! >= dp[i * w + j - 1]!) i--;
    else j--;
  }
  return { equal: dp[n * w + m]!, first, last, firstRef, lastRef };
}

function refRaw(doc: RefDoc, a: number, b: number): Span {
  const s = rawSpan(doc.folded, a, b);
  return { start: s.start + doc.entry.start, end: s.end + doc.entry.start };
}


function toDifference(s: Segment, cls: EditClass, doc: RefDoc, page: PageText, unlisted: boolean): Difference {
  const rf = doc.folded.text.slice(s.r0, s.r1);
  const pf = page.folded.text.slice(s.p0, s.p1);
  const ref = refRaw(doc, s.r0, s.r1);
  const pg = rawSpan(page.folded, s.p0, s.p1);
  const base = { ref, page: pg, refText: doc.fileText.slice(ref.start, ref.end), pageText: page.raw.slice(pg.start, pg.end) };
  switch (cls.kind) {
    case 'spin':
      return { ...base, kind: 'spin', distorting: cls.distorting || reversesMeaning(rf, pf), listed: !unlisted };
    case 'alteration':
      return { ...base, kind: 'alteration', subkind: cls.subkind, distorting: cls.subkind === 'negation' || reversesMeaning(rf, pf) };
    case 'omission':
      return { ...base, kind: 'omission' };
    case 'insertion':
      return { ...base, kind: 'insertion' };
  }
}

function matchVerdict(spins: number, total: number): MatchVerdict {
  if (spins > 0) return 'scrambled';
  return total > 0 ? 'edited' : 'faithful';
}

function overallVerdict(matches: readonly Match[], scrambledUnmatched: boolean): Verdict {
  if (scrambledUnmatched || matches.some((m) => m.verdict === 'scrambled')) return 'scrambled';
  if (matches.length === 0) return 'unmatched';
  return matches.some((m) => m.verdict === 'edited') ? 'edited' : 'faithful';
}
