// verify() over a SegmentedIndex, whose reference texts are not in memory.
//
//   1. The page's fingerprints against the segmented index give the references
//      worth loading (the candidate stage's own weight filter).
//   2. Those few texts are loaded (from IndexedDB, or the bundle) by the
//      caller's loader and fingerprinted again, with positions.
//   3. A CorpusIndex of just them, with document frequencies taken from the
//      whole index, goes to the ordinary verify(): every later stage runs
//      unchanged and the report is the one the full in-memory index gives.
import { fingerprintArticle, PostingsBuilder, RefDoc, stockPhraseKeys, type ArticlePrints, type CorpusIndex } from './corpus-index';
import { kgramHashes } from './fingerprint';
import { despin } from './lexicon';
import { fold } from './normalize';
import { resolveOptions, type EngineOptions, type Sensitivity } from './options';
import type { SegmentedIndex } from './segmented-index';
import type { ArticleEntry, Report } from './types';
import { runSliced, type Pause } from './slices';
import { verify, verifySteps } from './verify';

export interface LoadedReference {
  doc: number;
  entry: ArticleEntry;
  /** The whole text the entry's range indexes. */
  fileText: string;
}

export type ReferenceLoader = (docs: readonly number[]) => Promise<readonly LoadedReference[]>;

interface Hydrated {
  ref: RefDoc;
  prints: ArticlePrints;
}

/** Recently used references, fingerprinted with positions: a page checked twice loads nothing twice. */
export class ReferenceCache {
  private readonly items = new Map<number, Hydrated>();
  private readonly stockKeys: string[];

  constructor(
    private readonly index: SegmentedIndex,
    private readonly capacity = 64,
  ) {
    this.stockKeys = stockPhraseKeys(index.lexicon);
  }

  get(doc: number): Hydrated | undefined {
    const h = this.items.get(doc);
    if (h) {
      this.items.delete(doc);
      this.items.set(doc, h);
    }
    return h;
  }

  put(loaded: LoadedReference, opts: EngineOptions): Hydrated {
    const { entry, fileText } = loaded;
    const prints = fingerprintArticle(fileText.slice(entry.start, entry.end), this.index.lexicon, this.stockKeys, opts);
    const h = { ref: new RefDoc(entry, fileText, prints.keyText, this.index.lexicon, this.stockKeys), prints };
    this.items.set(loaded.doc, h);
    while (this.items.size > this.capacity) this.items.delete(this.items.keys().next().value!);
    return h;
  }

  forget(doc: number): void {
    this.items.delete(doc);
  }
}

export interface LibraryVerification {
  report: Report;
  /** How many references were worth loading, and how many of them had to be loaded. */
  considered: number;
  loaded: number;
}

export async function verifyAgainst(
  text: string,
  index: SegmentedIndex,
  cache: ReferenceCache,
  load: ReferenceLoader,
  options?: Partial<EngineOptions> & { sensitivity?: Sensitivity },
  /** Given: the verification runs in slices of opts.verifySliceMs, with this between two (slices.ts). */
  pause?: Pause,
): Promise<LibraryVerification> {
  const opts = resolveOptions({ ...options, k: index.k, window: index.window });
  const pageKey = despin(fold(text).text, index.lexicon).text;
  const wanted = index.referencesWorthLoading(kgramHashes(pageKey, index.k), opts);
  const hydrated = new Map<number, Hydrated>();
  const missing: number[] = [];
  for (const d of wanted) {
    const h = cache.get(d);
    if (h) hydrated.set(d, h);
    else missing.push(d);
  }
  if (missing.length > 0) for (const r of await load(missing)) hydrated.set(r.doc, cache.put(r, opts));

  // Local numbers in the global order, so ties between references break as in the full index.
  const docs: RefDoc[] = new Array<RefDoc>(Math.max(index.size, wanted.length));
  const builder = new PostingsBuilder();
  let n = 0;
  const used: ArticlePrints[] = [];
  for (const d of wanted) {
    const h = hydrated.get(d);
    if (!h) continue; // the loader no longer has it (removed meanwhile)
    docs[n] = h.ref;
    for (let i = 0; i < h.prints.hashes.length; i++) builder.add(h.prints.hashes[i]!, n, h.prints.positions[i]!);
    used.push(h.prints);
    n++;
  }
  const postings = builder.finish();
  // Document frequency over the whole corpus, not over the few references loaded.
  for (const p of used) {
    for (let i = 0; i < p.hashes.length; i++) {
      const row = postings.row(p.hashes[i]!);
      postings.df[row] = index.df(p.hashes[i]!);
    }
  }
  const view: CorpusIndex = { docs, lexicon: index.lexicon, postings, k: index.k, window: index.window, spunInReferences: index.spunInReferences() };
  const report = pause ? await runSliced(verifySteps(text, view, options), pause, opts.verifySliceMs) : verify(text, view, options);
  return { report, considered: wanted.length, loaded: missing.length };
}

/** The references of a corpus numbered from `firstDoc`, with their index records. */
export function referencesOf(
  source: { entries: readonly ArticleEntry[]; files: Readonly<Record<string, string>> },
  index: SegmentedIndex,
  firstDoc = 0,
  options?: Partial<EngineOptions>,
): Array<LoadedReference & { record: { doc: number; hashes: Uint32Array; spun: string[] } }> {
  const opts = resolveOptions({ ...options, k: index.k, window: index.window });
  const stockKeys = stockPhraseKeys(index.lexicon);
  const out: Array<LoadedReference & { record: { doc: number; hashes: Uint32Array; spun: string[] } }> = [];
  let doc = firstDoc;
  for (const entry of source.entries) {
    if (entry.role !== 'reference') continue;
    const fileText = source.files[entry.file];
    if (fileText === undefined) throw new Error(`corpus: file ${entry.file} of article ${entry.id} is missing`);
    const prints = fingerprintArticle(fileText.slice(entry.start, entry.end), index.lexicon, stockKeys, opts);
    out.push({ doc, entry, fileText, record: { doc, hashes: prints.hashes, spun: prints.spun } });
    doc++;
  }
  return out;
}
