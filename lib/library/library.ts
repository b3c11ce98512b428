// The corpus a reader verifies against: the bundled seeds (index built at
// build time) plus the reader's own library (IndexedDB), behind one
// SegmentedIndex. No DOM and no extension API: the service worker, the
// options page and the tests (over fake-indexeddb) use the same class.
//
// Every change is one IndexedDB transaction, and the in-memory index is
// changed only after that transaction has committed: a refused write (storage
// full) leaves both the stored library and the index as they were.
import { bundledLexicon, type Lexicon } from '../engine/lexicon';
import { ReferenceCache, verifyAgainst, type LibraryVerification, type LoadedReference } from '../engine/library-verify';
import { fingerprintArticle, stockPhraseKeys, type ArticlePrints } from '../engine/corpus-index';
import { nearDuplicate } from '../engine/near-duplicate';
import { resolveOptions, type EngineOptions, type Sensitivity } from '../engine/options';
import { SegmentedIndex, storedSegmentOf, type StoredSegment } from '../engine/segmented-index';
import type { Pause } from '../engine/slices';
import type { ArticleEntry, CorpusSource, Report } from '../engine/types';
import type { SeedIndex } from '../corpus/seed-asset';
import { articleEntry, createPack, sha256Hex, type Pack, type PackManifest, type PackSource } from '../pack';
import { loadSegment, segmentRecord } from './segment-store';
import { FIRST_LIBRARY_DOC, StorageFullError, isQuotaError, type ArticleRecord, type IndexMeta, type LibraryDb, type PrintsRecord, type TextRecord } from './db';

/** Fold the delta into the stored segment once it holds this many references. */
export const COMPACT_AFTER = 256;

/** A text the reader (or a trusted page) offers as an original. */
export interface Draft {
  text: string;
  headline: string;
  publisher: string;
  date: string;
  source: PackSource;
  /** The article's range in text; default: all of it but outer whitespace. */
  start?: number;
  end?: number;
}

export interface ReferenceSummary {
  id: string;
  headline: string;
  publisher: string;
  date: string;
  bundled: boolean;
}

export type AddOutcome =
  | { kind: 'added'; article: ArticleRecord }
  /** The same bulletin is already there: the new address was added to its sources (unless it was known). */
  | { kind: 'duplicate'; of: ReferenceSummary; sourceAdded: boolean };

export interface ImportResult {
  added: number;
  /** Articles already in the library (same text, or the same bulletin found by the engine). */
  duplicates: number;
  /** Articles that repeat another article of the same pack (the same text, or the same bulletin): each became a source of the first. */
  withinPack: number;
}

/** What changed, for another context holding the same library to follow. */
export interface LibraryChange {
  added: number[];
  removed: Array<{ doc: number; spun: string[] }>;
  /** The stored segment was rewritten: reload rather than follow. */
  compacted: boolean;
}

/** Removed articles with their texts, enough to undo the removal. */
export interface Removal {
  articles: ArticleRecord[];
  texts: TextRecord[];
  prints: PrintsRecord[];
}

export type ImportProgress = (done: number, total: number) => void;

export class Library {
  private index!: SegmentedIndex;
  private cache!: ReferenceCache;
  private meta!: IndexMeta;
  /** The stock phrases' key forms, for fingerprinting what is added (made when first needed: not on the worker's wake path). */
  private stockKeysMade: string[] | undefined;
  private readonly bundledByDoc = new Map<number, ArticleEntry>();
  private readonly bundledById = new Map<string, ArticleEntry>();

  private constructor(
    readonly db: LibraryDb,
    private readonly seeds: { index: SeedIndex; corpus: CorpusSource },
    private readonly lexicon: Lexicon,
  ) {
    const byId = new Map(seeds.corpus.entries.map((e) => [e.id, e]));
    seeds.index.articles.forEach((id, doc) => {
      const e = byId.get(id);
      if (!e) throw new Error(`seed index: article ${id} is not in the bundled manifest`);
      this.bundledByDoc.set(doc, e);
      this.bundledById.set(id, e);
    });
    if (seeds.index.articles.length >= FIRST_LIBRARY_DOC) throw new Error('seed index: too many bundled references');
  }

