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

/**
 * One reference article. Only what matching needs for every reference is kept
 * (the key text); the offset maps, the stock mask and the word boundaries are
 * computed again on first use, for the few references a page matches. With
 * ten thousand references that is the difference between 50 MB and 500 MB.
 */
export class RefDoc {
  private detail?: { folded: Folded; key: Keyed; stock: Uint8Array };
  /** Word-boundary flags over folded text, computed on first need (see words.ts). */
  wordStarts?: Uint8Array;

  constructor(
    readonly entry: ArticleEntry,
    /** The whole seed file's text (reference offsets index into it). */
    readonly fileText: string,
    /** The de-spun key text of the article: what fingerprints and alignment see. */
    readonly keyText: string,
    private readonly lexicon: Lexicon,
    private readonly stockKeys: readonly string[],
  ) {}

  private prepare(): { folded: Folded; key: Keyed; stock: Uint8Array } {
    if (!this.detail) {
      const folded = fold(this.fileText.slice(this.entry.start, this.entry.end));
      const key = despin(folded.text, this.lexicon);
      this.detail = { folded, key, stock: stockMask(key.text, this.stockKeys) };
    }
    return this.detail;
  }

  /** Folded article; its maps index the article slice, add entry.start for file offsets. */
  get folded(): Folded {
    return this.prepare().folded;
  }

  get key(): Keyed {
    return this.prepare().key;
  }

  /** stock[i] = 1 when key unit i lies inside a stock phrase (data/stock-phrases.json). */
  get stock(): Uint8Array {
    return this.prepare().stock;
  }
}

/**
 * The inverted index in typed arrays: fingerprint hash -> the (reference,
 * position) pairs holding it, grouped by reference. An open-addressing table
 * maps a hash to its row; rows are slices of two flat arrays (CSR layout).
 */
export class Postings {
  constructor(
    private readonly keys: Uint32Array,
    private readonly rows: Int32Array,
    /** row -> first pair; start[row + 1] is one past its last */
    readonly start: Int32Array,
    readonly docs: Int32Array,
    readonly pos: Int32Array,
    /** row -> number of distinct references holding the fingerprint */
    readonly df: Int32Array,
  ) {}

  /** The row of a hash, or -1. */
  row(hash: number): number {
    const mask = this.keys.length - 1;
    for (let slot = mix(hash) & mask; ; slot = (slot + 1) & mask) {
      const r = this.rows[slot]!;
      if (r < 0) return -1;
      if (this.keys[slot] === hash) return r;
    }
  }
}

function mix(h: number): number {
  return Math.imul(h ^ (h >>> 16), 0x45d9f3b) >>> 0;
}

/** Builds Postings from (hash, doc, pos) triples added in document order. */
export class PostingsBuilder {
  private keys = new Uint32Array(1 << 12);
  private rows = new Int32Array(1 << 12).fill(-1);
  private rowCount = 0;
  private counts = new Int32Array(1 << 11);
  private entryRow = new Int32Array(1 << 12);
  private entryDoc = new Int32Array(1 << 12);
  private entryPos = new Int32Array(1 << 12);
  private entries = 0;

  add(hash: number, doc: number, pos: number): void {
    const row = this.rowOf(hash);
    if (this.entries === this.entryRow.length) {
      this.entryRow = grow(this.entryRow, this.entries * 2);
      this.entryDoc = grow(this.entryDoc, this.entries * 2);
      this.entryPos = grow(this.entryPos, this.entries * 2);
    }
    this.entryRow[this.entries] = row;
    this.entryDoc[this.entries] = doc;
    this.entryPos[this.entries] = pos;
    this.entries++;
    this.counts[row]!++;
  }

  private rowOf(hash: number): number {
    if ((this.rowCount + 1) * 2 > this.keys.length) this.rehash();
    const mask = this.keys.length - 1;
    let slot = mix(hash) & mask;
    for (; this.rows[slot]! >= 0; slot = (slot + 1) & mask) if (this.keys[slot] === hash) return this.rows[slot]!;
    this.keys[slot] = hash;
    this.rows[slot] = this.rowCount;
    if (this.rowCount === this.counts.length) this.counts = grow(this.counts, this.rowCount * 2);
    return this.rowCount++;
  }

