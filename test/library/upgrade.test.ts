// A library stored by version 1 of the database (the segment's typed arrays
// inside its record) is upgraded in place when version 2 opens it (the
// arrays as a Blob beside a header, lib/library/segment-store.ts): nothing is
// lost, and it verifies exactly as before.
import 'fake-indexeddb/auto';
import { unwrap } from 'idb';
import { describe, expect, it } from 'vitest';
import { loadCorpus } from '../../lib/corpus/node';
import type { SeedIndex } from '../../lib/corpus/seed-asset';
import { bundledLexicon } from '../../lib/engine/lexicon';
import { referencesOf } from '../../lib/engine/library-verify';
import { defaultOptions } from '../../lib/engine/options';
import { SegmentedIndex, storedSegmentOf } from '../../lib/engine/segmented-index';
import type { CorpusSource } from '../../lib/engine/types';
import { openLibraryDb } from '../../lib/library/db';
import { COMPACT_AFTER, Library } from '../../lib/library/library';
import { loadSegment, type SegmentRecord } from '../../lib/library/segment-store';
import { corpusPack } from '../../lib/pack';
import { genreCorpus } from '../bench/synth';

const all = loadCorpus();
const page002 = all.files['002_4ec4b0ae00f95d62.txt']!;
const F003 = '003_a7f0dd59911b8b69.txt';
const bundled: CorpusSource = { entries: all.entries.filter((e) => e.file !== F003), files: Object.fromEntries(Object.entries(all.files).filter(([f]) => f !== F003)) };

function seedIndexOf(corpus: CorpusSource): SeedIndex {
  const index = new SegmentedIndex(bundledLexicon(), defaultOptions.k, defaultOptions.window);
  const refs = referencesOf(corpus, index);
  return { k: index.k, window: index.window, segment: storedSegmentOf(refs.map((r) => r.record)), articles: refs.map((r) => r.entry.id), spun: {}, sha256: {} };
}
const seeds = { index: seedIndexOf(bundled), corpus: bundled };

const req = <T,>(r: IDBRequest<T>) => new Promise<T>((res, rej) => ((r.onsuccess = () => res(r.result)), (r.onerror = () => rej(r.error))));
const STORES = ['texts', 'articles', 'prints', 'meta', 'segments'] as const;

/** Every record of every store, by store. */
async function dump(db: IDBDatabase): Promise<Record<string, unknown[]>> {
  const tx = db.transaction([...STORES], 'readonly');
  const out: Record<string, unknown[]> = {};
  for (const s of STORES) out[s] = await req(tx.objectStore(s).getAll());
  return out;
}

/** A database in the version 1 layout (its schema and its segment record written as version 1 wrote them). */
/**
 * A frozen copy of the schema a version-1 build wrote, on raw IndexedDB: deliberately not shared with
 * lib/library/db.ts, whose upgrade from it this file tests (sharing would let both drift together).
 */
async function writeVersion1(name: string, records: Record<string, unknown[]>): Promise<void> {
  const open = indexedDB.open(name, 1);
  open.onupgradeneeded = () => {
    const db = open.result;
    db.createObjectStore('texts', { keyPath: 'sha256' }).createIndex('file', 'file', { unique: true });
    const articles = db.createObjectStore('articles', { keyPath: 'id' });
    articles.createIndex('doc', 'doc', { unique: true });
    articles.createIndex('textSha', 'textSha');
    db.createObjectStore('prints', { keyPath: 'doc' });
    db.createObjectStore('meta', { keyPath: 'key' });
    db.createObjectStore('segments', { keyPath: 'key' });
  };
  const db = await req(open);
  const tx = db.transaction([...STORES], 'readwrite');
  for (const s of STORES) for (const r of records[s]!) tx.objectStore(s).put(r);
  await new Promise((res, rej) => ((tx.oncomplete = res), (tx.onerror = () => rej(tx.error))));
  db.close();
}

describe('the library database, version 1 -> 2', () => {
  it('upgrades a version 1 library in place: every record kept, the segment as a Blob, the same reports', async () => {
    // A library of the current layout with a compacted segment and a delta, as the source of the records.
    const lib = await Library.open(await openLibraryDb(`upgrade-src-${Math.random()}`), seeds);
    const genre = genreCorpus(bundled, COMPACT_AFTER + 10);
    const entries = genre.entries.filter((e) => e.id.startsWith('genre-'));
    await lib.importPack(await corpusPack({ title: 'genre', creator: 'test', date: '2026-12-01' }, { entries, files: genre.files }, { via: 'pack' }));
    await lib.add({ text: all.files[F003]!, headline: '中共中央政治局常务委员会召开会议', publisher: '人民日报', date: '2020-02-03', source: { via: 'capture', url: 'http://paper.people.com.cn/a.html' } });
    const current = await dump(unwrap(lib.db));
    expect(current.segments).toHaveLength(1);
    expect(current.prints!.length).toBe(COMPACT_AFTER + 11); // the capture is in the delta
    const reportBefore = await lib.verify(page002);
    const segPage = genre.files[entries[3]!.file]!;
    const segReportBefore = await lib.verify(segPage);

    // The same records as version 1 kept them: the segment's arrays inside the record.
    const old = { ...current, segments: await Promise.all((current.segments as SegmentRecord[]).map(async (r) => ({ key: r.key, segment: await loadSegment(r) }))) };
    const name = `upgrade-old-${Math.random()}`;
    await writeVersion1(name, old);

    const upgraded = await openLibraryDb(name);
    expect(upgraded.version).toBe(2);
    const after = await dump(unwrap(upgraded));
    for (const s of ['texts', 'articles', 'prints', 'meta'] as const) expect(after[s]).toEqual(current[s]);
    const seg = after.segments![0] as SegmentRecord;
    expect(seg.layout).toBe('blob');
    expect(seg.bytes).toBeInstanceOf(Blob);
    expect(await loadSegment(seg)).toEqual(old.segments[0]!.segment);

    const reopened = await Library.open(upgraded, seeds);
    expect(reopened.size).toBe(lib.size);
    expect(await reopened.verify(page002)).toEqual(reportBefore);
    expect(await reopened.verify(segPage)).toEqual(segReportBefore);
    expect(segReportBefore.matches.length).toBeGreaterThan(0);
  }, 120_000);

  it('a stored segment whose bytes are cut short is refused with a clear error, not read wrong', async () => {
    const lib = await Library.open(await openLibraryDb(`upgrade-cut-${Math.random()}`), seeds);
    const genre = genreCorpus(bundled, COMPACT_AFTER);
    await lib.importPack(await corpusPack({ title: 'genre', creator: 'test', date: '2026-12-01' }, { entries: genre.entries.filter((e) => e.id.startsWith('genre-')), files: genre.files }, { via: 'pack' }));
    const rec = (await lib.db.get('segments', 'library'))!;
    await lib.db.put('segments', { ...rec, bytes: rec.bytes.slice(0, rec.bytes.size - 2) });
    await expect(Library.open(lib.db, seeds)).rejects.toThrow(/stored segment library has \d+ bytes, expected \d+/);
  }, 120_000);
});
