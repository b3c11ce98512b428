// A frozen segment of the fingerprint index: which references hold each
// fingerprint, in a few flat typed arrays that store, load and clone cheaply
// (IndexedDB keeps typed arrays as they are; a build step can write one out).
//
// Positions are not kept: they are needed only for the few references a page
// really shares text with, and those are fingerprinted again when their text is
// loaded (lib/engine/library-verify.ts). Without them, and with the hash split
// into a bucket number (implied by where an entry lies) and its low bits, one
// (fingerprint, reference) entry costs 4 bytes below 65,536 references, where
// the in-memory CorpusIndex spends about 30.
//
// Layout: the top `bucketBits` bits of a hash choose a bucket; offsets[b] ..
// offsets[b + 1] are its entries, sorted by (low bits, reference); low[i] and
// docs[i] are the low bits of the hash and the reference number of entry i. A
// fingerprint occurring at n places of one reference has n entries, so the
// weights a page adds up here are exactly those of the full index.

export interface SegmentData {
  bucketBits: number;
  offsets: Uint32Array;
  low: Uint16Array | Uint32Array;
  docs: Uint16Array | Uint32Array;
}

/** One reference's fingerprints, one entry per kept position. */
export interface DocPrints {
  doc: number;
  hashes: ArrayLike<number>;
}

/** Buckets of about this many entries: a short binary search, small offsets. */
const ENTRIES_PER_BUCKET = 16;

function bucketBitsFor(entries: number): number {
  return Math.max(0, Math.min(24, Math.ceil(Math.log2(Math.max(1, entries / ENTRIES_PER_BUCKET)))));
}

/**
 * Builds a segment from (hash, doc) entries given by `each`, which is called
 * twice (count, then fill) and must give the same entries both times.
 */
export function buildSegment(count: number, maxDoc: number, each: (emit: (hash: number, doc: number) => void) => void): SegmentData {
  const bucketBits = bucketBitsFor(count);
  const shift = 32 - bucketBits;
  const lowMask = 0xffffffff >>> bucketBits;
  const buckets = 2 ** bucketBits;
  const offsets = new Uint32Array(buckets + 1);
  const bucketOf = (h: number) => (bucketBits === 0 ? 0 : h >>> shift);
  each((h) => offsets[bucketOf(h) + 1]!++);
  for (let b = 0; b < buckets; b++) offsets[b + 1]! += offsets[b]!;
  const total = offsets[buckets]!;
  const low = shift <= 16 ? new Uint16Array(total) : new Uint32Array(total);
  const docs = maxDoc < 0x10000 ? new Uint16Array(total) : new Uint32Array(total);
  const fill = offsets.slice(0, buckets);
  each((h, doc) => {
    const at = fill[bucketOf(h)]!++;
    low[at] = (h & lowMask) >>> 0;
    docs[at] = doc;
  });
  // Buckets are small: insertion sort by (low bits, reference).
  for (let b = 0; b < buckets; b++) {
    const start = offsets[b]!;
    const end = offsets[b + 1]!;
    for (let i = start + 1; i < end; i++) {
      const l = low[i]!;
      const d = docs[i]!;
      let j = i - 1;
      while (j >= start && (low[j]! > l || (low[j] === l && docs[j]! > d))) {
        low[j + 1] = low[j]!;
        docs[j + 1] = docs[j]!;
        j--;
      }
      low[j + 1] = l;
      docs[j + 1] = d;
    }
  }
  return { bucketBits, offsets, low, docs };
}

/** A segment of the given references' fingerprints. */
export function segmentOf(prints: readonly DocPrints[]): SegmentData {
  let count = 0;
  let maxDoc = 0;
  for (const p of prints) {
    count += p.hashes.length;
    maxDoc = Math.max(maxDoc, p.doc);
  }
  return buildSegment(count, maxDoc, (emit) => {
    for (const p of prints) for (let i = 0; i < p.hashes.length; i++) emit(p.hashes[i]!, p.doc);
  });
}

/** Every entry of a segment as (full hash, doc), bucket by bucket. */
export function eachEntryOf(seg: SegmentData, emit: (hash: number, doc: number) => void): void {
  const shift = 32 - seg.bucketBits;
  const buckets = seg.offsets.length - 1;
  for (let b = 0; b < buckets; b++) {
    const high = seg.bucketBits === 0 ? 0 : (b << shift) >>> 0;
    for (let i = seg.offsets[b]!; i < seg.offsets[b + 1]!; i++) emit((high | seg.low[i]!) >>> 0, seg.docs[i]!);
  }
}

/** Bytes held by a segment's arrays. */
export function segmentBytes(seg: SegmentData): number {
  return seg.offsets.byteLength + seg.low.byteLength + seg.docs.byteLength;
}