  private rehash(): void {
    const oldKeys = this.keys;
    const oldRows = this.rows;
    this.keys = new Uint32Array(oldKeys.length * 2);
    this.rows = new Int32Array(oldRows.length * 2).fill(-1);
    const mask = this.keys.length - 1;
    for (let i = 0; i < oldKeys.length; i++) {
      if (oldRows[i]! < 0) continue;
      let slot = mix(oldKeys[i]!) & mask;
      while (this.rows[slot]! >= 0) slot = (slot + 1) & mask;
      this.keys[slot] = oldKeys[i]!;
      this.rows[slot] = oldRows[i]!;
    }
  }

  /** `dfOf` gives a fingerprint's document frequency in a larger corpus than the one indexed (see CorpusStats). */
  finish(dfOf?: (hash: number) => number | undefined): Postings {
    const rows = this.rowCount;
    const start = new Int32Array(rows + 1);
    for (let r = 0; r < rows; r++) start[r + 1] = start[r]! + this.counts[r]!;
    const fill = start.slice(0, rows);
    const docs = new Int32Array(this.entries);
    const pos = new Int32Array(this.entries);
    const df = new Int32Array(rows);
    const lastDoc = new Int32Array(rows).fill(-1);
    // Entries were added document by document, so each row stays grouped by document.
    for (let e = 0; e < this.entries; e++) {
      const r = this.entryRow[e]!;
      const at = fill[r]!++;
      docs[at] = this.entryDoc[e]!;
      pos[at] = this.entryPos[e]!;
      if (lastDoc[r] !== this.entryDoc[e]) {
        lastDoc[r] = this.entryDoc[e]!;
        df[r]!++;
      }
    }
    if (dfOf) {
      for (let slot = 0; slot < this.keys.length; slot++) {
        const r = this.rows[slot]!;
        if (r < 0) continue;
        const global = dfOf(this.keys[slot]!);
        if (global !== undefined) df[r] = Math.max(global, df[r]!);
      }
    }
    return new Postings(this.keys, this.rows, start, docs, pos, df);
  }
}

function grow(a: Int32Array, size: number): Int32Array<ArrayBuffer> {
  const b = new Int32Array(size);
  b.set(a);
  return b;
}

export interface CorpusIndex {
  docs: RefDoc[];
  /** References of the whole corpus, when the index holds only part of it (CorpusStats); otherwise docs.length. */
  corpusSize?: number;
  lexicon: Lexicon;
  postings: Postings;
  /** The k and window the index was built with (verification must use the same k). */
  k: number;
  window: number;
  /** Spun forms that also occur in reference text; they are weak signs of spinning. */
  spunInReferences: Set<string>;
}

export class CorpusError extends Error {}

/**
 * Figures of a whole corpus for an index that holds only part of it: the
 * references a reference service (lib/server) returned for one page. With
 * them, fingerprint weights and boilerplate cut-offs are those of the whole
 * corpus, so the page gets the same report as against the whole corpus.
 */
export interface CorpusStats {
  /** References in the whole corpus. */
  references: number;
  /** Document frequency of a fingerprint in the whole corpus; undefined when unknown. */
  df(hash: number): number | undefined;
  /** Spun forms that occur in the text of any reference of the whole corpus. */
  spunInReferences: Iterable<string>;
}

/**
 * A page's winnowed fingerprints, distinct and sorted: all that an online
 * lookup sends to a reference service (never the text). Any passage of
 * k + window - 1 key characters shared with a reference shares one of them.
 */
export function pageFingerprints(pageText: string, lexicon: Lexicon, options?: Partial<EngineOptions>): Uint32Array {
  const opts = resolveOptions(options);
  const key = despin(fold(pageText).text, lexicon);
  const all = kgramHashes(key.text, opts.k);
  const picked = winnow(all, opts.window);
  const out = new Uint32Array(picked.length);
  for (let i = 0; i < picked.length; i++) out[i] = all[picked[i]!]!;
  out.sort();
  let n = 0;
  for (let i = 0; i < out.length; i++) if (i === 0 || out[i] !== out[i - 1]) out[n++] = out[i]!;
  return out.slice(0, n);
}

