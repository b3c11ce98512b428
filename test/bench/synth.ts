// Deterministic synthetic inputs for the benchmark and the property tests:
// unrelated Chinese-looking text, a large page, and large synthetic corpora.
// Everything is derived from the seeds with a seeded PRNG, so every run (and
// every machine) measures exactly the same work.
import type { ArticleEntry, CorpusSource } from '../../lib/engine/types';
import { mulberry32 } from '../support/random';

/** Deterministic pseudo-random generator for generated text (shared with the other test generators). */
export const prng = mulberry32;

const isHan = (c: number): boolean => (c >= 0x4e00 && c <= 0x9fff) || (c >= 0x3400 && c <= 0x4dbf);

/** Sentences (ending in 。！？; or a line break) of the reference articles. */
export function referenceSentences(source: CorpusSource): string[] {
  const out: string[] = [];
  for (const entry of source.entries) {
    if (entry.role !== 'reference') continue;
    const text = source.files[entry.file]!.slice(entry.start, entry.end);
    for (const m of text.matchAll(/[^。！？\n]+[。！？]?/g)) {
      const s = m[0].trim();
      if (s.length >= 8) out.push(s);
    }
  }
  return out;
}

/** The Han characters of the references, in a fixed order. */
function hanAlphabet(sentences: readonly string[]): string[] {
  const set = new Set<string>();
  for (const s of sentences) for (const ch of s) if (isHan(ch.charCodeAt(0))) set.add(ch);
  return [...set].sort();
}

/**
 * Unrelated text with the character statistics of the bulletins: reference
 * sentences in shuffled order, every Han character sent through one fixed
 * random permutation of the Han alphabet (a substitution cipher). Punctuation,
 * digits and sentence lengths stay realistic; no 5-gram of a reference survives,
 * so nothing in it should match.
 */
export function unrelatedText(source: CorpusSource, chars: number, seed = 1): string {
  const sentences = referenceSentences(source);
  const alphabet = hanAlphabet(sentences);
  const rnd = prng(seed);
  const shuffled = [...alphabet];
  for (let i = shuffled.length - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    [shuffled[i], shuffled[j]] = [shuffled[j]!, shuffled[i]!];
  }
  const cipher = new Map(alphabet.map((ch, i) => [ch, shuffled[i]!]));
  const parts: string[] = [];
  let length = 0;
  while (length < chars) {
    let paragraph = '\u3000\u3000';
    const n = 3 + Math.floor(rnd() * 5);
    for (let i = 0; i < n; i++) paragraph += sentences[Math.floor(rnd() * sentences.length)]!;
    paragraph = [...paragraph].map((ch) => cipher.get(ch) ?? ch).join('') + '\n';
    parts.push(paragraph);
    length += paragraph.length;
  }
  return parts.join('').slice(0, chars);
}

/** Page furniture that real portals repeat around every article. */
export const FURNITURE = [
  '首页 | 新闻 | 国内 | 国际 | 财经 | 体育 | 评论 | 登录 | 注册',
  '当前位置：首页 > 新闻中心 > 要闻',
  '责任编辑：王某某　　来源：本站综合　　阅读 12,345 次',
  '上一篇：返回列表　下一篇：暂无',
  '版权所有 © 2020 本网站 All Rights Reserved 京ICP备00000000号',
].join('\n');

export interface BigPage {
  text: string;
  /** Where each seed file was placed in the page. */
  placements: Array<{ file: string; start: number; end: number }>;
}

/**
 * A page of about `chars` UTF-16 units: every seed file once (references and
 * the scrambled specimen 002), each wrapped in furniture and separated by
 * unrelated cipher text. Expected result: each reference matched where it was
 * placed, 002's spun sections reported as in the seed itself, nothing matched
 * in the filler.
 */
export function bigPage(source: CorpusSource, chars = 1_000_000, seed = 7): BigPage {
  const files = Object.keys(source.files).sort();
  const seedChars = files.reduce((n, f) => n + source.files[f]!.length, 0);
  const gaps = files.length + 1;
  const filler = unrelatedText(source, Math.max(0, chars - seedChars - gaps * (FURNITURE.length + 2)), seed);
  const gapLength = Math.floor(filler.length / gaps);
  let text = '';
  const placements: BigPage['placements'] = [];
  for (let i = 0; i < gaps; i++) {
    text += `${FURNITURE}\n${filler.slice(i * gapLength, i === gaps - 1 ? filler.length : (i + 1) * gapLength)}\n`;
    const file = files[i];
    if (file === undefined) break;
    placements.push({ file, start: text.length, end: text.length + source.files[file]!.length });
    text += source.files[file]!;
    text += '\n';
  }
  return { text, placements };
}

/**
 * A corpus of the real seeds plus `n` synthetic references, "other bulletins
 * in the same stock phrases": 30 to 60 reference sentences drawn at random,
 * with each Han character replaced by a random one with probability
 * `mutation`. At 0.4 about 8% of 5-grams survive, so the synthetic references
 * share stock phrases with the real ones (the candidate stage must still sift
 * them) without being copies of them.
 */
export function syntheticCorpus(source: CorpusSource, n: number, seed = 11, mutation = 0.4): CorpusSource {
  const sentences = referenceSentences(source);
  const alphabet = hanAlphabet(sentences);
  const rnd = prng(seed);
  const entries: ArticleEntry[] = [...source.entries];
  const files: Record<string, string> = { ...source.files };
  for (let i = 0; i < n; i++) {
    const count = 30 + Math.floor(rnd() * 31);
    // Built with join, not +=: concatenation leaves V8 ropes that the engine
    // flattens later, and freeing the rope nodes would make the index's
    // measured memory come out negative.
    const parts: string[] = [];
    for (let s = 0; s < count; s++) {
      const chars: string[] = [];
      for (const ch of sentences[Math.floor(rnd() * sentences.length)]!) {
        chars.push(isHan(ch.charCodeAt(0)) && rnd() < mutation ? alphabet[Math.floor(rnd() * alphabet.length)]! : ch);
      }
      if (s % 4 === 0) parts.push('\n\u3000\u3000');
      parts.push(chars.join(''));
    }
    const headline = `合成通报第${i + 1}号`;
    const text = [headline, '\n', ...parts, '\n'].join('');
    const file = `synthetic_${String(i).padStart(5, '0')}.txt`;
    files[file] = text;
    entries.push({
      id: `synthetic-${i}`,
      file,
      start: 0,
      end: text.length,
      headline,
      publisher: '合成',
      date: '2020-01-01',
      role: 'reference',
    });
  }
  return { entries, files };
}
