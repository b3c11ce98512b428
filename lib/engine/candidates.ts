// Candidate region pairs: (page region, reference region) found from dense,
// diagonally consistent chains of shared fingerprints.
//
// A page can hold several bulletins, page furniture, comments and unrelated
// text, and may quote a reference only in part, so the unit of a match is a
// region pair, never a whole page against a whole document. Fingerprints that
// many references share (stock phrases: 中共中央政治局常务委员会, 疫情防控)
// weigh 1/df, and those in most references weigh nothing, so boilerplate alone
// cannot make a match.
import { kgramHashes } from './fingerprint';
import type { CorpusIndex } from './corpus-index';
import type { EngineOptions } from './options';

export interface Candidate {
  doc: number;
  /** Key-text ranges (page key, reference key), end exclusive. */
  pageStart: number;
  pageEnd: number;
  refStart: number;
  refEnd: number;
  /** Rare reference characters covered by the chain's hits (weighted by 1/df). */
  weight: number;
  /** Share of the page range covered by hits. */
  coverage: number;
  hits: Array<{ p: number; r: number; w: number }>;
}

interface Chain {
  doc: number;
  diag: number;
  lastP: number;
  lastR: number;
  hits: Array<{ p: number; r: number; w: number }>;
}

export function findCandidates(pageKey: string, index: CorpusIndex, opts: EngineOptions): Candidate[] {
  const k = index.k;
  const hashes = kgramHashes(pageKey, k);
  const nDocs = index.docs.length;
  // Fingerprints in more than this many references are boilerplate. With a
  // tiny corpus (< 4 references) document frequency says little, so keep all.
  // However large the corpus, a fingerprint shared by more than
  // maxRefsPerFingerprint references is stock phrasing: not even looked up,
  // which also bounds the work per page position.
  const maxDf = boilerplateDf(nDocs, opts);

  // Filter first: a reference whose hits, all together, weigh less than a
  // match needs can never hold a match, so its hits are not chained at all.
  // One pass of additions over the postings, no allocation; with a large
  // corpus it leaves the few references the page really shares text with.
  const { postings } = index;
  const rows = new Int32Array(hashes.length);
  const docWeight = new Float64Array(nDocs);
  for (let p = 0; p < hashes.length; p++) {
    const row = postings.row(hashes[p]!);
    rows[p] = row;
    if (row < 0) continue;
    const df = postings.df[row]!;
    if (df > maxDf) continue;
    const w = weightOf(df);
    for (let j = postings.start[row]!; j < postings.start[row + 1]!; j++) docWeight[postings.docs[j]!]! += w * k;
  }

  // Open chains per reference, so a hit only looks at its own reference's chains.
  const activeByDoc = new Map<number, Chain[]>();
  const done: Chain[] = [];
  const atP: Array<{ doc: number; r: number }> = [];
  for (let p = 0; p < hashes.length; p++) {
    const row = rows[p]!;
    if (row < 0) continue;
    const df = postings.df[row]!;
    if (df > maxDf) continue;
    const w = weightOf(df);
    // Every reference position of this k-gram (verified: a 32-bit hash can collide).
    // Postings are grouped by reference, so one reference's positions are consecutive.
    atP.length = 0;
    for (let j = postings.start[row]!; j < postings.start[row + 1]!; j++) {
      const doc = postings.docs[j]!;
      if (docWeight[doc]! < opts.minMatchWeight) continue;
      const r = postings.pos[j]!;
      if (sameGram(index.docs[doc]!.keyText, r, pageKey, p, k)) atP.push({ doc, r });
    }
    for (let g0 = 0; g0 < atP.length; ) {
      const doc = atP[g0]!.doc;
      let g1 = g0 + 1;
      while (g1 < atP.length && atP[g1]!.doc === doc) g1++;
      let chains = activeByDoc.get(doc);
      if (!chains) activeByDoc.set(doc, (chains = []));
      // Retire this reference's chains that can no longer be extended.
      for (let c = chains.length - 1; c >= 0; c--) {
        if (p - chains[c]!.lastP > opts.maxChainGap) done.push(chains.splice(c, 1)[0]!);
      }
      // A common k-gram occurs at several places of one reference. Each chain
      // takes at most one of them, the one closest to its diagonal, and only
      // the places no chain wants start new chains; otherwise a stray repeat
      // would steal the chain's position and split a true match in two.
      const used = new Uint8Array(g1 - g0);
      for (const c of chains) {
        if (c.lastP >= p) continue;
        let best = -1;
        let bestDrift = Infinity;
        for (let j = g0; j < g1; j++) {
          const h = atP[j]!;
          if (h.r <= c.lastR) continue;
          const drift = Math.abs(h.r - p - c.diag);
          if (drift <= opts.maxDiagonalDrift && drift < bestDrift) {
            best = j;
            bestDrift = drift;
          }
        }
        if (best >= 0) {
          const h = atP[best]!;
          used[best - g0] = 1;
          c.hits.push({ p, r: h.r, w });
          c.lastP = p;
          c.lastR = h.r;
          c.diag = h.r - p;
        }
      }
      for (let j = g0; j < g1; j++) {
        if (used[j - g0]) continue;
        const h = atP[j]!;
        chains.push({ doc, diag: h.r - p, lastP: p, lastR: h.r, hits: [{ p, r: h.r, w }] });
      }
      g0 = g1;
    }
  }
  for (const chains of activeByDoc.values()) done.push(...chains);

  return done.map((c) => summarize(c, k)).filter((c) => c.weight > 0);
}

