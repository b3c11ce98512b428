// The corpus the worker verifies against: the bundled seeds (their index built
// at build time) and the reader's library in IndexedDB, opened on first use.
// If IndexedDB cannot be opened (a browser that refuses storage), pages are
// still verified against the bundled seeds, and the library says why it is
// unavailable.
import { bundledCorpus } from '@/lib/corpus/bundled';
import { bundledSeedIndex } from '@/lib/corpus/seed-index';
import type { Sensitivity } from '@/lib/engine/options';
import { ReferenceCache, verifyAgainst, type LoadedReference } from '@/lib/engine/library-verify';
import { SegmentedIndex } from '@/lib/engine/segmented-index';
import { bundledLexicon } from '@/lib/engine/lexicon';
import type { Report } from '@/lib/engine/types';
import { openLibraryDb } from '@/lib/library/db';
import { Library } from '@/lib/library/library';

export interface Corpus {
  verify(text: string, options: { sensitivity: Sensitivity }): Promise<Report>;
  /** The reader's library, or why there is none. */
  library(): Promise<Library>;
  /** Has the index been loaded in this worker? */
  readonly loaded: boolean;
}

export function createCorpus(openDb: typeof openLibraryDb = openLibraryDb): Corpus {
  let opening: Promise<Library> | undefined;
  let fallback: ((text: string, sensitivity: Sensitivity) => Promise<Report>) | undefined;
  let loaded = false;
  let reported = false;
  const seeds = () => ({ index: bundledSeedIndex(), corpus: bundledCorpus });

  const library = (): Promise<Library> => {
    opening ??= (async () => {
      if (typeof indexedDB === 'undefined') throw new Error('IndexedDB is not available');
      const lib = await Library.open(await openDb(), seeds());
      performance.mark('yuanwen:library-open');
      loaded = true;
      return lib;
    })();
    // A failed open is tried again next time (the reader may free storage).
    opening.catch(() => (opening = undefined));
    return opening;
  };

  /** The bundled seeds alone, from their build-time index. */
  const bundledOnly = (): ((text: string, sensitivity: Sensitivity) => Promise<Report>) => {
    const s = seeds();
    const index = new SegmentedIndex(bundledLexicon(), s.index.k, s.index.window);
    index.addSegment(s.index.segment);
    const cache = new ReferenceCache(index);
    const byId = new Map(s.corpus.entries.map((e) => [e.id, e]));
    const load = async (docs: readonly number[]): Promise<LoadedReference[]> =>
      docs.map((doc) => {
        const entry = byId.get(s.index.articles[doc]!)!;
        return { doc, entry, fileText: s.corpus.files[entry.file]! };
      });
    loaded = true;
    return async (text, sensitivity) => (await verifyAgainst(text, index, cache, load, { sensitivity })).report;
  };

  return {
    get loaded() {
      return loaded;
    },
    library,
    async verify(text, { sensitivity }) {
      let report: Report;
      try {
        report = await (await library()).verify(text, { sensitivity });
      } catch {
        fallback ??= bundledOnly();
        report = await fallback(text, sensitivity);
      }
      // Worker start -> first report, for test/bench/worker-cold.ts (a mark is free and sends nothing).
      if (!reported) {
        reported = true;
        performance.mark('yuanwen:first-report');
      }
      return report;
    },
  };
}
