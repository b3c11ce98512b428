// Writes lib/engine/data/taiwan-variants.json: opencc's Taiwan phrase table
// (mainland term -> Taiwan term: 信息 -> 資訊, U盘 -> 隨身碟), each side folded as
// the engine folds any text. Folding 768 phrases through opencc took 50-140 ms
// on every worker wake; the engine now reads the finished pairs.
//   npm run variants   (again after an opencc-js upgrade or a change to fold;
//   test/engine/taiwan-variants.test.ts fails until then)
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import TWPhrases from 'opencc-js/dict/TWPhrases';
import { fold } from '../engine/normalize';

/** Single characters are left out: they are too ambiguous to treat as the same word everywhere. */
export function taiwanPhraseVariants(): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  // Two entries can fold to one pair (they differ only in what folding removes): each pair once.
  const seen = new Set<string>();
  for (const entry of TWPhrases.split('|')) {
    const sp = entry.indexOf(' ');
    const a = fold(entry.slice(0, sp)).text;
    const b = fold(entry.slice(sp + 1).split(' ')[0]!).text;
    const key = `${a}\u0000${b}`;
    if (a.length >= 2 && b.length >= 2 && a !== b && !seen.has(key)) {
      seen.add(key);
      out.push([a, b]);
    }
  }
  return out;
}

export const variantsSource =
  'opencc-js 1.4.2, dict/TWPhrases (Apache-2.0), each side folded by lib/engine/normalize.ts fold(); single characters left out; written by npm run variants (lib/tools/taiwan-variants.ts)';

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const file = fileURLToPath(new URL('../engine/data/taiwan-variants.json', import.meta.url));
  const pairs = taiwanPhraseVariants();
  writeFileSync(file, `${JSON.stringify({ source: variantsSource, pairs }, null, 0)}\n`);
  console.log(`${file}: ${pairs.length} pairs`);
}