  /**
   * Opens the library on `db`. With `warmUp`, while IndexedDB reads the stored
   * index (outside this thread), that text is verified against the bundled
   * seeds in slices: it builds the engine's lazy tables (opencc's, the word
   * segmenter, the name patterns), compiles its code and fingerprints the seeds
   * it meets into the reference cache, work the first page would otherwise
   * wait for; between two slices the reads' callbacks run.
   */
  static async open(db: LibraryDb, seeds: { index: SeedIndex; corpus: CorpusSource }, options: { lexicon?: Lexicon; warmUp?: WarmUp } = {}): Promise<Library> {
    // The stored index is requested before anything is built: the read runs outside this thread meanwhile.
    const reading = readStored(db, seeds.index);
    const lib = new Library(db, seeds, options.lexicon ?? bundledLexicon());
    const { index, cache } = lib.seedsOnly();
    if (options.warmUp) {
      lib.index = index;
      lib.cache = cache;
      lib.meta = emptyMeta(seeds.index);
      // The warm-up ends at its next pause once the stored index is read: the page waiting for it goes first.
      let read = false;
      void reading.finally(() => (read = true)).catch(() => undefined);
      const { text, pause } = options.warmUp;
      const pauseUntilRead = async () => {
        await pause();
        if (read) throw new WarmUpOver();
      };
      await lib.verify(text, { verifySliceMs: options.warmUp.sliceMs }, pauseUntilRead).then(
        () => performance.mark('yuanwen:warmed'),
        () => undefined, // over, or failed: a warm-up only saves time
      );
    }
    await lib.load(reading, { index, cache });
    return lib;
  }

  /** The bundled seeds' segment alone, with a reference cache (kept when the stored index joins it). */
  private seedsOnly(): { index: SegmentedIndex; cache: ReferenceCache } {
    const { k, window } = this.seeds.index;
    const index = new SegmentedIndex(this.lexicon, k, window);
    index.addSegment(this.seeds.index.segment);
    return { index, cache: new ReferenceCache(index) };
  }

  /**
   * (Re)reads the index from storage: the bundled segment, the stored segment,
   * the delta. `start` is a seeds-only index to complete (Library.open).
   */
  async load(reading: Promise<StoredIndex> = readStored(this.db, this.seeds.index), start = this.seedsOnly()): Promise<void> {
    const { k, window } = this.seeds.index;
    const { meta, stored, delta } = await reading;
    performance.mark('yuanwen:library-read');
    const { index, cache } = start;
    if (meta.k !== k || meta.window !== window) throw new Error(`library: stored index uses k=${meta.k}, window=${meta.window}; this build uses k=${k}, window=${window}`);
    if (stored) {
      index.addSegment(stored);
      for (const t of meta.tombstones) index.remove(t.doc, t.spun);
    }
    addDelta(index, delta);
    this.index = index;
    this.cache = cache;
    this.meta = meta;
  }

  /** References in the index (bundled and the reader's). */
  get size(): number {
    return this.index.size;
  }

  /** Bytes of the index's typed arrays in memory. */
  indexBytes(): number {
    return this.index.segmentBytes();
  }

  async verify(text: string, options?: Partial<EngineOptions> & { sensitivity?: Sensitivity }, pause?: Pause): Promise<Report> {
    return (await this.verifyCounted(text, options, pause)).report;
  }

  /** verify(), with how many references were worth loading and how many had to be read (benches). */
  verifyCounted(text: string, options?: Partial<EngineOptions> & { sensitivity?: Sensitivity }, pause?: Pause): Promise<LibraryVerification> {
    return verifyAgainst(text, this.index, this.cache, (docs) => this.loadReferences(docs), options, pause);
  }

