// Traditional -> Simplified for matching, one character for one character.
//
// opencc-js converts phrase by phrase, and a phrase's replacement can differ in
// length, which would break the offset map. So we walk opencc's own tries
// ourselves and take a phrase replacement only when it has the source's length;
// otherwise the first character is converted alone. Both stages follow OpenCC's
// tw2s / hk2s chains: regional variants to standard
// Traditional, then Traditional to Simplified. Taiwan *phrase* substitutions
// (TWPhrasesRev: 資料→数据, 全域性→全局) are left out on purpose: they change
// length and rewrite words that are valid mainland usage too.
//
// Reference and page text go through the same function, so any imperfection of
// the dictionaries cancels out between the two sides.
//
// Cost: the opencc tries are built on first need (about 20 ms), and a text with
// no character that any dictionary key contains is returned untouched after one
// Set lookup per character, so Simplified pages pay almost nothing.
import { Trie } from 'opencc-js/core';
import HKVariantsRev from 'opencc-js/dict/HKVariantsRev';
import HKVariantsRevPhrases from 'opencc-js/dict/HKVariantsRevPhrases';
import TSCharacters from 'opencc-js/dict/TSCharacters';
import TSPhrases from 'opencc-js/dict/TSPhrases';
import TWVariantsRev from 'opencc-js/dict/TWVariantsRev';
import TWVariantsRevPhrases from 'opencc-js/dict/TWVariantsRevPhrases';

interface Stage {
  trie: Trie;
}

let stages: Stage[] | null = null;
let gate: Set<number> | null = null;

function buildStage(dicts: string[]): Stage {
  const trie = new Trie();
  // Later dictionaries win in opencc's loadDictGroup order; load phrases last so they override characters.
  for (const d of dicts) trie.loadDict(d);
  return { trie };
}

function ensureBuilt(): { stages: Stage[]; gate: Set<number> } {
  if (!stages || !gate) {
    const all = [HKVariantsRev, HKVariantsRevPhrases, TWVariantsRev, TWVariantsRevPhrases, TSCharacters, TSPhrases];
    stages = [
      buildStage([HKVariantsRev, TWVariantsRev, HKVariantsRevPhrases, TWVariantsRevPhrases]),
      buildStage([TSCharacters, TSPhrases]),
    ];
    // The gate holds only characters whose conversion through the whole
    // chain changes them, alone or inside a dictionary phrase. A regional
    // variant that comes back to itself (群 -> 羣 -> 群), a character mapped to
    // itself (著 in 著名) and the Simplified context characters of phrase keys
    // stay out, so ordinary Simplified text does not trip it.
    const built = stages;
    const convertAll = (t: string) => built.reduce((acc, st) => convertStage(st, acc), t);
    gate = new Set();
    for (const d of all) {
      for (const entry of d.split('|')) {
        const key = entry.slice(0, entry.indexOf(' '));
        const out = convertAll(key);
        const k = [...key];
        const o = [...out];
        for (let i = 0; i < k.length; i++) if (k.length !== o.length || k[i] !== o[i]) gate.add(k[i]!.codePointAt(0)!);
      }
    }
  }
  return { stages, gate };
}

/** The code point at i (a surrogate pair read whole). */
function codeAt(text: string, i: number): number {
  const c = text.charCodeAt(i);
  return c >= 0xd800 && c <= 0xdbff ? text.codePointAt(i)! : c;
}

function convertStage(stage: Stage, text: string): string {
  // Unchanged stretches are copied as slices: on a mostly Simplified page
  // almost nothing changes, and per-character concatenation would churn the GC.
  const parts: string[] = [];
  let copyFrom = 0;
  let i = 0;
  const n = text.length;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c < 0x2e80) {
      i++;
      continue;
    }
    const cpLen = c >= 0xd800 && c <= 0xdbff && i + 1 < n ? 2 : 1;
    const m = stage.trie.matchPrefix(text, i);
    if (!m) {
      i += cpLen;
      continue;
    }
    let value: string;
    let end: number;
    if (m.value.length === m.end - i) {
      value = m.value;
      end = m.end;
    } else {
      const ch = text.slice(i, i + cpLen);
      const single = stage.trie.matchPrefix(ch, 0);
      value = single && single.end === cpLen && single.value.length === cpLen ? single.value : ch;
      end = i + cpLen;
    }
    if (value !== text.slice(i, end)) {
      parts.push(text.slice(copyFrom, i), value);
      copyFrom = end;
    }
    i = end;
  }
  if (copyFrom === 0) return text;
  parts.push(text.slice(copyFrom));
  return parts.join('');
}

/** Radius of the window converted around each convertible character; longer than any phrase key that matters. */
const WINDOW = 8;

/**
 * Converts only windows around the characters the gate lets through, so a
 * Simplified page with a stray 么 costs nothing like a whole conversion. A
 * Traditional page's windows merge into one.
 */
function convertWindows(text: string, gate: Set<number>, convert: (s: string) => string): string {
  const parts: string[] = [];
  let copyFrom = 0;
  let i = 0;
  const n = text.length;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c < 0x2e80 || !gate.has(codeAt(text, i))) {
      i++;
      continue;
    }
    // Grow the window while further gate characters fall within reach.
    const start = Math.max(copyFrom, i - WINDOW);
    let end = Math.min(n, i + WINDOW);
    let j = i + 1;
    while (j < end) {
      if (text.charCodeAt(j) >= 0x2e80 && gate.has(codeAt(text, j))) end = Math.min(n, j + WINDOW);
      j++;
    }
    // Never cut a surrogate pair.
    const s0 = start > 0 && text.charCodeAt(start) >= 0xdc00 && text.charCodeAt(start) <= 0xdfff ? start - 1 : start;
    const e0 = end < n && text.charCodeAt(end) >= 0xdc00 && text.charCodeAt(end) <= 0xdfff ? end + 1 : end;
    parts.push(text.slice(copyFrom, s0), convert(text.slice(s0, e0)));
    copyFrom = e0;
    i = e0;
  }
  if (copyFrom === 0) return text;
  parts.push(text.slice(copyFrom));
  return parts.join('');
}

/** Traditional (standard, Taiwan or Hong Kong forms) to Simplified, preserving length and positions. */
export function toSimplified(text: string): string {
  const { stages, gate } = ensureBuilt();
  // Repeat until nothing changes (at most three rounds): a phrase rule can
  // keep a character in one script and not in the other (顯著 stays 显著 while
  // a Simplified 显著 becomes 显着 by the variant rule), and only the fixpoint
  // is the same for both.
  const convert = (s: string) => {
    let out = s;
    for (let round = 0; round < 3; round++) {
      let next = out;
      for (const stage of stages) next = convertStage(stage, next);
      if (next === out) break;
      out = next;
    }
    return out;
  };
  return convertWindows(text, gate, convert);
}
