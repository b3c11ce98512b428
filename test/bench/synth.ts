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

/** A genre's formulas: the slots ({date}, {body}, ...) are filled per bulletin. */
export interface Genre {
  headlines: readonly string[];
  datelines: readonly string[];
  openings: readonly string[];
  leads: readonly string[];
  instructions: readonly string[];
  closings: readonly string[];
  provinces: readonly string[];
  names: readonly string[];
}

/**
 * The genre's formulas (issue 7, corpus scale): how meeting bulletins of
 * central and local Party committees and epidemic command centres open, move
 * from point to point and close, with the instruction sentences they all
 * quote. Written for Yuanwen from the structure of the seed references. Most
 * of these formulas are in the engine's stock-phrase list
 * (lib/engine/data/stock-phrases.json), so a corpus built from them measures
 * the engine together with that list: see HELD_OUT_GENRE for the honest half.
 */
export const GENRE: Genre = {
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

/**
 * A second set of the genre's formulas, held out from the engine: not one
 * stock phrase of lib/engine/data/stock-phrases.json occurs in any of them
 * (test/engine/corpus-scale.test.ts asserts it), so the engine cannot know
 * them as template and must tell bulletins apart by content alone. Written by
 * hand for Yuanwen in the phrasing of other meeting genres than the seeds':
 * provincial government executive meetings (省政府常务会议), a department's
 * Party group meetings and theory study sessions (厅党组会议, 理论学习中心组),
 * ministry office meetings (部长办公会议), and the policy sentences such
 * bulletins quote from year to year. The same structure and slot rates as
 * GENRE, so the two conditions differ only in whether the engine has the
 * formulas in its list.
 */
export const HELD_OUT_GENRE: Genre = {
  headlines: [
    '省人民政府召开常务会议 审议{topic}',
    '厅党组召开理论学习中心组学习会 专题研讨{topic}',
    '部长办公会议部署{topic}',
    '区委理论学习中心组举行集体学习 聚焦{topic}',
    '州人民政府召开全体会议 安排{topic}',
  ],
  datelines: ['据省政府网站消息，{date}上午，', '（{province}日报融媒体报道组）{date}下午，', '来源：{province}省人民政府办公厅 发布时间：{date} ', '{province}之声讯 {date}晚，'],
  openings: [
    '省人民政府召开常务会议，省长{name}主持。会议审议通过了{body}副省长们分别汇报了分管领域情况。',
    '厅党组召开会议，由厅党组书记{name}主持，集中学习近期中央文件，{body}厅领导班子成员参加。',
    '区委理论学习中心组举行专题学习会，区委书记{name}主持并作总结发言。{body}区四套班子领导参加学习。',
    '部长办公会议在部机关举行，部长{name}出席并作部署。会议逐项审议了{body}各司局主要负责同志列席。',
  ],
  leads: ['与会同志一致认为，', '会上明确，', '会议提出，', '会议明确要求，', '{name}在讲话中表示，', '会议通报了', '会议研究确定，', '会议布置了'],
  instructions: [
    '坚持以人民为中心的发展思想，',
    '牢牢守住不发生规模性返贫的底线，',
    '全力以赴稳增长、促改革、调结构、惠民生、保稳定，',
    '以钉钉子精神抓好各项任务落实，',
    '把党的领导贯穿于各方面全过程，',
    '加快构建新发展格局，',
    '切实把思想和行动统一到中央和省委的部署要求上来，',
    '确保各项目标任务如期完成。',
  ],
  closings: ['会议还审议通过了其他议题。', '会议还就近期重点工作作了安排。', ''],
  provinces: ['云南', '贵州', '江西', '安徽', '陕西', '甘肃', '广西', '吉林'],
  names: ['赵国庆', '孙立新', '周海波', '吴建军', '郑晓东', '冯志刚'],
};

/**
 * The genre split into `n` page templates, one per publisher: each fixes one
 * province and one official's name (every bulletin of a provincial paper
 * names the same secretary), so a template's fingerprints are held by about
 * 1/n of the corpus instead of most of it. A page of another meeting from the
 * same publisher then shares all its formulas with a few references only: the
 * "provincial meeting of another date on the same template" at corpus scale,
 * where document frequency alone does not make the formulas boilerplate.
 */
export function templateFamilies(genre: Genre, n: number): Genre[] {
  const surnames = ['赵', '孙', '周', '吴', '郑', '冯', '褚', '卫', '蒋', '沈'];
  const given = ['国庆', '立新', '海波', '建军', '晓东', '志刚', '红梅', '文斌', '永平', '德胜'];
  return Array.from({ length: n }, (_, i) => ({
    ...genre,
    provinces: [genre.provinces[i % genre.provinces.length]!],
    names: [`${surnames[i % surnames.length]}${given[Math.floor(i / surnames.length) % given.length]}`],
  }));
}

/** Every formula of a genre (the slot names left in), for the held-out test. */
export function genreFormulas(g: Genre): string[] {
  return [...g.headlines, ...g.datelines, ...g.openings, ...g.leads, ...g.instructions, ...g.closings].filter((f) => f.length > 0);
}

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
export function genreBulletins(source: CorpusSource, n: number, seed = 21, paragraphCount: readonly [number, number] = [4, 7], genre: Genre | readonly Genre[] = GENRE): GenreBulletin[] {
  const rnd = prng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const shapes = referenceSentences(source).filter((s) => s.length >= 12 && s.length <= 80);
  const alphabet = hanAlphabet(shapes);
  const sentence = () =>
    [...pick(shapes)].map((ch) => (isHan(ch.charCodeAt(0)) ? alphabet[Math.floor(rnd() * alphabet.length)]! : ch)).join('');
  const out: GenreBulletin[] = [];
  const genres: readonly Genre[] = Array.isArray(genre) ? genre : [genre as Genre];
  for (let i = 0; i < n; i++) {
    // Bulletin i is of template i mod the number of templates.
    const g = genres[i % genres.length]!;
    const month = 1 + Math.floor(rnd() * 12);
    const day = 1 + Math.floor(rnd() * 28);
    const fill = (t: string) =>
      t
        .replace('{date}', `${month}月${day}日`)
        .replace('{province}', pick(g.provinces))
        .replace('{name}', pick(g.names))
        .replace('{topic}', sentence().slice(0, 12).replace(/[，。！？、]/g, ''))
        .replace('{body}', sentence());
    const headline = fill(pick(g.headlines));
    const paragraphs = [fill(pick(g.datelines)) + fill(pick(g.openings))];
    const count = paragraphCount[0] + Math.floor(rnd() * (paragraphCount[1] - paragraphCount[0] + 1));
    for (let p = 0; p < count; p++) {
      let para = fill(pick(g.leads));
      const sentences = 2 + Math.floor(rnd() * 3);
      for (let s = 0; s < sentences; s++) para += (rnd() < 0.35 ? pick(g.instructions) : '') + sentence();
      paragraphs.push(para);
    }
    const closing = pick(g.closings);
    if (closing) paragraphs.push(closing);
    out.push({ headline, text: [headline, '', ...paragraphs.map((p) => `\u3000\u3000${p}`)].join('\n') });
  }
  return out;
}

/** The seeds plus `n` genre bulletins as references (synthetic_genre_NNNNN.txt). */
export function genreCorpus(source: CorpusSource, n: number, seed = 21, paragraphs: readonly [number, number] = [4, 7], genre: Genre | readonly Genre[] = GENRE): CorpusSource {
  const entries: ArticleEntry[] = [...source.entries];
  const files: Record<string, string> = { ...source.files };
  genreBulletins(source, n, seed, paragraphs, genre).forEach((b, i) => {
    const file = `synthetic_genre_${String(i).padStart(5, '0')}.txt`;
    files[file] = b.text;
    entries.push({ id: `genre-${i}`, file, start: 0, end: b.text.length, headline: b.headline, publisher: '合成', date: '2020-01-01', role: 'reference' });
  });
  return { entries, files };
}