  private async loadReferences(docs: readonly number[]): Promise<LoadedReference[]> {
    const out: LoadedReference[] = [];
    const mine = docs.filter((d) => d >= FIRST_LIBRARY_DOC);
    for (const d of docs) {
      const e = this.bundledByDoc.get(d);
      if (e) out.push({ doc: d, entry: e, fileText: this.seeds.corpus.files[e.file]! });
    }
    if (mine.length === 0) return out;
    const tx = this.db.transaction(['articles', 'texts'], 'readonly');
    const byDoc = tx.objectStore('articles').index('doc');
    const texts = tx.objectStore('texts');
    await Promise.all(
      mine.map(async (d) => {
        const a = await byDoc.get(d);
        const t = a && (await texts.get(a.textSha));
        if (a && t) out.push({ doc: d, entry: entryOf(a), fileText: t.content });
      }),
    );
    await tx.done;
    return out;
  }

  // ------------------------------------------------------------ reading

  async list(): Promise<ArticleRecord[]> {
    const all = await this.db.getAll('articles');
    return all.sort((a, b) => b.addedAt - a.addedAt);
  }

  async get(id: string): Promise<{ article: ArticleRecord; text: string } | undefined> {
    const article = await this.db.get('articles', id);
    const text = article && (await this.db.get('texts', article.textSha));
    return article && text ? { article, text: text.content } : undefined;
  }

  /**
   * The articles whose full text contains `query` (case-insensitive), one
   * pass over the stored texts with a cursor (a text is read once, not kept).
   */
  async searchText(query: string): Promise<Set<string>> {
    const q = query.trim().toLowerCase();
    const hits = new Set<string>();
    if (!q) return hits;
    const tx = this.db.transaction(['texts', 'articles'], 'readonly');
    const byText = tx.objectStore('articles').index('textSha');
    for (let c = await tx.objectStore('texts').openCursor(); c; c = await c.continue()) {
      const content = c.value.content.toLowerCase();
      if (!content.includes(q)) continue;
      for (const a of await byText.getAll(c.value.sha256)) if (content.slice(a.start, a.end).includes(q)) hits.add(a.id);
    }
    await tx.done;
    return hits;
  }

  /** How the bundled and library references are named in reports. */
  describe(id: string): ReferenceSummary | undefined {
    const e = this.bundledById.get(id);
    return e ? { id, headline: e.headline, publisher: e.publisher, date: e.date, bundled: true } : undefined;
  }

  // ------------------------------------------------------------ adding

  /** Saves one captured or dropped text, or records it as another source of the bulletin it repeats. */
  async add(draft: Draft): Promise<{ outcome: AddOutcome; change: LibraryChange }> {
    const text = draft.text;
    const start = draft.start ?? text.search(/\S/);
    const end = draft.end ?? text.trimEnd().length;
    if (start < 0 || end <= start) throw new Error('the text is empty');
    const article = text.slice(start, end);
    const dup = await this.findDuplicate(article);
    if (dup) {
      const sourceAdded = dup.bundled ? false : await this.addSource(dup.id, draft.source);
      return { outcome: { kind: 'duplicate', of: dup, sourceAdded }, change: { added: [], removed: [], compacted: false } };
    }
    const sha = await sha256Hex(text);
    const { added, change } = await this.write([{ sha, file: `capture-${sha.slice(0, 12)}.txt`, content: text, articles: [{ id: `capture-${sha.slice(0, 12)}-${start}`, start, end, headline: draft.headline, publisher: draft.publisher, date: draft.date, role: 'reference', sources: [draft.source] }] }]);
    return { outcome: { kind: 'added', article: added[0]! }, change };
  }

  /** Fingerprints memoized by article text for the write that follows a duplicate check. */
  private readonly lastPrints = new Map<string, ArticlePrints>();

  /** During an import: every article's fingerprints, made once for the duplicate check and the write. */
  private importPrints: Map<string, ArticlePrints> | undefined;

  private printsOf(articleText: string): ArticlePrints {
    const known = this.importPrints?.get(articleText) ?? this.lastPrints.get(articleText);
    if (known) return known;
    this.stockKeysMade ??= stockPhraseKeys(this.lexicon);
    const prints = fingerprintArticle(articleText, this.lexicon, this.stockKeysMade, resolveOptions({ k: this.index.k, window: this.index.window }));
    if (this.importPrints) this.importPrints.set(articleText, prints);
    else {
      this.lastPrints.clear();
      this.lastPrints.set(articleText, prints);
    }
    return prints;
  }

