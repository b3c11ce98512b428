// The spinner lexicon and the "de-spun" key text built with it.
//
// Spinners (伪原创 tools) are deterministic dictionaries (Zhang, Wang, Voelker,
// "DSpin", NDSS 2014): the same original word always becomes the same spun
// word. Reversing the dictionary maps a spun form back to its original. We
// apply that reversal to BOTH sides, reference and page alike, before
// fingerprinting and alignment: a genuine 服务 in a reference and a faithful
// copy's 服务 fold to the same key, while a spun 服务 (from 工作) folds to the
// reference's 工作. So the reversal can never create a difference, only hide a
// spin from the exact comparison, and spins are found again by comparing the
// folded text under each de-spun unit (see segments.ts).
import data from './data/spinner-lexicon.json';
import taiwan from './data/taiwan-variants.json';

export interface LexiconEntry {
  /** Folded original form (as in the reference). */
  original: string;
  /** Folded spun form (as the spinner writes it). */
  spun: string;
  /** How often the mining script saw this pair in aligned specimens. */
  count: number;
  /** The swap reverses or badly distorts the meaning (应对→玩忽). Reviewed by hand. */
  distorting: boolean;
  /** The spun form hardly ever occurs in genuine text (东谈主, 作念): a sign of spinning on its own. */
  marker: boolean;
}

export interface Lexicon {
  entries: readonly LexiconEntry[];
  /** spun form -> entry (the most frequent original, when a spinner maps several words to one form) */
  bySpun: ReadonlyMap<string, LexiconEntry>;
  /** `${original}\u0000${spun}` -> entry */
  byPair: ReadonlyMap<string, LexiconEntry>;
  /**
   * Regional vocabulary that says the same thing (信息 / 資訊, 全局 / 全域性,
   * from opencc's Taiwan phrase table), both directions. Such a pair is an
   * equivalent variant, like script or width: never a difference.
   */
  variantPairs: ReadonlySet<string>;
  /**
   * Every word of a swap class -> the class's key form. A class is what the
   * pairs connect: 公共→大众 and 群众→大众 make {公共, 群众, 大众} one class, so
   * a page's 大众 matches a reference's 群众 as well as its 公共. Words that
   * are their class's key form are not listed (they stay as they are).
   */
  keyForm: ReadonlyMap<string, string>;
  /** The listed words as a trie over UTF-16 units, for longest-match scanning without slicing. */
  trie: TrieNode;
  /** first[c] = 1 when some listed word starts with UTF-16 unit c: one array read skips most characters. */
  first: Uint8Array;
}

export interface TrieNode {
  next: Map<number, TrieNode>;
  /** Set where a listed word ends: the word and its key form. */
  word?: string;
  key?: string;
}

interface LexiconFile {
  entries: Array<Partial<LexiconEntry> & { original: string; spun: string; status?: string }>;
}

export function makeLexicon(raw: LexiconFile['entries'], variants: ReadonlyArray<readonly [string, string]> = []): Lexicon {
  const entries: LexiconEntry[] = [];
  const bySpun = new Map<string, LexiconEntry>();
  const byPair = new Map<string, LexiconEntry>();
  // Union-find over the words of all pairs.
  const parent = new Map<string, string>();
  const find = (w: string): string => {
    let r = w;
    while (parent.get(r) !== r) r = parent.get(r)!;
    parent.set(w, r);
    return r;
  };
  const weight = new Map<string, number>(); // how often a word is seen as an original
  for (const e of raw) {
    if (e.status === 'rejected' || !e.original || !e.spun || e.original === e.spun) continue;
    const entry: LexiconEntry = {
      original: e.original,
      spun: e.spun,
      count: e.count ?? 1,
      distorting: e.distorting ?? false,
      marker: e.marker ?? false,
    };
    if (byPair.has(pairKey(entry.original, entry.spun))) continue;
    entries.push(entry);
    byPair.set(pairKey(entry.original, entry.spun), entry);
    const prev = bySpun.get(entry.spun);
    if (!prev || prev.count < entry.count) bySpun.set(entry.spun, entry);
    for (const w of [entry.original, entry.spun]) if (!parent.has(w)) parent.set(w, w);
    parent.set(find(entry.spun), find(entry.original));
    weight.set(entry.original, (weight.get(entry.original) ?? 0) + entry.count + 1);
  }
  // Regional variants join the classes too; the mainland form keys its class
  // unless a spinner pair already gave the class a more frequent original.
  const variantPairs = new Set<string>();
  for (const [mainland, regional] of variants) {
    if (!mainland || !regional || mainland === regional) continue;
    variantPairs.add(pairKey(mainland, regional));
    variantPairs.add(pairKey(regional, mainland));
    for (const w of [mainland, regional]) if (!parent.has(w)) parent.set(w, w);
    parent.set(find(regional), find(mainland));
    if (!weight.has(mainland)) weight.set(mainland, 0.5);
  }
  // Each class's key form: its most frequent original.
  const best = new Map<string, string>();
  for (const w of parent.keys()) {
    const r = find(w);
    const cur = best.get(r);
    if (cur === undefined || (weight.get(w) ?? 0) > (weight.get(cur) ?? 0)) best.set(r, w);
  }
  const keyForm = new Map<string, string>();
  const trie: TrieNode = { next: new Map() };
  const first = new Uint8Array(0x10000);
  for (const w of parent.keys()) {
    const k = best.get(find(w))!;
    if (k === w) continue;
    keyForm.set(w, k);
    first[w.charCodeAt(0)] = 1;
    let node = trie;
    for (let i = 0; i < w.length; i++) {
      const c = w.charCodeAt(i);
      let child = node.next.get(c);
      if (!child) node.next.set(c, (child = { next: new Map() }));
      node = child;
    }
    node.word = w;
    node.key = k;
  }
  return { entries, bySpun, byPair, variantPairs, keyForm, trie, first };
}

