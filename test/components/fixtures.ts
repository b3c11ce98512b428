// Hand-built reports for the view tests. The engine is written in parallel,
// so these fixtures apply edits to a reference text themselves and record
// exact spans, the way the engine reports them.
import type { Counts, Difference, Match, Report } from '../../lib/engine/types';
import type { TabReport } from '../../lib/protocol';

export type Edit =
  | { find: string; replace: string; kind: 'spin'; distorting?: boolean }
  | { find: string; replace: string; kind: 'alteration'; subkind?: 'number' | 'negation' | 'name' | 'wording' }
  | { find: string; kind: 'omission' }
  | { find: string; insert: string; kind: 'insertion' }
  /** Not a difference: a whitespace or line-break variant the engine folds away. */
  | { find: string; replace: string; kind: 'equivalent' };

export interface BuiltPair {
  pageText: string;
  match: Match;
}

/**
 * Applies `edits` in order (each found after the previous one) to refText's
 * region [start, end) and returns the page text (prefix + edited region +
 * suffix) and a match whose differences carry exact spans on both sides.
 */
export function applyEdits(
  refText: string,
  start: number,
  end: number,
  edits: Edit[],
  opts: { prefix?: string; suffix?: string; file?: string } = {},
): BuiltPair {
  const prefix = opts.prefix ?? '';
  let page = prefix;
  let cursor = start;
  const differences: Difference[] = [];
  for (const e of edits) {
    const at = refText.indexOf(e.find, cursor);
    if (at < 0 || at + e.find.length > end) throw new Error(`edit not found: ${e.find}`);
    page += refText.slice(cursor, at);
    const p0 = page.length;
    switch (e.kind) {
      case 'spin':
      case 'alteration':
      case 'equivalent': {
        page += e.replace;
        cursor = at + e.find.length;
        if (e.kind === 'spin') {
          differences.push({ kind: 'spin', distorting: e.distorting ?? false, listed: true, ref: { start: at, end: cursor }, page: { start: p0, end: page.length }, refText: e.find, pageText: e.replace });
        } else if (e.kind === 'alteration') {
          differences.push({ kind: 'alteration', subkind: e.subkind ?? 'wording', distorting: e.subkind === 'negation', ref: { start: at, end: cursor }, page: { start: p0, end: page.length }, refText: e.find, pageText: e.replace });
        }
        break;
      }
      case 'omission':
        cursor = at + e.find.length;
        differences.push({ kind: 'omission', ref: { start: at, end: cursor }, page: { start: p0, end: p0 }, refText: e.find, pageText: '' });
        break;
      case 'insertion':
        // Insert right before `find`.
        page += e.insert;
        cursor = at;
        differences.push({ kind: 'insertion', ref: { start: at, end: at }, page: { start: p0, end: page.length }, refText: '', pageText: e.insert });
        break;
    }
  }
  page += refText.slice(cursor, end);
  const pageEnd = page.length;
  page += opts.suffix ?? '';
  const counts = countsOf(differences);
  const verdict = counts.alteration + counts.omission + counts.insertion > 0 ? (counts.spin > 3 ? 'scrambled' : 'edited') : counts.spin > 0 ? 'scrambled' : 'faithful';
  return {
    pageText: page,
    match: {
      ref: { id: 'test-ref', file: opts.file ?? 'test.txt', start, end, headline: '测试原文标题', publisher: '新华社', date: '2020-02-03' },
      page: { start: prefix.length, end: pageEnd },
      quote: false,
      verdict,
      counts,
      differences,
    },
  };
}

export function countsOf(ds: readonly Difference[]): Counts {
  const c: Counts = { spin: 0, distorting: 0, alteration: 0, omission: 0, insertion: 0, move: 0, bySubkind: { number: 0, negation: 0, name: 0, wording: 0 } };
  for (const d of ds) {
    if (d.kind === 'spin') {
      c.spin++;
      if (d.distorting) c.distorting++;
    } else if (d.kind === 'alteration') {
      c.alteration++;
      c.bySubkind[d.subkind]++;
    } else c[d.kind]++;
  }
  return c;
}

export const sampleRef = [
  '中共中央政治局常务委员会召开会议',
  '研究加强新型冠状病毒感染的肺炎疫情防控工作',
  '　　新华社北京2月3日电　中共中央政治局常务委员会2月3日召开会议，听取中央应对新型冠状病毒感染肺炎疫情工作领导小组汇报。',
  '　　会议指出，疫情发生后，党中央高度重视，及时作出部署，各级党委和政府坚决贯彻落实。',
  '　　会议强调，要加强社会力量组织动员，做好群众工作。',
  '　　会议要求，各级领导干部必须不忘初心、牢记使命。',
  '',
].join('\n');

/** A spun, edited repost of sampleRef with furniture around it. */
export function samplePair(): BuiltPair {
  const start = 0;
  const end = sampleRef.length - 1;
  return applyEdits(
    sampleRef,
    start,
    end,
    [
      { find: '政治局', replace: '政事局', kind: 'spin' },
      { find: '\n', replace: '\n\n', kind: 'equivalent' },
      { find: '2月3日召开', replace: '2月5日召开', kind: 'alteration', subkind: 'number' },
      { find: '应对', replace: '玩忽', kind: 'spin', distorting: true },
      { find: '工作领导', replace: '服务率领', kind: 'spin' },
      { find: '及时', replace: '实时', kind: 'spin' },
      { find: '各级党委和政府坚决贯彻落实。', kind: 'omission' },
      { find: '社会力量', replace: '社会力\n\n量', kind: 'equivalent' },
      { find: '做好', replace: '作念好', kind: 'spin' },
      { find: '　　会议要求', insert: '　　本站编者按：以上内容转自网络。\n', kind: 'insertion' },
      { find: '不忘初心', replace: '忘记初心', kind: 'alteration', subkind: 'negation' },
    ],
    { prefix: '久久伊人五月天 > 新闻 > 正文\n\n', suffix: '\n\n上一篇 下一篇 版权所有' },
  );
}

export function sampleReport(): { report: Report; tab: TabReport; refFiles: Record<string, string> } {
  const { pageText, match } = samplePair();
  const report: Report = { verdict: match.verdict, matches: [match], unmatched: [], counts: match.counts };
  return {
    report,
    tab: { url: 'https://example.com/news/1.html', generation: 1, report, text: pageText, verifiedAt: 0 },
    refFiles: { 'test.txt': sampleRef },
  };
}
