// The corpus index: every reference article folded, de-spun and fingerprinted,
// with an inverted index from fingerprint to (article, position).
//
// Built once per worker / process from the manifest and the seed texts by
// pure code: adding a reference is adding a file and a manifest entry.
import stockData from './data/stock-phrases.json';
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
  /** stock[i] = 1 when key unit i lies inside a stock phrase (data/stock-phrases.json). */
  stock: Uint8Array;
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
  // Stock phrases go through the same folding and de-spinning as the texts they are found in.
  const stockKeys = [...new Set((stockData as { phrases: string[] }).phrases.map((p) => despin(fold(p).text, lexicon).text))].filter((p) => p.length > 0);
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
    const stock = stockMask(key.text, stockKeys);
    const doc = docs.length;
    docs.push({ entry, fileText, folded, key, stock });
    const hashes = kgramHashes(key.text, opts.k);
    const picked = winnow(hashes, opts.window);
    const seen = new Set<number>();
    for (let i = 0; i < picked.length; i++) {
      const pos = picked[i]!;
      // A k-gram wholly inside a stock phrase says nothing about which bulletin this is.
      if (stock[pos] === 1 && stock[pos + opts.k - 1] === 1 && !stockBreak(stock, pos, opts.k)) continue;
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

/** Marks every key unit that lies inside an occurrence of a stock phrase. */
export function stockMask(key: string, phrases: readonly string[]): Uint8Array {
  const mask = new Uint8Array(key.length);
  for (const p of phrases) {
    for (let i = key.indexOf(p); i >= 0; i = key.indexOf(p, i + 1)) mask.fill(1, i, i + p.length);
  }
  return mask;
}

/** True when some unit of [pos, pos + k) is outside the stock mask. */
function stockBreak(mask: Uint8Array, pos: number, k: number): boolean {
  for (let i = pos; i < pos + k; i++) if (mask[i] !== 1) return true;
  return false;
}
