// The build-time index of the bundled seeds, as JSON (typed arrays in base64)
// and back. Pure: the build script encodes it, the service worker decodes it.
import type { SegmentData } from '../engine/segment';
import type { StoredSegment } from '../engine/segmented-index';

export interface SeedIndex {
  k: number;
  window: number;
  segment: StoredSegment;
  /** articles[doc] is the manifest id of reference number doc. */
  articles: string[];
  /** Spun forms each reference contains (needed to remove it from the index). */
  spun: Record<string, string[]>;
  /** SHA-256 of each seed file, as a pack would carry it. */
  sha256: Record<string, string>;
}

interface EncodedArray {
  bytes: 2 | 4;
  base64: string;
}

export interface SeedIndexAsset extends Omit<SeedIndex, 'segment'> {
  segment: { bucketBits: number; offsets: string; low: EncodedArray; docs: EncodedArray; docList: number[]; spun: Array<[string, number]> };
}

function toBase64(a: ArrayBufferView): string {
  const bytes = new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
}

function fromBase64(s: string): ArrayBuffer {
  const bin = atob(s);
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  return bytes.buffer;
}

const enc = (a: Uint16Array | Uint32Array): EncodedArray => ({ bytes: a.BYTES_PER_ELEMENT as 2 | 4, base64: toBase64(a) });
const dec = (e: EncodedArray): Uint16Array | Uint32Array => (e.bytes === 2 ? new Uint16Array(fromBase64(e.base64)) : new Uint32Array(fromBase64(e.base64)));

export function encodeSeedIndex(ix: SeedIndex): SeedIndexAsset {
  const d = ix.segment.data;
  return {
    ...ix,
    segment: { bucketBits: d.bucketBits, offsets: toBase64(d.offsets), low: enc(d.low), docs: enc(d.docs), docList: ix.segment.docs, spun: ix.segment.spun },
  };
}

export function decodeSeedIndex(a: SeedIndexAsset): SeedIndex {
  const data: SegmentData = { bucketBits: a.segment.bucketBits, offsets: new Uint32Array(fromBase64(a.segment.offsets)), low: dec(a.segment.low), docs: dec(a.segment.docs) };
  return { ...a, segment: { data, docs: a.segment.docList, spun: a.segment.spun } };
}