  private async findDuplicate(articleText: string): Promise<ReferenceSummary | undefined> {
    const opts = resolveOptions({ k: this.index.k, window: this.index.window });
    const prints = this.printsOf(articleText);
    // Most new articles share few fingerprints with any reference: no verification needed.
    if (this.index.referencesSharing(prints.hashes, opts.nearDuplicatePrefilterShare, opts.maxRefsPerFingerprint).length === 0) return undefined;
    const report = await this.verify(articleText);
    const lengths = new Map<string, number>();
    for (const m of report.matches) {
      const b = this.bundledById.get(m.ref.id);
      if (b) lengths.set(m.ref.id, b.end - b.start);
      else {
        const a = await this.db.get('articles', m.ref.id);
        if (a) lengths.set(a.id, a.end - a.start);
      }
    }
    const verdict = nearDuplicate(report, articleText.length, (id) => lengths.get(id));
    if (verdict.kind === 'new') return undefined;
    const m = verdict.match.ref;
    return { id: m.id, headline: m.headline, publisher: m.publisher, date: m.date, bundled: this.bundledById.has(m.id) };
  }

  private async addSource(id: string, source: PackSource): Promise<boolean> {
    try {
      const tx = this.db.transaction('articles', 'readwrite');
      const a = await tx.store.get(id);
      let added = false;
      if (a && !a.sources.some((s) => s.url !== undefined && s.url === source.url)) {
        a.sources.push(source);
        await tx.store.put(a);
        added = true;
      }
      await tx.done;
      return added;
    } catch (e) {
      throw isQuotaError(e) ? new StorageFullError(e) : e;
    }
  }

  /** Imports a validated pack: only what the library does not hold yet, all in one transaction. */
  async importPack(pack: Pack, progress?: ImportProgress): Promise<{ result: ImportResult; change: LibraryChange }> {
    this.importPrints = new Map();
    try {
      return await this.importWhole(pack, progress);
    } finally {
      this.importPrints = undefined;
    }
  }

  /**
   * Every reference of the pack is checked for a near-duplicate in the
   * library, at any pack size: the index's prefilter (referencesSharing) lets
   * through only articles sharing half their fingerprints with a reference, so
   * an ordinary new article costs its fingerprints (needed for the write
   * anyway) and one pass over their postings, and no verification.
   */
  private async importWhole(pack: Pack, progress?: ImportProgress): Promise<{ result: ImportResult; change: LibraryChange }> {
    const total = pack.texts.reduce((n, t) => n + t.articles.length, 0);
    const known = new Set((await this.db.getAllKeys('texts')) as string[]);
    const pending: PendingText[] = [];
    const inPack = new PackDuplicates(this.lexicon, this.index.k, this.index.window);
    const packTexts = new Map<string, PendingText>();
    let duplicates = 0;
    let withinPack = 0;
    let done = 0;
    for (const t of pack.texts) {
      if (known.has(t.sha256)) {
        duplicates += t.articles.length;
        done += t.articles.length;
        progress?.(done, total);
        continue;
      }
      // The same text twice in the pack: its articles join the first's (each then a repeat of one there, or new).
      const earlier = packTexts.get(t.sha256);
      const text: PendingText = earlier ?? { sha: t.sha256, file: t.id, content: t.content, articles: [] };
      const articles = text.articles;
      for (const a of t.articles) {
        const sources = a.sources?.length ? a.sources : [{ via: 'pack' as const, capturedAt: new Date().toISOString() }];
        const articleText = t.content.slice(a.start, a.end);
        const dup = a.role === 'reference' ? await this.findDuplicate(articleText) : undefined;
        // The same bulletin earlier in this pack: one reference, with this article's sources too.
        const repeats = dup || a.role !== 'reference' ? undefined : await inPack.find(articleText, this.printsOf(articleText));
        if (dup) {
          duplicates++;
          if (!dup.bundled) for (const s of a.sources ?? [{ via: 'pack' as const }]) await this.addSource(dup.id, s);
        } else if (repeats) {
          duplicates++;
          withinPack++;
          for (const s of sources) if (!repeats.sources!.some((h) => sameSource(h, s))) repeats.sources!.push(s);
        } else {
          const article = { ...a, sources };
          articles.push(article);
          if (a.role === 'reference') inPack.add(article, articleText, this.printsOf(articleText));
        }
        progress?.(++done, total);
      }
      if (!earlier) {
        packTexts.set(t.sha256, text);
        pending.push(text);
      }
    }
    const { added, change } = await this.write(pending.filter((p) => p.articles.length > 0));
    return { result: { added: added.length, duplicates, withinPack }, change };
  }