export function buildIndex(source: CorpusSource, options?: Partial<EngineOptions>, lexicon: Lexicon = bundledLexicon(), stats?: CorpusStats): CorpusIndex {
  const opts = resolveOptions(options);
  const docs: RefDoc[] = [];
  // Stock phrases go through the same folding and de-spinning as the texts they are found in.
  const stockKeys = stockPhraseKeys(lexicon);
  const builder = new PostingsBuilder();
  const spunInReferences = new Set<string>(stats?.spunInReferences);
  for (const entry of source.entries) {
    if (entry.role !== 'reference') continue;
    const fileText = source.files[entry.file];
    if (fileText === undefined) throw new CorpusError(`corpus: file ${entry.file} of article ${entry.id} is missing`);
    if (!(entry.start >= 0 && entry.end <= fileText.length && entry.start < entry.end)) {
      throw new CorpusError(`corpus: article ${entry.id} has range ${entry.start}..${entry.end} outside ${entry.file} (length ${fileText.length})`);
    }
    const doc = docs.length;
    const prints = fingerprintArticle(fileText.slice(entry.start, entry.end), lexicon, stockKeys, opts);
    docs.push(new RefDoc(entry, fileText, prints.keyText, lexicon, stockKeys));
    for (const spun of prints.spun) spunInReferences.add(spun);
    for (let i = 0; i < prints.hashes.length; i++) builder.add(prints.hashes[i]!, doc, prints.positions[i]!);
  }
  const postings = builder.finish(stats && ((hash) => stats.df(hash)));
  return { docs, corpusSize: Math.max(docs.length, stats?.references ?? 0), lexicon, postings, k: opts.k, window: opts.window, spunInReferences };
}

/** What the index holds of one reference article. */
export interface ArticlePrints {
  keyText: string;
  /** The fingerprints kept (winnowed, stock phrases left out) and their key-text positions, in position order. */
  hashes: Uint32Array;
  positions: Int32Array;
  /** Spun forms the article itself contains (de-spinning the references already found them). */
  spun: string[];
}

/** Folds, de-spins and fingerprints one article, exactly as buildIndex indexes it. */
export function fingerprintArticle(articleText: string, lexicon: Lexicon, stockKeys: readonly string[], opts: EngineOptions): ArticlePrints {
  const folded = fold(articleText);
  const key = despin(folded.text, lexicon);
  const stock = stockMask(key.text, stockKeys);
  const spun = new Set<string>();
  for (let i = 0; i < key.entry.length; i++) {
    const e = key.entry[i]!;
    if (e >= 0) spun.add(lexicon.entries[e]!.spun);
  }
  const hashes = kgramHashes(key.text, opts.k);
  const picked = winnow(hashes, opts.window);
  const keptHashes = new Uint32Array(picked.length);
  const keptPositions = new Int32Array(picked.length);
  let n = 0;
  for (let i = 0; i < picked.length; i++) {
    const pos = picked[i]!;
    // A k-gram wholly inside a stock phrase says nothing about which bulletin this is.
    if (stock[pos] === 1 && stock[pos + opts.k - 1] === 1 && !stockBreak(stock, pos, opts.k)) continue;
    keptHashes[n] = hashes[pos]!;
    keptPositions[n++] = pos;
  }
  return { keyText: key.text, hashes: keptHashes.slice(0, n), positions: keptPositions.slice(0, n), spun: [...spun] };
}

/** The stock phrases (data/stock-phrases.json) as the key text they fold and de-spin to. */
export function stockPhraseKeys(lexicon: Lexicon): string[] {
  return [...new Set((stockData as { phrases: string[] }).phrases.map((p) => despin(fold(p).text, lexicon).text))].filter((p) => p.length > 0);
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
