// The reader's library in IndexedDB (through idb): texts, articles, each
// reference's fingerprints, and the compacted index segment. The same
// database is opened by the service worker (which verifies against it) and
// by the options page (which lists, imports and exports); every change of
// several records is one transaction, so it lands whole or not at all.
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { PackSource } from '../pack';
import { isOldSegmentRecord, upgradeSegment, type OldSegmentRecord, type SegmentRecord } from './segment-store';

export const LIBRARY_DB = 'yuanwen-library';
/**
 * 2: a segment's arrays are kept as a Blob beside a small header
 * (./segment-store.ts); a version 1 database is upgraded in place.
 */
const VERSION = 2;

/** Reference numbers below this belong to the bundled seeds (lib/corpus/seed-index.ts). */
export const FIRST_LIBRARY_DOC = 256;

export interface TextRecord {
  sha256: string;
  /** The name reports use for it (ArticleEntry.file): unique in the library. */
  file: string;
  content: string;
}

export interface ArticleRecord {
  id: string;
  /** Its number in the index; never reused. */
  doc: number;
  textSha: string;
  file: string;
  start: number;
  end: number;
  headline: string;
  publisher: string;
  date: string;
  role: 'reference' | 'specimen';
  note?: string;
  /** Where it was found: first the original capture or pack, then every copy found to be the same bulletin. */
  sources: PackSource[];
  /** ms since epoch */
  addedAt: number;
}

export interface PrintsRecord {
  doc: number;
  hashes: Uint32Array;
  spun: string[];
}

export interface IndexMeta {
  key: 'index';
  nextDoc: number;
  /** Is there a compacted segment (store 'segments', key 'library')? Kept apart
   *  from this record so that writing the record (every change) never copies it. */
  hasSegment: boolean;
  /** References of the segment removed since it was made (with their spun forms, which the segment counts). */
  tombstones: Array<{ doc: number; spun: string[] }>;
  /** Prints of references numbered from here on are not in the segment (the delta). */
  deltaFrom: number;
  /** k and window the fingerprints were made with. */
  k: number;
  window: number;
}

export interface LibrarySchema extends DBSchema {
  texts: { key: string; value: TextRecord; indexes: { file: string } };
  articles: { key: string; value: ArticleRecord; indexes: { doc: number; textSha: string } };
  prints: { key: number; value: PrintsRecord };
  meta: { key: string; value: IndexMeta };
  segments: { key: string; value: SegmentRecord };
}

export type LibraryDb = IDBPDatabase<LibrarySchema>;

export function openLibraryDb(name = LIBRARY_DB): Promise<LibraryDb> {
  return openDB<LibrarySchema>(name, VERSION, {
    async upgrade(db, oldVersion, _newVersion, tx) {
      if (oldVersion < 1) {
        db.createObjectStore('texts', { keyPath: 'sha256' }).createIndex('file', 'file', { unique: true });
        const articles = db.createObjectStore('articles', { keyPath: 'id' });
        articles.createIndex('doc', 'doc', { unique: true });
        articles.createIndex('textSha', 'textSha');
        db.createObjectStore('prints', { keyPath: 'doc' });
        db.createObjectStore('meta', { keyPath: 'key' });
        db.createObjectStore('segments', { keyPath: 'key' });
        return;
      }
      if (oldVersion < 2) {
        // Version 1 kept the segment's arrays in the record: rewrite each in the Blob layout,
        // in this versionchange transaction (it fails whole, leaving version 1 as it was).
        const store = tx.objectStore('segments');
        for (let c = await store.openCursor(); c; c = await c.continue()) {
          const v: unknown = c.value;
          if (isOldSegmentRecord(v)) await c.update(upgradeSegment(v as OldSegmentRecord));
        }
      }
    },
  });
}

/** Storage refused (quota exceeded, or the browser denied IndexedDB): nothing of the change was written. */
export class StorageFullError extends Error {
  constructor(cause: unknown) {
    super(`storage is full or refused: nothing was saved (${cause instanceof Error ? cause.message : String(cause)})`);
    this.name = 'StorageFullError';
  }
}

export function isQuotaError(e: unknown): boolean {
  const name = (e as { name?: unknown } | null)?.name;
  return name === 'QuotaExceededError' || (e instanceof Error && /quota/i.test(e.message));
}