  /**
   * Writes texts and their articles in one transaction, then adds them to the
   * index; compacts the index into the stored segment when the delta is large.
   */
  private async write(pending: PendingText[]): Promise<{ added: ArticleRecord[]; change: LibraryChange }> {
    if (pending.length === 0) return { added: [], change: { added: [], removed: [], compacted: false } };
    const added: ArticleRecord[] = [];
    const prints: PrintsRecord[] = [];
    try {
      const tx = this.db.transaction(['texts', 'articles', 'prints', 'meta'], 'readwrite');
      const meta = (await tx.objectStore('meta').get('index')) ?? this.meta;
      let nextDoc = meta.nextDoc;
      const now = Date.now();
      for (const p of pending) {
        const file = await uniqueFile(tx.objectStore('texts').index('file'), p.file, p.sha);
        await tx.objectStore('texts').put({ sha256: p.sha, file, content: p.content });
        for (const a of p.articles) {
          const id = await uniqueId(tx.objectStore('articles'), a.id, p.sha, this.bundledById);
          const rec: ArticleRecord = { id, doc: nextDoc++, textSha: p.sha, file, start: a.start, end: a.end, headline: a.headline, publisher: a.publisher, date: a.date, role: a.role, sources: a.sources ?? [], addedAt: now };
          if (a.note !== undefined) rec.note = a.note;
          await tx.objectStore('articles').put(rec);
          added.push(rec);
          if (rec.role === 'reference') {
            const f = this.printsOf(p.content.slice(a.start, a.end));
            const pr = { doc: rec.doc, hashes: f.hashes, spun: f.spun };
            await tx.objectStore('prints').put(pr);
            prints.push(pr);
          }
        }
      }
      const next: IndexMeta = { ...meta, nextDoc };
      await tx.objectStore('meta').put(next);
      await tx.done;
      this.meta = next;
    } catch (e) {
      throw isQuotaError(e) ? new StorageFullError(e) : e;
    }
    // A large import goes in as one frozen segment (a delta Map of a million
    // fingerprints would be slow and, past 16M, refused by V8), then is compacted.
    if (prints.length >= COMPACT_AFTER) this.index.addSegment(storedSegmentOf(prints));
    else for (const p of prints) this.index.add(p);
    const compacted = prints.length >= COMPACT_AFTER || this.index.deltaSize >= COMPACT_AFTER ? await this.compact() : false;
    return { added, change: { added: prints.map((p) => p.doc), removed: [], compacted } };
  }

  /** Folds the delta into one stored segment. Refused storage leaves the old segment and the delta in place. */
  private async compact(): Promise<boolean> {
    const before = this.index;
    // Compacting a copy keeps the live index as it was if the write fails.
    const copy = new SegmentedIndex(this.lexicon, before.k, before.window);
    const tx0 = this.db.transaction(['meta', 'prints', 'segments'], 'readonly');
    const meta = (await tx0.objectStore('meta').get('index')) ?? this.meta;
    const stored = meta.hasSegment ? await tx0.objectStore('segments').get(LIBRARY_SEGMENT) : undefined;
    const delta = await tx0.objectStore('prints').getAll(IDBKeyRange.lowerBound(meta.deltaFrom));
    await tx0.done;
    if (stored) {
      copy.addSegment(await loadSegment(stored));
      for (const t of meta.tombstones) copy.remove(t.doc, t.spun);
    }
    addDelta(copy, delta);
    const segment = copy.compact();
    const next: IndexMeta = { ...meta, hasSegment: true, tombstones: [], deltaFrom: meta.nextDoc };
    try {
      const tx = this.db.transaction(['meta', 'segments'], 'readwrite');
      await tx.objectStore('segments').put(segmentRecord(LIBRARY_SEGMENT, segment));
      await tx.objectStore('meta').put(next);
      await tx.done;
    } catch (e) {
      if (isQuotaError(e)) return false; // the delta stays; compaction is tried again later
      throw e;
    }
    this.meta = next;
    await this.load();
    return true;
  }

