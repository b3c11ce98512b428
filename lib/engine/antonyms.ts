// Reversed meaning: a change that swaps a word for its opposite (增强→削弱,
// 加快→减缓, 打赢→输掉) is distorting, whoever made it. The pairs are in
// data/antonyms.json, which states its source.
import data from './data/antonyms.json';

const pairs: ReadonlyArray<readonly [string, string]> = (data as unknown as { pairs: Array<[string, string]> }).pairs.flatMap(([a, b]) => [
  [a, b] as const,
  [b, a] as const,
]);

/** Does the change from `ref` to `page` put one word of an antonym pair where the other stood? */
export function reversesMeaning(ref: string, page: string): boolean {
  for (const [a, b] of pairs) {
    if (ref.includes(a) && page.includes(b) && !ref.includes(b) && !page.includes(a)) return true;
  }
  return false;
}
