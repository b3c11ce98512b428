// How a compacted index segment is kept in IndexedDB: a small header record
// (which references it holds, their spun forms, the array shapes) and the
// segment's three typed arrays as one Blob.
//
// Why a Blob and not the typed arrays in the record: Chromium deserializes a
// record on the worker's own thread when its value is read (the success
// handler's `request.result`), about 120 ms for the 24 MB segment of 10,000
// references in test/bench/worker-cold.ts --profile, while the worker must
// also build the engine's tables. A Blob in a record is a handle; its bytes
// are read with blob.arrayBuffer() outside the worker's thread, and the arrays
// are views over that one buffer (no copy).
//
// Layout of the bytes: offsets (Uint32), then low (Uint16 or Uint32), padded
// to 4 bytes, then docs (Uint16 or Uint32).
import type { SegmentData } from '../engine/segment';
import type { StoredSegment } from '../engine/segmented-index';

/** Version 2 of the database keeps segments this way (version 1 kept the StoredSegment itself: see upgradeSegment). */
export interface SegmentRecord {
  key: string;
  layout: 'blob';
  docs: number[];
  spun: Array<[string, number]>;
  bucketBits: number;
  /** Entries of offsets (buckets + 1), of low, of docs (the same number). */
  offsetCount: number;
  entryCount: number;
  lowBytes: 2 | 4;
  docBytes: 2 | 4;
  bytes: Blob;
}

/** The record a version 1 database kept: the segment's arrays inside the record. */
export interface OldSegmentRecord {
  key: string;
  segment: StoredSegment;
}

const pad4 = (n: number) => (n + 3) & ~3;

/** The record for a segment (the Blob copies the arrays, so the segment may be changed afterwards). */
export function segmentRecord(key: string, seg: StoredSegment): SegmentRecord {
  const { offsets, low, docs, bucketBits } = seg.data;
  const lowBytes = low.BYTES_PER_ELEMENT as 2 | 4;
  const docBytes = docs.BYTES_PER_ELEMENT as 2 | 4;
  const padding = new Uint8Array(pad4(low.byteLength) - low.byteLength);
  return {
    key,
    layout: 'blob',
    docs: seg.docs,
    spun: seg.spun,
    bucketBits,
    offsetCount: offsets.length,
    entryCount: low.length,
    lowBytes,
    docBytes,
    bytes: new Blob([offsets, low, padding, docs] as BlobPart[]),
  };
}

/** Reads the segment's bytes (outside this thread) and gives it back as the index takes it. */
export async function loadSegment(rec: SegmentRecord): Promise<StoredSegment> {
  const buffer = await rec.bytes.arrayBuffer();
  const expected = rec.offsetCount * 4 + pad4(rec.entryCount * rec.lowBytes) + rec.entryCount * rec.docBytes;
  if (buffer.byteLength !== expected) throw new Error(`library: stored segment ${rec.key} has ${buffer.byteLength} bytes, expected ${expected}`);
  const offsets = new Uint32Array(buffer, 0, rec.offsetCount);
  const lowAt = rec.offsetCount * 4;
  const low = rec.lowBytes === 2 ? new Uint16Array(buffer, lowAt, rec.entryCount) : new Uint32Array(buffer, lowAt, rec.entryCount);
  const docsAt = lowAt + pad4(rec.entryCount * rec.lowBytes);
  const docs = rec.docBytes === 2 ? new Uint16Array(buffer, docsAt, rec.entryCount) : new Uint32Array(buffer, docsAt, rec.entryCount);
  const data: SegmentData = { bucketBits: rec.bucketBits, offsets, low, docs };
  return { data, docs: rec.docs, spun: rec.spun };
}

export function isOldSegmentRecord(v: unknown): v is OldSegmentRecord {
  return typeof v === 'object' && v !== null && 'segment' in v && !('layout' in v);
}

/** A version 1 record in the version 2 layout (done inside the upgrade transaction: synchronous, no other await). */
export function upgradeSegment(old: OldSegmentRecord): SegmentRecord {
  return segmentRecord(old.key, old.segment);
}
