// The corpus index: every reference article folded, de-spun and fingerprinted,
// with an inverted index from fingerprint to (article, position).
//
// Built once per worker / process from the manifest and the seed texts by
// pure code: adding a reference is adding a file and a manifest entry.
import { kgramHashes, winnow } from './fingerprint';
import { bundledLexicon, despin, type Keyed, type Lexicon } from './lexicon';
import { fold, type Folded } from './normalize';
import { resolveOptions, type EngineOptions } from './options';
import type { ArticleEntry, CorpusSource } from './types';

export interface RefDoc {
  entry: ArticleEntry;
  /** The whole seed file's text (reference offsets index into it). */
  fileText: string;
  /** Folded article; its maps index the article slice, add entry.start for file offsets. */
  folded: Folded;
  key: Keyed;
  /** Word-boundary flags over folded text, computed on first need (see words.ts). */
  wordStarts?: Uint8Array;
}

export interface CorpusIndex {
  docs: RefDoc[];
  lexicon: Lexicon;
  /** fingerprint hash -> flat [doc, keyPos, doc, keyPos, ...] */
  postings: Map<number, number[]>;
  /** fingerprint hash -> number of distinct documents containing it */
  docFreq: Map<number, number>;
  /** The k and window the index was built with (verification must use the same k). */
  k: number;
  window: number;
  /** Spun forms that also occur in reference text; they are weak signs of spinning. */
  spunInReferences: Set<string>;
}

export class CorpusError extends Error {}

export function buildIndex(source: CorpusSource, options?: Partial<EngineOptions>, lexicon: Lexicon = bundledLexicon()): CorpusIndex {
  const opts = resolveOptions(options);
  const docs: RefDoc[] = [];
  const postings = new Map<number, number[]>();
  const docFreq = new Map<number, number>();
  for (const entry of source.entries) {
    if (entry.role !== 'reference') continue;
    const fileText = source.files[entry.file];
    if (fileText === undefined) throw new CorpusError(`corpus: file ${entry.file} of article ${entry.id} is missing`);
    if (!(entry.start >= 0 && entry.end <= fileText.length && entry.start < entry.end)) {
      throw new CorpusError(`corpus: article ${entry.id} has range ${entry.start}..${entry.end} outside ${entry.file} (length ${fileText.length})`);
    }
    const folded = fold(fileText.slice(entry.start, entry.end));
    const key = despin(folded.text, lexicon);
    const doc = docs.length;
    docs.push({ entry, fileText, folded, key });
    const hashes = kgramHashes(key.text, opts.k);
    const picked = winnow(hashes, opts.window);
    const seen = new Set<number>();
    for (let i = 0; i < picked.length; i++) {
      const pos = picked[i]!;
      const h = hashes[pos]!;
      let list = postings.get(h);
      if (!list) postings.set(h, (list = []));
      list.push(doc, pos);
      if (!seen.has(h)) {
        seen.add(h);
        docFreq.set(h, (docFreq.get(h) ?? 0) + 1);
      }
    }
  }
  // De-spinning the references already found every spun form they contain.
  const spunInReferences = new Set<string>();
  for (const d of docs) {
    for (let i = 0; i < d.key.entry.length; i++) {
      const e = d.key.entry[i]!;
      if (e >= 0) spunInReferences.add(lexicon.entries[e]!.spun);
    }
  }
  return { docs, lexicon, postings, docFreq, k: opts.k, window: opts.window, spunInReferences };
}
