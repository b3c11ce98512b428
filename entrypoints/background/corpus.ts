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
import type { Pause } from '@/lib/engine/slices';
import { Abandoned } from './turns';
import { openLibraryDb } from '@/lib/library/db';
import { Library } from '@/lib/library/library';

export interface Corpus {
  /** With `pause`, the engine runs in slices and awaits it between two (lib/engine/slices.ts). */
  verify(text: string, options: { sensitivity: Sensitivity; pause?: Pause }): Promise<Report>;
  /** The reader's library, or why there is none. */
  library(): Promise<Library>;
  /** Has the index been loaded in this worker? */
  readonly loaded: boolean;
  /**
   * Starts reading the library and builds the engine's lazy tables, while the
   * page that woke the worker is still sending its text: called once, when the
   * worker script has run.
   */
  prepare(): void;
}

/** How much of a bundled passage the warm-up verifies (enough to reach every stage of the engine). */
const WARM_UP_CHARS = 800;
/**
 * The warm-up's slices (a page's verification uses the engine's verifySliceMs,
 * 40 ms): the stored index is read in a few round trips, each of which waits
 * for the end of a slice, so a shorter slice brings the index in sooner.
 */
const WARM_UP_SLICE_MS = 8;

/** Between two slices of the warm-up: lets IndexedDB's callbacks and the page's message in. */
const yieldToEvents = (): Promise<void> => new Promise((r) => setTimeout(r, 0));

export function createCorpus(openDb: typeof openLibraryDb = openLibraryDb): Corpus {
  let opening: Promise<Library> | undefined;
  let fallback: ((text: string, sensitivity: Sensitivity, pause?: Pause) => Promise<Report>) | undefined;
  let loaded = false;
  let reported = false;
  let warmUpText: string | undefined;
  const seeds = () => ({ index: bundledSeedIndex(), corpus: bundledCorpus });

  const library = (): Promise<Library> => {
    opening ??= (async () => {
      if (typeof indexedDB === 'undefined') throw new Error('IndexedDB is not available');
      performance.mark('yuanwen:library-start');
      const db = await openDb();
      performance.mark('yuanwen:library-db-open');
      // While IndexedDB reads the stored index, the warm-up (prepare) runs against the seeds in Library.open.
      const text = warmUpText;
      warmUpText = undefined;
      const lib = await Library.open(db, seeds(), text === undefined ? {} : { warmUp: { text, pause: yieldToEvents, sliceMs: WARM_UP_SLICE_MS } });
      performance.mark('yuanwen:library-open');
      loaded = true;
      return lib;
    })();
    // A failed open is tried again next time (the reader may free storage).
    opening.catch(() => (opening = undefined));
    return opening;
  };

  /** The bundled seeds alone, from their build-time index. */
  const bundledOnly = (): ((text: string, sensitivity: Sensitivity, pause?: Pause) => Promise<Report>) => {
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
    return async (text, sensitivity, pause) => (await verifyAgainst(text, index, cache, load, { sensitivity }, pause)).report;
  };

  return {
    get loaded() {
      return loaded;
    },
    library,
    prepare() {
      // One verification of a bundled passage against the seeds, while the
      // library is read: it builds the engine's lazy tables (opencc's, the
      // word segmenter, the name patterns) and compiles its code, work the
      // first page would otherwise wait for.
      const s = seeds().corpus;
      const entry = s.entries.find((e) => e.role === 'specimen') ?? s.entries[0];
      if (entry) warmUpText = s.files[entry.file]!.slice(entry.start, Math.min(entry.end, entry.start + WARM_UP_CHARS));
      library().catch(() => undefined);
    },
    async verify(text, { sensitivity, pause }) {
      if (!reported) performance.mark('yuanwen:page-text');
      let report: Report;
      try {
        report = await (await library()).verify(text, { sensitivity }, pause);
      } catch (e) {
        // Abandoned between two slices (a newer run, the tab moved on): not a library failure.
        if (e instanceof Abandoned) throw e;
        fallback ??= bundledOnly();
        report = await fallback(text, sensitivity, pause);
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
