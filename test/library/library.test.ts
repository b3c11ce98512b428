import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { loadCorpus } from '../../lib/corpus/node';
import type { SeedIndex } from '../../lib/corpus/seed-asset';
import { buildIndex, verify } from '../../lib/engine';
import { bundledLexicon } from '../../lib/engine/lexicon';
import { referencesOf } from '../../lib/engine/library-verify';
import { defaultOptions } from '../../lib/engine/options';
import { SegmentedIndex, storedSegmentOf } from '../../lib/engine/segmented-index';
import type { CorpusSource } from '../../lib/engine/types';
import { openLibraryDb, StorageFullError } from '../../lib/library/db';
import { COMPACT_AFTER, Library } from '../../lib/library/library';
import { corpusPack, createPack, readPack, serializePack } from '../../lib/pack';
import { genreCorpus, syntheticCorpus } from '../bench/synth';
import { official, spin as spinText } from './fixtures';

const all = loadCorpus();
const F003 = '003_a7f0dd59911b8b69.txt';
const ID003 = 'peoples-daily-2020-02-03-psc';
const page002 = all.files['002_4ec4b0ae00f95d62.txt']!;
const text003 = all.files[F003]!;
/** The bundled corpus without 003: the reader captures 003 themselves. */
const bundled: CorpusSource = { entries: all.entries.filter((e) => e.id !== ID003), files: Object.fromEntries(Object.entries(all.files).filter(([f]) => f !== F003)) };

function seedIndexOf(corpus: CorpusSource): SeedIndex {
  const index = new SegmentedIndex(bundledLexicon(), defaultOptions.k, defaultOptions.window);
  const refs = referencesOf(corpus, index);
  return { k: index.k, window: index.window, segment: storedSegmentOf(refs.map((r) => r.record)), articles: refs.map((r) => r.entry.id), spun: {}, sha256: {} };
}
const seeds = { index: seedIndexOf(bundled), corpus: bundled };

let dbCount = 0;
async function freshLibrary(): Promise<Library> {
  return Library.open(await openLibraryDb(`test-library-${dbCount++}-${Math.random()}`), seeds);
}

const capture003 = { text: text003, headline: '中共中央政治局常务委员会召开会议', publisher: '人民日报', date: '2020-02-03', source: { via: 'capture' as const, url: 'http://paper.people.com.cn/a.html', capturedAt: '2026-12-01T00:00:00.000Z' } };
const matchedIds = (r: { matches: Array<{ ref: { id: string } }> }) => r.matches.map((m) => m.ref.id);