  // ------------------------------------------------------------ removing

  async remove(ids: readonly string[]): Promise<{ removal: Removal; change: LibraryChange }> {
    const removal: Removal = { articles: [], texts: [], prints: [] };
    try {
      const tx = this.db.transaction(['texts', 'articles', 'prints', 'meta'], 'readwrite');
      const meta = (await tx.objectStore('meta').get('index')) ?? this.meta;
      const tombstones = [...(meta.tombstones)];
      for (const id of ids) {
        const a = await tx.objectStore('articles').get(id);
        if (!a) continue;
        removal.articles.push(a);
        await tx.objectStore('articles').delete(id);
        const p = await tx.objectStore('prints').get(a.doc);
        if (p) {
          removal.prints.push(p);
          await tx.objectStore('prints').delete(a.doc);
          if (a.doc < meta.deltaFrom && meta.hasSegment) tombstones.push({ doc: a.doc, spun: p.spun });
        }
        const others = await tx.objectStore('articles').index('textSha').count(a.textSha);
        if (others === 0) {
          const t = await tx.objectStore('texts').get(a.textSha);
          if (t) removal.texts.push(t);
          await tx.objectStore('texts').delete(a.textSha);
        }
      }
      const next = { ...meta, tombstones };
      await tx.objectStore('meta').put(next);
      await tx.done;
      this.meta = next;
    } catch (e) {
      throw isQuotaError(e) ? new StorageFullError(e) : e;
    }
    for (const p of removal.prints) {
      this.index.remove(p.doc, p.spun);
      this.cache.forget(p.doc);
    }
    return { removal, change: { added: [], removed: removal.prints.map((p) => ({ doc: p.doc, spun: p.spun })), compacted: false } };
  }

  /** Undoes a removal: the articles come back (under new reference numbers). */
  async restore(removal: Removal): Promise<LibraryChange> {
    const texts = new Map(removal.texts.map((t) => [t.sha256, t]));
    const pending = new Map<string, PendingText>();
    for (const a of removal.articles) {
      const t = texts.get(a.textSha) ?? (await this.db.get('texts', a.textSha));
      if (!t) continue;
      const p = pending.get(a.textSha) ?? { sha: a.textSha, file: t.file, content: t.content, articles: [] };
      p.articles.push({ id: a.id, start: a.start, end: a.end, headline: a.headline, publisher: a.publisher, date: a.date, role: a.role, note: a.note, sources: a.sources });
      pending.set(a.textSha, p);
    }
    return (await this.write([...pending.values()])).change;
  }

  /** Changes to the reader's corrections of an article's metadata. */
  async update(id: string, fields: Partial<Pick<ArticleRecord, 'headline' | 'publisher' | 'date'>>): Promise<ArticleRecord | undefined> {
    try {
      const tx = this.db.transaction('articles', 'readwrite');
      const a = await tx.store.get(id);
      if (a) await tx.store.put(Object.assign(a, fields));
      await tx.done;
      for (const d of a ? [a.doc] : []) this.cache.forget(d);
      return a;
    } catch (e) {
      throw isQuotaError(e) ? new StorageFullError(e) : e;
    }
  }

  /** Follows a change made by another context on the same database, without a rebuild. */
  async follow(change: LibraryChange): Promise<void> {
    if (change.compacted) return this.load();
    for (const r of change.removed) {
      this.index.remove(r.doc, r.spun);
      this.cache.forget(r.doc);
    }
    if (change.added.length > 0) {
      const tx = this.db.transaction('prints', 'readonly');
      const got = await Promise.all(change.added.map((d) => tx.store.get(d)));
      await tx.done;
      for (const p of got) if (p && !this.index.has(p.doc)) this.index.add(p);
    }
    const meta = await this.db.get('meta', 'index');
    if (meta) this.meta = meta;
  }

