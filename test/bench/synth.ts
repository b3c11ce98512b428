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

// ------------------------------------------------------------ same-genre corpus

/**
 * The genre's formulas (issue 7, corpus scale): how meeting bulletins of
 * central and local Party committees and epidemic command centres open, move
 * from point to point and close, with the instruction sentences they all
 * quote. Written for Yuanwen from the structure of the seed references; the
 * slots ({date}, {body}, ...) are filled per bulletin.
 */
const GENRE = {
  headlines: [
    '中共中央政治局常务委员会召开会议 研究{topic}',
    '省委召开常委会会议 传达学习习近平总书记重要讲话精神 研究{topic}',
    '市委常委会召开扩大会议强调 {topic}',
    '省疫情联防联控指挥部召开会议 {topic}',
    '县委召开常委会会议 研究部署{topic}',
  ],
  datelines: ['新华社北京{date}电 ', '本报讯 {date}，', '{province}在线消息 {date},', '记者 {name} 报道 {date}，'],
  openings: [
    '中共中央政治局常务委员会{date}召开会议，{body}中共中央总书记习近平主持会议并发表重要讲话。',
    '省委召开常委会会议，传达学习习近平总书记重要讲话精神，听取{body}工作汇报，研究部署下一步工作。省委书记{name}主持会议并讲话。',
    '市委常委会召开扩大会议，深入贯彻落实习近平总书记重要讲话指示精神，{body}市委书记{name}主持会议。',
    '省疫情联防联控指挥部召开会议，深入贯彻习近平总书记关于疫情防控的重要指示精神，{body}省长{name}主持会议并讲话。',
  ],
  leads: ['会议指出，', '会议强调，要', '会议要求，', '会议认为，', '会议决定，', '习近平强调，', '{name}指出，', '会议号召，'],
  instructions: [
    '要坚持人民至上、生命至上，',
    '把人民群众生命安全和身体健康放在第一位，',
    '切实增强“四个意识”、坚定“四个自信”、做到“两个维护”，',
    '各级党政领导干部特别是主要领导干部要坚守岗位、靠前指挥，',
    '做到守土有责、守土负责、守土尽责，',
    '落实早发现、早报告、早隔离、早治疗要求，',
    '统筹做好疫情防控和经济社会发展工作，',
    '坚决打赢疫情防控阻击战。',
  ],
  closings: ['会议还研究了其他事项。', '会议还研究了其他重要事项。', ''],
  provinces: ['四川', '河南', '江苏', '湖北', '浙江', '广东', '山东', '福建'],
  names: ['王建国', '李明华', '张卫东', '刘志强', '陈光明', '杨振华'],
};

export interface GenreBulletin {
  headline: string;
  text: string;
}

/**
 * `n` bulletins of the genre: each a headline, dateline and opening formula,
 * four to seven paragraphs (or paragraphCount) that open with the genre's leads and quote its
 * instruction sentences between sentences of unrelated content, and a
 * closing. Content sentences have the lengths and punctuation of reference
 * sentences, every Han character drawn at random from the references' Han
 * alphabet: unrelated text, different in every bulletin. Two bulletins share
 * formulas, datelines and instructions, never content: the lookalikes a large
 * corpus of one genre is full of.
 */
export function genreBulletins(source: CorpusSource, n: number, seed = 21, paragraphCount: readonly [number, number] = [4, 7]): GenreBulletin[] {
  const rnd = prng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const shapes = referenceSentences(source).filter((s) => s.length >= 12 && s.length <= 80);
  const alphabet = hanAlphabet(shapes);
  const sentence = () =>
    [...pick(shapes)].map((ch) => (isHan(ch.charCodeAt(0)) ? alphabet[Math.floor(rnd() * alphabet.length)]! : ch)).join('');
  const out: GenreBulletin[] = [];
  for (let i = 0; i < n; i++) {
    const month = 1 + Math.floor(rnd() * 12);
    const day = 1 + Math.floor(rnd() * 28);
    const fill = (t: string) =>
      t
        .replace('{date}', `${month}月${day}日`)
        .replace('{province}', pick(GENRE.provinces))
        .replace('{name}', pick(GENRE.names))
        .replace('{topic}', sentence().slice(0, 12).replace(/[，。！？、]/g, ''))
        .replace('{body}', sentence());
    const headline = fill(pick(GENRE.headlines));
    const paragraphs = [fill(pick(GENRE.datelines)) + fill(pick(GENRE.openings))];
    const count = paragraphCount[0] + Math.floor(rnd() * (paragraphCount[1] - paragraphCount[0] + 1));
    for (let p = 0; p < count; p++) {
      let para = fill(pick(GENRE.leads));
      const sentences = 2 + Math.floor(rnd() * 3);
      for (let s = 0; s < sentences; s++) para += (rnd() < 0.35 ? pick(GENRE.instructions) : '') + sentence();
      paragraphs.push(para);
    }
    const closing = pick(GENRE.closings);
    if (closing) paragraphs.push(closing);
    out.push({ headline, text: [headline, '', ...paragraphs.map((p) => `\u3000\u3000${p}`)].join('\n') });
  }
  return out;
}

/** The seeds plus `n` genre bulletins as references (synthetic_genre_NNNNN.txt). */
export function genreCorpus(source: CorpusSource, n: number, seed = 21, paragraphs: readonly [number, number] = [4, 7]): CorpusSource {
  const entries: ArticleEntry[] = [...source.entries];
  const files: Record<string, string> = { ...source.files };
  genreBulletins(source, n, seed, paragraphs).forEach((b, i) => {
    const file = `synthetic_genre_${String(i).padStart(5, '0')}.txt`;
    files[file] = b.text;
    entries.push({ id: `genre-${i}`, file, start: 0, end: b.text.length, headline: b.headline, publisher: '合成', date: '2020-01-01', role: 'reference' });
  });
  return { entries, files };
}