describe('the reader library', () => {
  it('captures an original, flags a spun copy against it, and keeps it across a reopen', async () => {
    const lib = await freshLibrary();
    expect(matchedIds(await lib.verify(page002))).not.toContain(expect.stringContaining('capture'));
    const { outcome } = await lib.add(capture003);
    expect(outcome.kind).toBe('added');
    const id = outcome.kind === 'added' ? outcome.article.id : '';
    const report = await lib.verify(page002);
    expect(matchedIds(report)).toContain(id);
    // The same spin counts as against the bundled 003.
    const withBundled003 = verify(page002, buildIndex(all));
    expect(report.counts).toEqual(withBundled003.counts);

    const again = await Library.open(lib.db, seeds);
    expect(await again.verify(page002)).toEqual(report);
  });

  it('a pack of more than 500 articles is checked for near-duplicates by the engine too, not by SHA-256 alone', async () => {
    const lib = await freshLibrary();
    await lib.add(capture003);
    const genre = genreCorpus(bundled, 520);
    const entries = genre.entries.filter((e) => e.id.startsWith('genre-'));
    // 003 as another site carries it: another SHA-256, the same bulletin.
    const copy = `人民网 > 时政\n${text003}\n（责任编辑：某某）`;
    const start = copy.indexOf(text003);
    const files = { ...genre.files, 'copy-003.txt': copy };
    const withCopy = [...entries, { id: 'copy-003', file: 'copy-003.txt', start, end: start + text003.length, headline: '另一网站转载', publisher: '人民网', date: '2020-02-03', role: 'reference' as const }];
    expect(withCopy.length).toBeGreaterThan(500);
    const pack = await corpusPack({ title: 'large', creator: 'test', date: '2026-12-01' }, { entries: withCopy, files }, { via: 'pack', url: 'http://politics.people.com.cn/c.html' });
    const { result } = await lib.importPack(pack);
    expect(result).toEqual({ added: 520, duplicates: 1, withinPack: 0 });
    const held = (await lib.list()).find((a) => a.headline === capture003.headline)!;
    expect(held.sources.map((s) => s.url)).toContain('http://politics.people.com.cn/c.html');
  }, 120_000);

  it('the same bulletin twice in one pack (the same text, and a copy with one word changed) becomes one reference with every source', async () => {
    const lib = await freshLibrary();
    const article = (url: string, start: number, end: number) => ({ id: `a-${url.length}-${start}`, start, end, headline: '中共中央政治局常务委员会召开会议', publisher: '人民日报', date: '2020-02-03', role: 'reference' as const, sources: [{ via: 'pack' as const, url }] });
    // A near-duplicate: one word of about 2,000 characters changed, inside another site's page furniture.
    const edited = text003.replace('强调', '指出');
    expect(edited).not.toBe(text003);
    const framed = `人民网 > 时政\n${edited}\n（责任编辑：某某）`;
    const at = framed.indexOf(edited);
    const other = official;
    const pack = await createPack({ title: 'repeats', creator: 'test', date: '2026-12-01' }, [
      { id: 'people.txt', content: text003, articles: [article('http://paper.people.com.cn/a.html', 0, text003.length)] },
      { id: 'other.txt', content: other, articles: [{ ...article('http://example.gov.cn/other.html', 0, other.length), id: 'other', headline: '另一篇' }] },
      { id: 'xinhua.txt', content: text003, articles: [article('http://www.news.cn/b.html', 0, text003.length)] },
      { id: 'framed.txt', content: framed, articles: [article('http://politics.people.com.cn/c.html', at, at + edited.length)] },
    ]);
    const { result } = await lib.importPack(pack);
    expect(result).toEqual({ added: 2, duplicates: 2, withinPack: 2 });
    const held = (await lib.list()).filter((a) => a.headline === '中共中央政治局常务委员会召开会议');
    expect(held).toHaveLength(1);
    expect(held[0]!.sources.map((s) => s.url)).toEqual(['http://paper.people.com.cn/a.html', 'http://www.news.cn/b.html', 'http://politics.people.com.cn/c.html']);
    // A spun copy in the same pack is not a repeat: it is what Yuanwen flags.
    const genre = genreCorpus(bundled, 1, 5);
    const g = genre.files[genre.entries.find((e) => e.id.startsWith('genre-'))!.file]!;
    expect(spinText(g)).not.toBe(g);
    const spun = await createPack({ title: 'spun', creator: 'test', date: '2026-12-01' }, [
      { id: 'x.txt', content: g, articles: [{ ...article('http://x.example/1.html', 0, g.length), id: 'x', headline: '会议' }] },
      { id: 'y.txt', content: spinText(g), articles: [{ ...article('http://y.example/2.html', 0, spinText(g).length), id: 'y', headline: '会议转载' }] },
    ]);
    expect((await lib.importPack(spun)).result).toEqual({ added: 2, duplicates: 0, withinPack: 0 });
  }, 120_000);

  it('searches the full text of the articles, not only their metadata', async () => {
    const lib = await freshLibrary();
    const { outcome } = await lib.add(capture003);
    const id = outcome.kind === 'added' ? outcome.article.id : '';
    // A phrase of the body, in neither the headline nor the publisher.
    const phrase = text003.slice(400, 412);
    expect(capture003.headline).not.toContain(phrase);
    expect([...(await lib.searchText(phrase))]).toEqual([id]);
    expect([...(await lib.searchText('这句话不在任何原文里出现过'))]).toEqual([]);
    expect([...(await lib.searchText('   '))]).toEqual([]);
  });

  it('the same bulletin captured twice (from another site) becomes one reference with two sources', async () => {
    const lib = await freshLibrary();
    await lib.add(capture003);
    const elsewhere = { ...capture003, text: `人民网 > 时政\n${text003}\n（责任编辑：某某）`, source: { ...capture003.source, url: 'http://politics.people.com.cn/b.html' } };
    const { outcome } = await lib.add(elsewhere);
    expect(outcome).toMatchObject({ kind: 'duplicate', sourceAdded: true });
    const list = await lib.list();
    expect(list).toHaveLength(1);
    expect(list[0]!.sources.map((s) => s.url)).toEqual(['http://paper.people.com.cn/a.html', 'http://politics.people.com.cn/b.html']);
    // A spun copy is not a duplicate: it is what gets flagged.
    const spun = await lib.add({ ...capture003, text: page002, source: { via: 'capture', url: 'http://farm.example/x' } });
    expect(spun.outcome.kind).toBe('added');
    // A bundled bulletin is not stored again.
    const dup = await lib.add({ ...capture003, text: all.files['004_714d42e7a528be23.txt']!.slice(2, 1242) });
    expect(dup.outcome).toMatchObject({ kind: 'duplicate', of: { id: 'xinhua-2022-03-17-psc', bundled: true } });
  });

  it('deletes with undo, incrementally', async () => {
    const lib = await freshLibrary();
    const { outcome } = await lib.add(capture003);
    const id = outcome.kind === 'added' ? outcome.article.id : '';
    const before = await lib.verify(page002);
    const { removal } = await lib.remove([id]);
    expect(await lib.list()).toEqual([]);
    expect(matchedIds(await lib.verify(page002))).not.toContain(id);
    await lib.restore(removal);
    expect((await lib.list()).map((a) => a.id)).toEqual([id]);
    expect(await lib.verify(page002)).toEqual(before);
  });

  it('exports a pack, clears, re-imports: the same result; importing again adds nothing', async () => {
    const lib = await freshLibrary();
    await lib.add(capture003);
    const before = await lib.verify(page002);
    const json = serializePack(await lib.exportPack({ title: '导出', creator: 'test', date: '2026-12-01' }));
    await lib.clear();
    expect(matchedIds(await lib.verify(page002)).some((id) => id.startsWith('capture-'))).toBe(false);
    const read = await readPack(json);
    if (!read.ok) throw new Error('pack did not read back');
    const progress: number[] = [];
    const { result } = await lib.importPack(read.pack, (done) => progress.push(done));
    expect(result).toEqual({ added: 1, duplicates: 0, withinPack: 0 });
    expect(progress.at(-1)).toBe(1);
    expect(await lib.verify(page002)).toEqual(before);
    expect((await lib.importPack(read.pack)).result).toEqual({ added: 0, duplicates: 1, withinPack: 0 });
  });

  it('storage refused: a clear error, and nothing stored or indexed is lost', async () => {
    const lib = await freshLibrary();
    await lib.add(capture003);
    const listBefore = await lib.list();
    const before = await lib.verify(page002);
    const db = lib.db as unknown as { transaction: (...a: unknown[]) => unknown };
    const real = db.transaction.bind(db);
    db.transaction = (stores: unknown, mode?: unknown) => {
      if (mode === 'readwrite') throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      return real(stores, mode);
    };
    const other = { ...capture003, text: all.files['001_49b3bb082dad6287.txt']!.replace(/四川/g, '某省') + '新的一段文字，内容不同。'.repeat(50) };
    await expect(lib.add(other)).rejects.toBeInstanceOf(StorageFullError);
    await expect(lib.remove([listBefore[0]!.id])).rejects.toThrow(/storage is full or refused: nothing was saved/);
    db.transaction = real;
    expect(await lib.list()).toEqual(listBefore);
    expect(await lib.verify(page002)).toEqual(before);
  });

  it('compacts a large import into one stored segment and still gives the full index report', async () => {
    const lib = await freshLibrary();
    const synth = syntheticCorpus(all, COMPACT_AFTER + 20);
    const only: CorpusSource = { entries: synth.entries.filter((e) => e.id.startsWith('synthetic-')), files: synth.files };
    const pack = await corpusPack({ title: 'synthetic', creator: 'test', date: '2026-12-01' }, only, { via: 'pack' });
    const { change } = await lib.importPack(pack);
    expect(change.compacted).toBe(true);
    const reopened = await Library.open(lib.db, seeds);
    const full = buildIndex({ entries: [...bundled.entries, ...only.entries], files: { ...bundled.files, ...only.files } });
    const synthPage = only.files[only.entries[5]!.file]!;
    for (const page of [page002, synthPage]) expect(await reopened.verify(page)).toEqual(verify(page, full));
  });
});
