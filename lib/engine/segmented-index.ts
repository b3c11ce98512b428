// The index over a corpus that grows and shrinks: immutable segments (the
// bundled pack's, built at build time; the reader's library, compacted and
// stored) plus a small delta of references added since, minus tombstones for
// references removed since. Adding or removing a reference touches only the
// delta or the tombstones: nothing is rebuilt. compact() folds everything into
// one segment when the delta has grown (or after an import).
//
// It answers what the candidate stage needs from the whole corpus without the
// corpus texts: which live references hold a fingerprint (so its document
// frequency and weight), and which references a page shares enough weighted
// fingerprints with to be worth loading (library-verify.ts does the rest).
import { boilerplateDf, weightOf } from './candidates';
import type { Lexicon } from './lexicon';
import type { EngineOptions } from './options';
import { buildSegment, eachEntryOf, segmentBytes, segmentOf, type DocPrints, type SegmentData } from './segment';

export interface DocRecord {
  doc: number;
  /** Kept fingerprints, one per position (ArticlePrints.hashes). */
  hashes: ArrayLike<number>;
  /** Spun forms the reference contains (ArticlePrints.spun). */
  spun: readonly string[];
}

/** A segment together with what it covers, as stored and loaded. */
export interface StoredSegment {
  data: SegmentData;
  /** The live references it holds (ascending). */
  docs: number[];
  /** Spun forms in those references, with how many references hold each. */
  spun: Array<[string, number]>;
}

export class SegmentedIndex {
  private readonly segments: StoredSegment[] = [];
  private readonly delta = new Map<number, number[]>();
  private readonly deltaDocs = new Map<number, DocRecord>();
  private readonly tombstones = new Set<number>();
  /** Live references: doc number -> the segment index holding it, or -1 for the delta. */
  private readonly where = new Map<number, number>();
  private readonly spunCounts = new Map<string, number>();
  /** Per-query scratch, reused. */
  private scratch = new Int32Array(64);
  /** Highest reference number ever indexed (sizes per-query arrays). */
  private maxDoc = 0;

  constructor(
    readonly lexicon: Lexicon,
    /** k and window every fingerprint was made with. */
    readonly k: number,
    readonly window: number,
  ) {}

  /** Adds a frozen segment; its references must not be in the index yet. */
  addSegment(seg: StoredSegment): void {
    const at = this.segments.length;
    this.segments.push(seg);
    for (const d of seg.docs) {
      if (this.where.has(d)) throw new Error(`index: reference ${d} is already indexed`);
      this.where.set(d, at);
      if (d > this.maxDoc) this.maxDoc = d;
    }
    for (const [s, n] of seg.spun) this.spunCounts.set(s, (this.spunCounts.get(s) ?? 0) + n);
  }

  /** Adds one reference to the delta: O(its fingerprints). Reference numbers are never reused. */
  add(rec: DocRecord): void {
    if (this.where.has(rec.doc) || this.tombstones.has(rec.doc)) throw new Error(`index: reference number ${rec.doc} is taken`);
    this.where.set(rec.doc, -1);
    if (rec.doc > this.maxDoc) this.maxDoc = rec.doc;
    this.deltaDocs.set(rec.doc, rec);
    for (let i = 0; i < rec.hashes.length; i++) {
      const h = rec.hashes[i]!;
      const list = this.delta.get(h);
      if (list) list.push(rec.doc);
      else this.delta.set(h, [rec.doc]);
    }
    this.noteSpun(rec.spun, +1);
  }

  /**
   * Removes one reference: O(1) for a segment's (a tombstone), O(its
   * fingerprints) for the delta's. `spun` is its DocRecord.spun (a segment
   * does not keep it per reference).
   */
  remove(doc: number, spun: readonly string[]): boolean {
    const at = this.where.get(doc);
    if (at === undefined) return false;
    this.where.delete(doc);
    if (at === -1) {
      const rec = this.deltaDocs.get(doc)!;
      this.deltaDocs.delete(doc);
      for (let i = 0; i < rec.hashes.length; i++) {
        const h = rec.hashes[i]!;
        const list = this.delta.get(h);
        if (!list) continue; // a fingerprint at several positions: already done
        const kept = list.filter((d) => d !== doc);
        if (kept.length === 0) this.delta.delete(h);
        else this.delta.set(h, kept);
      }
    } else this.tombstones.add(doc);
    this.noteSpun(spun, -1);
    return true;
  }

