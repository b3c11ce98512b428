// Test inputs made from the references: reposts wrapped in page furniture,
// Traditional-script copies, hand-edited copies with known alterations, and
// copies run through a spinner. Everything is generated from seeds/ at test
// time, so the expectations follow the corpus rather than hard-coded counts.
import * as OpenCC from 'opencc-js';
import { loadCorpus } from '../../lib/corpus/node';
import { buildIndex, type CorpusIndex } from '../../lib/engine';
import type { AlterationSubkind, ArticleEntry, CorpusSource, DifferenceKind } from '../../lib/engine/types';

let corpus: CorpusSource | null = null;
let index: CorpusIndex | null = null;

export function testCorpus(): CorpusSource {
  return (corpus ??= loadCorpus());
}

export function testIndex(): CorpusIndex {
  return (index ??= buildIndex(testCorpus()));
}

export function references(): ArticleEntry[] {
  return testCorpus().entries.filter((e) => e.role === 'reference');
}

export function article(id: string): { entry: ArticleEntry; text: string; fileText: string } {
  const entry = testCorpus().entries.find((e) => e.id === id);
  if (!entry) throw new Error(`no article ${id}`);
  const fileText = testCorpus().files[entry.file]!;
  return { entry, text: fileText.slice(entry.start, entry.end), fileText };
}

export function seedText(file: string): string {
  return testCorpus().files[file]!;
}

/** Typical content-farm page furniture around a reposted bulletin. */
export function wrapInFurniture(body: string): { text: string; offset: number } {
  const head = [
    '首页 | 新闻 | 财经 | 娱乐 | 体育 | 科技 | 房产 | 汽车',
    '当前位置：首页 > 时政要闻 > 正文',
    '发布时间：2023-09-14 12:02　　来源：网络　　点击次数：1,024',
    '',
    '',
  ].join('\n');
  const tail = [
    '',
    '',
    '责任编辑：小王　　【打印本页】【关闭窗口】',
    '网友评论：这篇文章写得好！ 2023-09-15 08:31',
    '热门推荐：十大旅游景点排行　手机数码最新报价　夏季养生小常识',
    '关于我们 | 联系我们 | 广告服务 | 网站地图 | 免责声明',
    'Copyright © 2023 某某资讯网 All Rights Reserved. 京ICP备00000000号',
  ].join('\n');
  return { text: head + body + tail, offset: head.length };
}

const converters = new Map<string, (s: string) => string>();
/** Simplified -> Traditional with opencc-js: 'tw' (Taiwan standard), 'twp' (Taiwan, with Taiwan vocabulary), 'hk' (Hong Kong), 't' (OpenCC standard). */
export function toTraditional(text: string, to: 'tw' | 'twp' | 'hk' | 't'): string {
  let c = converters.get(to);
  if (!c) converters.set(to, (c = OpenCC.Converter({ from: 'cn', to })));
  return c(text);
}

/** A hand edit: inside the unique `context`, replace `from` with `to`. */
export interface EditSpec {
  context: string;
  from: string;
  to: string;
  kind: DifferenceKind;
  subkind?: AlterationSubkind;
}

export interface ExpectedEdit {
  kind: DifferenceKind;
  subkind?: AlterationSubkind;
  /** Reference span in file offsets (an empty span for an insertion point). */
  refStart: number;
  refEnd: number;
  label: string;
}

/** Applies edits to an article's text and says where in the seed file each one is. */
export function applyEdits(id: string, edits: readonly EditSpec[]): { text: string; expected: ExpectedEdit[] } {
  const { entry, text } = article(id);
  const located = edits.map((e) => {
    const at = text.indexOf(e.context);
    if (at < 0 || text.indexOf(e.context, at + 1) >= 0) throw new Error(`context not unique in ${id}: ${e.context}`);
    const inner = e.context.indexOf(e.from);
    if (inner < 0) throw new Error(`'${e.from}' not in context '${e.context}'`);
    return { ...e, start: at + inner, end: at + inner + e.from.length };
  });
  located.sort((a, b) => a.start - b.start);
  let out = '';
  let pos = 0;
  for (const e of located) {
    if (e.start < pos) throw new Error('edits overlap');
    out += text.slice(pos, e.start) + e.to;
    pos = e.end;
  }
  out += text.slice(pos);
  return {
    text: out,
    expected: located.map((e) => ({
      kind: e.kind,
      subkind: e.subkind,
      refStart: entry.start + e.start,
      refEnd: entry.start + e.end,
      label: `${e.from || '∅'} → ${e.to || '∅'}`,
    })),
  };
}