/** Fingerprints held by more references than this weigh nothing (see findCandidates). */
export function boilerplateDf(nDocs: number, opts: EngineOptions): number {
  return Math.min(opts.maxRefsPerFingerprint, nDocs >= 4 ? Math.max(1, Math.floor(nDocs * opts.boilerplateDocShare)) : nDocs);
}

/** Rarer is stronger, but gently: a fingerprint in two references still counts half. */
export function weightOf(df: number): number {
  return 1 / (1 + Math.log2(df));
}

function sameGram(a: string, i: number, b: string, j: number, k: number): boolean {
  for (let x = 0; x < k; x++) if (a.charCodeAt(i + x) !== b.charCodeAt(j + x)) return false;
  return true;
}

export function summarize(c: { doc: number; hits: Array<{ p: number; r: number; w: number }> }, k: number): Candidate {
  const hits = c.hits;
  let weight = 0;
  let covered = 0;
  let coveredEnd = -1;
  for (const h of hits) {
    const fresh = Math.min(k, h.p + k - Math.max(coveredEnd, h.p));
    if (fresh > 0) {
      weight += fresh * h.w;
      covered += fresh;
    }
    coveredEnd = Math.max(coveredEnd, h.p + k);
  }
  const first = hits[0]!;
  const last = hits[hits.length - 1]!;
  const pageStart = first.p;
  const pageEnd = last.p + k;
  return {
    doc: c.doc,
    pageStart,
    pageEnd,
    refStart: first.r,
    refEnd: last.r + k,
    weight,
    coverage: covered / (pageEnd - pageStart),
    hits,
  };
}

/**
 * Keeps the strongest candidates that pass the thresholds, never two over the
 * same page text: a weaker candidate loses the hits that fall inside a stronger
 * one and is judged again on what is left.
 *
 * Near-linear whatever the page: pending candidates sit in a max-heap by
 * weight and the taken ones in a list of disjoint page ranges sorted by start,
 * so a clash is one binary search. At most `maxCandidatesPerPage` are taken
 * (the strongest), which bounds the alignment work a hostile page can ask for
 * (a megabyte of one repeated sentence).
 */
export function selectCandidates(cands: Candidate[], k: number, opts: EngineOptions): Candidate[] {
  // Ties go to the earlier candidate (a stable order, the same on every run).
  const pending = new MaxHeap<{ c: Candidate; seq: number }>((x, y) => x.c.weight - y.c.weight || y.seq - x.seq);
  let seq = 0;
  for (const c of cands) if (passes(c)) pending.push({ c, seq: seq++ });
  const taken = new DisjointRanges<Candidate>();
  while (pending.size > 0 && taken.size < opts.maxCandidatesPerPage) {
    const { c } = pending.pop()!;
    if (!taken.overlaps(c.pageStart, c.pageEnd)) {
      taken.insert(c);
      continue;
    }
    const left = c.hits.filter((h) => !taken.overlaps(h.p, h.p + k));
    if (left.length === 0 || left.length === c.hits.length) continue;
    // Hits left on either side of a stronger match may form two pieces.
    for (const piece of splitAtTaken(left, taken)) {
      const s = summarize({ doc: c.doc, hits: piece }, k);
      if (passes(s)) pending.push({ c: s, seq: seq++ });
    }
  }
  return mergeNeighbours(taken.items, k, opts);

  function passes(c: Candidate): boolean {
    return c.weight >= opts.minMatchWeight && c.coverage >= opts.minMatchDensity;
  }
}