  private noteSpun(spun: readonly string[], sign: 1 | -1): void {
    for (const s of spun) {
      const n = (this.spunCounts.get(s) ?? 0) + sign;
      if (n > 0) this.spunCounts.set(s, n);
      else this.spunCounts.delete(s);
    }
  }

  has(doc: number): boolean {
    return this.where.has(doc);
  }

  /** Live references. */
  get size(): number {
    return this.where.size;
  }

  get deltaSize(): number {
    return this.deltaDocs.size;
  }

  /** Spun forms that occur in some live reference (CorpusIndex.spunInReferences). */
  spunInReferences(): Set<string> {
    return new Set(this.spunCounts.keys());
  }

  private growScratch(): void {
    const grown = new Int32Array(this.scratch.length * 2);
    grown.set(this.scratch);
    this.scratch = grown;
  }

  /**
   * The live references holding `hash`, in ascending order with one entry per
   * position, into this.scratch; returns how many. Or 'frequent' as soon as
   * more than `maxDf` distinct references are seen: a formula every bulletin
   * of a genre shares is held by most of a large library, and reading its
   * whole postings list for each fingerprint made the near-duplicate check of
   * every imported reference, and so an import, quadratic in the library's
   * size. Entries of one reference are adjacent within a segment, and a
   * reference lives in one segment or in the delta.
   */
  private collect(hash: number, maxDf = Infinity): number | 'frequent' {
    let n = 0;
    let df = 0;
    let last = -1;
    const tomb = this.tombstones.size > 0 ? this.tombstones : undefined;
    // Inlined segment lookups: this runs once per page position.
    for (const { data: seg } of this.segments) {
      const shift = 32 - seg.bucketBits;
      const b = seg.bucketBits === 0 ? 0 : hash >>> shift;
      const lowBits = (hash & (0xffffffff >>> seg.bucketBits)) >>> 0;
      const low = seg.low;
      let lo = seg.offsets[b]!;
      let hi = seg.offsets[b + 1]!;
      const end = hi;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (low[mid]! < lowBits) lo = mid + 1;
        else hi = mid;
      }
      for (let i = lo; i < end && low[i] === lowBits; i++) {
        const d = seg.docs[i]!;
        if (tomb && tomb.has(d)) continue;
        if (d !== last && ++df > maxDf) return 'frequent';
        last = d;
        if (n === this.scratch.length) this.growScratch();
        this.scratch[n++] = d;
      }
    }
    const list = this.delta.get(hash);
    if (list) {
      for (const d of list) {
        if (d !== last && ++df > maxDf) return 'frequent';
        last = d;
        if (n === this.scratch.length) this.growScratch();
        this.scratch[n++] = d;
      }
    }
    return n;
  }

  /** Distinct live references holding `hash` (its document frequency). */
  df(hash: number): number {
    const n = this.collect(hash) as number; // no cap: never 'frequent'
    let df = 0;
    let last = -1;
    // Entries of one reference are adjacent within a segment and a reference lives in one segment.
    for (let i = 0; i < n; i++) {
      const d = this.scratch[i]!;
      if (d !== last) df++;
      last = d;
    }
    return df;
  }

  /**
   * The references that may hold a match for the page: those with a run of
   * shared fingerprints, no two more than maxChainGap apart on the page, that
   * weighs at least minMatchWeight. A chain of the candidate stage
   * (findCandidates) is such a run or a part of one, and weighs at most the
   * sum of its hits' k * 1/df weights, so no reference that could give a
   * candidate is left out; most that share only stray phrases are.
   */
  referencesWorthLoading(pageHashes: Uint32Array, opts: EngineOptions): number[] {
    const maxDf = boilerplateDf(this.size, opts);
    // Per reference: page position of its last shared fingerprint and the weight of its current run.
    const lastP = new Int32Array(this.maxDoc + 1).fill(-1);
    const runWeight = new Float64Array(this.maxDoc + 1);
    const worth: number[] = [];
    const isWorth = new Uint8Array(this.maxDoc + 1);
    // A hair below the threshold: sums taken in another order may differ in the last bit.
    const need = opts.minMatchWeight - 1e-9;
    for (let p = 0; p < pageHashes.length; p++) {
      const n = this.collect(pageHashes[p]!, maxDf);
      if (n === 'frequent' || n === 0) continue;
      let df = 0;
      let last = -1;
      for (let i = 0; i < n; i++) {
        const d = this.scratch[i]!;
        if (d !== last) df++;
        last = d;
      }
      const w = weightOf(df) * this.k;
      for (let i = 0; i < n; i++) {
        const d = this.scratch[i]!;
        if (isWorth[d]) continue;
        if (lastP[d]! < 0 || p - lastP[d]! > opts.maxChainGap) runWeight[d] = 0;
        lastP[d] = p;
        runWeight[d]! += w;
        if (runWeight[d]! >= need) {
          isWorth[d] = 1;
          worth.push(d);
        }
      }
    }
    return worth.sort((a, b) => a - b);
  }

  /**
   * The references holding at least `share` of the distinct fingerprints in
   * `hashes` (the first test of a near-duplicate, near-duplicate.ts), counted
   * over its fingerprints held by at most `maxDf` references: a genre's
   * formulas, held by most of a large library, tell no bulletin from another
   * (the engine never ranks by them either), and reading their postings for
   * every imported article made an import quadratic. A copy of a reference
   * shares its rare fingerprints too.
   */
  referencesSharing(hashes: ArrayLike<number>, share: number, maxDf: number): number[] {
    const distinct = new Set<number>();
    for (let i = 0; i < hashes.length; i++) distinct.add(hashes[i]!);
    const counts = new Map<number, number>();
    let rare = 0;
    for (const h of distinct) {
      const n = this.collect(h, maxDf);
      if (n === 'frequent') continue;
      rare++;
      let last = -1;
      for (let i = 0; i < n; i++) {
        const d = this.scratch[i]!;
        if (d !== last) counts.set(d, (counts.get(d) ?? 0) + 1);
        last = d;
      }
    }
    if (rare === 0) return [];
    const need = share * rare;
    return [...counts].filter(([, c]) => c >= need).map(([d]) => d).sort((a, b) => a - b);
  }

  /**
   * Folds every segment and the delta, minus tombstones, into one segment
   * (linear in the entries). The caller stores the result and may then
   * forget the delta records it had stored.
   */
  compact(): StoredSegment {
    const live = (d: number) => !this.tombstones.has(d);
    let count = 0;
    let maxDoc = 0;
    const each = (emit: (h: number, d: number) => void) => {
      for (const seg of this.segments) eachEntryOf(seg.data, (h, d) => live(d) && emit(h, d));
      for (const rec of this.deltaDocs.values()) for (let i = 0; i < rec.hashes.length; i++) emit(rec.hashes[i]!, rec.doc);
    };
    each((_h, d) => {
      count++;
      if (d > maxDoc) maxDoc = d;
    });
    const data = buildSegment(count, maxDoc, each);
    const docs = [...this.where.keys()].sort((a, b) => a - b);
    const merged: StoredSegment = { data, docs, spun: [...this.spunCounts] };
    this.segments.length = 0;
    this.delta.clear();
    this.deltaDocs.clear();
    this.tombstones.clear();
    this.where.clear();
    this.spunCounts.clear();
    this.addSegment(merged);
    return merged;
  }

  /** Bytes held by the segments' typed arrays (the delta's Map is not counted). */
  segmentBytes(): number {
    return this.segments.reduce((n, s) => n + segmentBytes(s.data), 0);
  }
}

/** A frozen segment of a few references (a pack built at build time). */
export function storedSegmentOf(records: readonly DocRecord[]): StoredSegment {
  const prints: DocPrints[] = records.map((r) => ({ doc: r.doc, hashes: r.hashes }));
  const counts = new Map<string, number>();
  for (const r of records) for (const s of r.spun) counts.set(s, (counts.get(s) ?? 0) + 1);
  return { data: segmentOf(prints), docs: records.map((r) => r.doc).sort((a, b) => a - b), spun: [...counts] };
}