/**
 * A toy spinner: swaps words by a dictionary, left to right, longest first,
 * the way 伪原创 tools do. Returns the spun text and the raw spans of every
 * swap in the input and output, for exact recall and precision.
 */
export function spin(text: string, pairs: ReadonlyArray<readonly [string, string]>): { text: string; swaps: Array<{ inStart: number; inEnd: number; outStart: number; outEnd: number; from: string; to: string }> } {
  const sorted = [...pairs].sort((a, b) => b[0].length - a[0].length);
  let out = '';
  const swaps: Array<{ inStart: number; inEnd: number; outStart: number; outEnd: number; from: string; to: string }> = [];
  let i = 0;
  while (i < text.length) {
    const hit = sorted.find(([from]) => text.startsWith(from, i));
    if (hit) {
      swaps.push({ inStart: i, inEnd: i + hit[0].length, outStart: out.length, outEnd: out.length + hit[1].length, from: hit[0], to: hit[1] });
      out += hit[1];
      i += hit[0].length;
    } else {
      out += text[i];
      i++;
    }
  }
  return { text: out, swaps };
}

/**
 * A bulletin of another meeting, written in the same stock phrases as the
 * references (opening formula, leading group, closing formula) but about other
 * business. Composed for these tests; it is not a copy of any reference.
 */
export const otherMeetingBulletin = `中共中央政治局常务委员会召开会议
研究统筹做好疫情防控和经济社会发展工作
中共中央总书记习近平主持会议

新华社北京2月12日电 中共中央政治局常务委员会2月12日召开会议，听取中央应对新型冠状病毒感染肺炎疫情工作领导小组和有关部门关于疫情防控工作情况的汇报，研究统筹做好疫情防控和经济社会发展工作。中共中央总书记习近平主持会议并发表重要讲话。

会议认为，经过艰苦努力，当前疫情防控形势积极向好的态势正在拓展，但全国疫情发展拐点尚未到来，湖北省和武汉市防控形势依然严峻复杂。各地要咬紧牙关，继续毫不放松抓紧抓实抓细各项防控工作。

会议强调，要加大收治力度，统筹调配医疗资源，充实基层医疗力量，扩充床位供给，确保应收尽收、应治尽治。要加强医务人员安全防护，落实补助政策，帮助解决后顾之忧。

会议指出，要在做好防控工作的前提下，全力支持和组织推动各类生产企业复工复产，加大金融支持力度，落实减税降费政策，稳定就业大局。要抓好春耕备耕，确保农业生产不误农时，保障主要农产品供给。

会议要求，各级党委和政府要压实责任，科学研判形势，精准把握疫情，统筹做好改革发展稳定各项工作，努力实现今年经济社会发展目标任务。

会议还研究了其他事项。`;

const hanChars = (s: string) => (s.match(/[\u4e00-\u9fff]/g) ?? []).length;

/**
 * Every way of moving one paragraph (of at least 60 Han characters) of a
 * reference to the end, or to just after its dateline, that really moves it:
 * past at least one other paragraph (blank lines do not count; moving the
 * last paragraph to the end, or the one after the dateline to the front,
 * changes nothing and must stay faithful).
 */
export function moveCases(id: string): Array<{ label: string; page: string; paragraph: string }> {
  const lines = article(id).text.split('\n');
  const out: Array<{ label: string; page: string; paragraph: string }> = [];
  const someText = (from: number, to: number) => lines.slice(from, to).some((l) => l.trim() !== '');
  const dateline = lines.findIndex((l) => hanChars(l) >= 60);
  lines.forEach((line, i) => {
    if (i < 4 || hanChars(line) < 60) return;
    const rest = lines.filter((_, j) => j !== i);
    if (someText(i + 1, lines.length)) out.push({ label: `${id} paragraph ${i} to the end`, page: [...rest, line].join('\n'), paragraph: line });
    if (dateline >= 0 && dateline < i && someText(dateline + 1, i)) {
      out.push({ label: `${id} paragraph ${i} to the front`, page: [...lines.slice(0, dateline + 1), line, ...lines.slice(dateline + 1).filter((_, j) => j + dateline + 1 !== i)].join('\n'), paragraph: line });
    }
  });
  return out;
}