  /** Removes everything the reader added. */
  async clear(): Promise<LibraryChange> {
    const tx = this.db.transaction(['texts', 'articles', 'prints', 'meta', 'segments'], 'readwrite');
    await Promise.all([tx.objectStore('texts').clear(), tx.objectStore('articles').clear(), tx.objectStore('prints').clear(), tx.objectStore('segments').clear()]);
    await tx.objectStore('meta').put({ ...this.meta, hasSegment: false, tombstones: [], deltaFrom: this.meta.nextDoc });
    await tx.done;
    await this.load();
    return { added: [], removed: [], compacted: true };
  }

  // ------------------------------------------------------------ exporting

  /** The library (or the given articles) as a pack. */
  async exportPack(manifest: PackManifest, ids?: readonly string[]): Promise<Pack> {
    const articles = ids ? (await Promise.all(ids.map((id) => this.db.get('articles', id)))).filter((a): a is ArticleRecord => a !== undefined) : await this.db.getAll('articles');
    const byText = new Map<string, ArticleRecord[]>();
    for (const a of articles.sort((x, y) => x.doc - y.doc)) byText.set(a.textSha, [...(byText.get(a.textSha) ?? []), a]);
    const texts = [];
    for (const [sha, list] of byText) {
      const t = await this.db.get('texts', sha);
      if (!t) continue;
      texts.push({
        id: t.file,
        content: t.content,
        articles: list.map((a) => {
          const out = { id: a.id, start: a.start, end: a.end, headline: a.headline, publisher: a.publisher, date: a.date, role: a.role, sources: a.sources } as Pack['texts'][number]['articles'][number];
          if (a.note !== undefined) out.note = a.note;
          return out;
        }),
      });
    }
    return createPack(manifest, texts);
  }
}

/** The key of the library's compacted segment in the store 'segments'. */
const LIBRARY_SEGMENT = 'library';

interface StoredIndex {
  meta: IndexMeta;
  stored: StoredSegment | undefined;
  delta: PrintsRecord[];
}

/**
 * The stored segment, the delta and the meta record: the records in one read
 * transaction (the segment's header is small), then the segment's bytes.
 */
async function readStored(db: LibraryDb, seeds: { k: number; window: number }): Promise<StoredIndex> {
  const tx = db.transaction(['meta', 'prints', 'segments'], 'readonly');
  // The meta record and the segment's header at once (the header is small; a cleared library has none):
  // each round trip waits for this thread, which is busy warming up.
  const [got, found] = await Promise.all([tx.objectStore('meta').get('index'), tx.objectStore('segments').get(LIBRARY_SEGMENT)]);
  const meta: IndexMeta = got ?? emptyMeta(seeds);
  const header = meta.hasSegment ? found : undefined;
  if (meta.hasSegment && !header) throw new Error('library: the stored index segment is missing');
  // The segment's bytes are read outside the transaction's stores, beside the delta.
  const bytes = header ? loadSegment(header) : undefined;
  bytes?.catch(() => undefined); // awaited below: its failure is reported there, not as unhandled meanwhile
  const delta = await tx.objectStore('prints').getAll(IDBKeyRange.lowerBound(meta.deltaFrom));
  await tx.done;
  return { meta, stored: await bytes, delta };
}

/** Two records of where an article was found are the same place (same address, or the same record). */
function sameSource(a: PackSource, b: PackSource): boolean {
  return a.url !== undefined || b.url !== undefined ? a.url === b.url : JSON.stringify(a) === JSON.stringify(b);
}

/**
 * The reference articles of a pack being imported, in an index of their own
 * (they are written to the library only when the whole pack is read), so an
 * article repeating one before it in the same pack is found by the same test
 * as one repeating a stored reference: the engine's report of it against
 * them, judged by nearDuplicate.
 */
