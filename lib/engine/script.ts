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

/** True when some character of the text could be changed by the conversion. */
export function mayHaveTraditional(text: string): boolean {
  const { gate } = ensureBuilt();
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    // ASCII and the CJK-punctuation range hold no dictionary keys; skip them cheaply.
    if (c < 0x2e80) continue;
    if (gate.has(c >= 0xd800 && c <= 0xdbff ? text.codePointAt(i)! : c)) return true;
  }
  return false;
}

function convertStage(stage: Stage, text: string): string {
  let out = '';
  let i = 0;
  const n = text.length;
  while (i < n) {
    const c = text.charCodeAt(i);
    const cpLen = c >= 0xd800 && c <= 0xdbff && i + 1 < n ? 2 : 1;
    if (c < 0x2e80) {
      out += text[i];
      i++;
      continue;
    }
    const m = stage.trie.matchPrefix(text, i);
    if (m && m.value.length === m.end - i) {
      out += m.value;
      i = m.end;
    } else {
      const ch = text.slice(i, i + cpLen);
      const single = m ? stage.trie.matchPrefix(ch, 0) : null;
      out += single && single.end === cpLen && single.value.length === cpLen ? single.value : ch;
      i += cpLen;
    }
  }
  return out;
}

/** Traditional (standard, Taiwan or Hong Kong forms) to Simplified, preserving length and positions. */
export function toSimplified(text: string): string {
  if (!mayHaveTraditional(text)) return text;
  // Repeat until nothing changes (at most three rounds): a phrase rule can
  // keep a character in one script and not in the other (顯著 stays 显著 while
  // a Simplified 显著 becomes 显着 by the variant rule), and only the fixpoint
  // is the same for both.
  let out = text;
  for (let round = 0; round < 3; round++) {
    let next = out;
    for (const stage of ensureBuilt().stages) next = convertStage(stage, next);
    if (next === out) break;
    out = next;
  }
  return out;
}