/** Splits hits (in page order) wherever a taken range starts between two of them. */
function splitAtTaken(hits: Candidate['hits'], taken: DisjointRanges<Candidate>): Candidate['hits'][] {
  const pieces: Candidate['hits'][] = [];
  let cur: Candidate['hits'] = [];
  for (const h of hits) {
    if (cur.length > 0 && taken.startsWithin(cur[cur.length - 1]!.p, h.p)) {
      pieces.push(cur);
      cur = [];
    }
    cur.push(h);
  }
  if (cur.length > 0) pieces.push(cur);
  return pieces;
}

/** Disjoint page ranges kept sorted by start: overlap tests by binary search. */
export class DisjointRanges<T extends { pageStart: number; pageEnd: number }> {
  readonly items: T[] = [];

  get size(): number {
    return this.items.length;
  }

  /** Index of the first item whose start is >= at. */
  private lowerBound(at: number): number {
    let lo = 0;
    let hi = this.items.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.items[mid]!.pageStart < at) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Does any item overlap [start, end)? Items are disjoint, so only the two neighbours of `start` can. */
  overlaps(start: number, end: number): boolean {
    const i = this.lowerBound(start);
    if (i < this.items.length && this.items[i]!.pageStart < end) return true;
    return i > 0 && this.items[i - 1]!.pageEnd > start;
  }

  /** Does an item start at a position in [from, to]? */
  startsWithin(from: number, to: number): boolean {
    const i = this.lowerBound(from);
    return i < this.items.length && this.items[i]!.pageStart <= to;
  }

  /** Inserts an item that overlaps none (the caller checked). */
  insert(item: T): void {
    this.items.splice(this.lowerBound(item.pageStart), 0, item);
  }
}

/** A binary max-heap: the candidate with the greatest weight first. */
class MaxHeap<T> {
  private readonly a: T[] = [];
  constructor(private readonly cmp: (x: T, y: T) => number) {}

  get size(): number {
    return this.a.length;
  }

  push(x: T): void {
    const a = this.a;
    a.push(x);
    let i = a.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (this.cmp(a[i]!, a[parent]!) <= 0) break;
      [a[i], a[parent]] = [a[parent]!, a[i]!];
      i = parent;
    }
  }

  pop(): T | undefined {
    const a = this.a;
    if (a.length === 0) return undefined;
    const top = a[0]!;
    const last = a.pop()!;
    if (a.length > 0) {
      a[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < a.length && this.cmp(a[l]!, a[m]!) > 0) m = l;
        if (r < a.length && this.cmp(a[r]!, a[m]!) > 0) m = r;
        if (m === i) break;
        [a[i], a[m]] = [a[m]!, a[i]!];
        i = m;
      }
    }
    return top;
  }
}

/**
 * Two selected chains of one reference that follow each other on the page and
 * in the reference are one match when the gap between them is short on one
 * side (a stretch too rewritten to share fingerprints) or is a dropped or
 * inserted paragraph: short on one side, at most maxMergeGap on the other.
 */
function mergeNeighbours(taken: Candidate[], k: number, opts: EngineOptions): Candidate[] {
  const out: Candidate[] = [];
  for (const c of taken) {
    const last = out[out.length - 1];
    const pageGap = last ? c.pageStart - last.pageEnd : 0;
    const refGap = last ? c.refStart - last.refEnd : 0;
    if (
      last &&
      last.doc === c.doc &&
      pageGap >= -k &&
      refGap >= -k &&
      Math.min(pageGap, refGap) <= opts.maxChainGap &&
      Math.max(pageGap, refGap) <= opts.maxMergeGap
    ) {
      out[out.length - 1] = summarize({ doc: c.doc, hits: [...last.hits, ...c.hits] }, k);
    } else out.push(c);
  }
  return out;
}