class PackDuplicates {
  private readonly index: SegmentedIndex;
  private readonly cache: ReferenceCache;
  private readonly held: Array<{ article: Pack['texts'][number]['articles'][number]; text: string }> = [];

  constructor(lexicon: Lexicon, k: number, window: number) {
    this.index = new SegmentedIndex(lexicon, k, window);
    this.cache = new ReferenceCache(this.index);
  }

  add(article: Pack['texts'][number]['articles'][number], text: string, prints: ArticlePrints): void {
    this.index.add({ doc: this.held.length, hashes: prints.hashes, spun: prints.spun });
    this.held.push({ article, text });
    // The delta is a Map of fingerprints (slow past a few million, refused by V8 past 16M): fold it into one
    // segment when it has grown by a quarter, so a pack of n articles costs O(n) amortized folds, not n.
    if (this.index.deltaSize >= Math.max(COMPACT_AFTER, this.held.length / 4)) this.index.compact();
  }

  /** The earlier article of the pack this one is the same bulletin as, if any. */
  async find(text: string, prints: ArticlePrints): Promise<Pack['texts'][number]['articles'][number] | undefined> {
    if (this.held.length === 0) return undefined;
    const opts = resolveOptions({ k: this.index.k, window: this.index.window });
    if (this.index.referencesSharing(prints.hashes, opts.nearDuplicatePrefilterShare, opts.maxRefsPerFingerprint).length === 0) return undefined;
    // Each held article as a reference of its own text (ids are their places in the pack).
    const load = async (docs: readonly number[]): Promise<LoadedReference[]> =>
      docs.map((doc) => {
        const h = this.held[doc]!;
        return { doc, entry: { ...articleEntry(`pack-${doc}`, { ...h.article, start: 0, end: h.text.length }), id: `pack-${doc}` }, fileText: h.text };
      });
    const { report } = await verifyAgainst(text, this.index, this.cache, load);
    const verdict = nearDuplicate(report, text.length, (id) => this.held[Number(id.slice(5))]?.text.length);
    return verdict.kind === 'duplicate' ? this.held[Number(verdict.of.slice(5))]!.article : undefined;
  }
}

/** The index record of a library nothing was added to yet. */
function emptyMeta(seeds: { k: number; window: number }): IndexMeta {
  return { key: 'index', nextDoc: FIRST_LIBRARY_DOC, hasSegment: false, tombstones: [], deltaFrom: FIRST_LIBRARY_DOC, k: seeds.k, window: seeds.window };
}

class WarmUpOver extends Error {}

/** A text verified while the stored index is read (Library.open), with the pause between two slices. */
export interface WarmUp {
  text: string;
  pause: Pause;
  /** Slices of the warm-up: short, so that each read's callback waits little for the thread. */
  sliceMs: number;
}

interface PendingText {
  sha: string;
  file: string;
  content: string;
  articles: Array<Pack['texts'][number]['articles'][number]>;
}

/** The references stored since the last compaction: one by one when few, as one frozen segment when many. */
function addDelta(index: SegmentedIndex, delta: readonly PrintsRecord[]): void {
  if (delta.length >= COMPACT_AFTER) index.addSegment(storedSegmentOf(delta));
  else for (const p of delta) index.add(p);
}

export function entryOf(a: ArticleRecord): ArticleEntry {
  return articleEntry(a.file, a);
}

/** A file name not used by another text (reports name a reference's file). */
async function uniqueFile(byFile: { get(key: string): Promise<TextRecord | undefined> }, wanted: string, sha: string): Promise<string> {
  const existing = await byFile.get(wanted);
  return !existing || existing.sha256 === sha ? wanted : `${wanted}~${sha.slice(0, 8)}`;
}

async function uniqueId(store: { get(key: string): Promise<ArticleRecord | undefined> }, wanted: string, sha: string, bundled: Map<string, unknown>): Promise<string> {
  if (!bundled.has(wanted) && !(await store.get(wanted))) return wanted;
  for (let n = 0; ; n++) {
    const id = `${wanted}~${sha.slice(0, 8)}${n === 0 ? '' : `-${n}`}`;
    if (!bundled.has(id) && !(await store.get(id))) return id;
  }
}