export function pairKey(original: string, spun: string): string {
  return `${original}\u0000${spun}`;
}

let bundled: Lexicon | null = null;
/**
 * The lexicon shipped in lib/engine/data/spinner-lexicon.json, with opencc's
 * Taiwan phrase variants (data/taiwan-variants.json, folded ahead of time by
 * lib/tools/taiwan-variants.ts: folding them here cost every worker wake 50-140 ms).
 */
export function bundledLexicon(): Lexicon {
  return (bundled ??= makeLexicon((data as LexiconFile).entries, taiwan.pairs as Array<[string, string]>));
}

export interface Keyed {
  text: string;
  /** Folded range each key unit comes from. Units of one de-spun form all map to the whole spun form. */
  foldStart: Int32Array;
  foldEnd: Int32Array;
  /** For a replaced word: the index of the lexicon entry whose spun form it is, or -2 when it
   *  is a plain word of a swap class (群众 keyed as 公共). -1 for a unit copied unchanged. */
  entry: Int32Array;
  /** Key index one past the de-spun form this unit belongs to (i + 1 for a copied unit). */
  unitEnd: Int32Array;
}

export function despin(folded: string, lexicon: Lexicon): Keyed {
  const n = folded.length;
  let cap = n + 8;
  let foldStart = new Int32Array(cap);
  let foldEnd = new Int32Array(cap);
  let entryIdx = new Int32Array(cap);
  let unitEnd = new Int32Array(cap);
  const entryIndex = new Map<LexiconEntry, number>();
  lexicon.entries.forEach((e, i) => entryIndex.set(e, i));
  let out = '';
  let len = 0;
  const grow = (need: number) => {
    if (need <= cap) return;
    cap = Math.max(need, cap * 2);
    const g = (a: Int32Array) => {
      const b = new Int32Array(cap);
      b.set(a.subarray(0, len));
      return b;
    };
    foldStart = g(foldStart);
    foldEnd = g(foldEnd);
    entryIdx = g(entryIdx);
    unitEnd = g(unitEnd);
  };
  let i = 0;
  let copyFrom = 0;
  const flushCopy = (to: number) => {
    if (to <= copyFrom) return;
    grow(len + (to - copyFrom));
    out += folded.slice(copyFrom, to);
    for (let j = copyFrom; j < to; j++, len++) {
      foldStart[len] = j;
      foldEnd[len] = j + 1;
      entryIdx[len] = -1;
      unitEnd[len] = len + 1;
    }
  };
  while (i < n) {
    // Longest listed word starting at i.
    const c0 = folded.charCodeAt(i);
    if (lexicon.first[c0] === 0) {
      i++;
      continue;
    }
    let word: string | undefined;
    let key: string | undefined;
    let node = lexicon.trie.next.get(c0);
    for (let j = i + 1; node; j++) {
      if (node.word !== undefined) {
        word = node.word;
        key = node.key;
      }
      node = j < n ? node.next.get(folded.charCodeAt(j)) : undefined;
    }
    if (key === undefined || word === undefined) {
      i++;
      continue;
    }
    flushCopy(i);
    const L = word.length;
    const O = key.length;
    grow(len + O);
    out += key;
    const spunOf = lexicon.bySpun.get(word);
    const idx = spunOf ? entryIndex.get(spunOf)! : -2;
    for (let j = 0; j < O; j++) {
      foldStart[len + j] = i;
      foldEnd[len + j] = i + L;
      entryIdx[len + j] = idx;
      unitEnd[len + j] = len + O;
    }
    len += O;
    i += L;
    copyFrom = i;
  }
  flushCopy(n);
  return {
    text: out,
    foldStart: foldStart.slice(0, len),
    foldEnd: foldEnd.slice(0, len),
    entry: entryIdx.slice(0, len),
    unitEnd: unitEnd.slice(0, len),
  };
}

