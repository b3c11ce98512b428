import { describe, expect, it } from 'vitest';
import { bannerMessage, bannerOfReport as bannerModel } from '../../lib/present/banner';
import { makeT } from '../components/t';
import { differenceTotal, hasFindings, keyMatches, marksOf } from '../../lib/dom/marks';
import type { Counts, Report } from '../../lib/engine/types';

function counts(c: Partial<Omit<Counts, 'bySubkind'>> & { bySubkind?: Partial<Counts['bySubkind']> } = {}): Counts {
  return {
    spin: c.spin ?? 0,
    distorting: c.distorting ?? 0,
    alteration: c.alteration ?? 0,
    omission: c.omission ?? 0,
    insertion: c.insertion ?? 0,
    move: c.move ?? 0,
    bySubkind: { number: 0, negation: 0, name: 0, wording: 0, ...c.bySubkind },
  };
}

const ref = { id: 'r', file: 'f.txt', start: 0, end: 100, headline: '标题', publisher: '新华社', date: '2020-02-03' };

/** A hand-made report: one match with one difference of each kind, and a scrambled region. */
const report: Report = {
  verdict: 'scrambled',
  counts: counts({ spin: 2, distorting: 1, alteration: 1, omission: 1, insertion: 1, bySubkind: { number: 1 } }),
  matches: [
    {
      ref,
      page: { start: 0, end: 60 },
      quote: false,
      verdict: 'scrambled',
      counts: counts({ spin: 2, distorting: 1, alteration: 1, omission: 1, insertion: 1, bySubkind: { number: 1 } }),
      differences: [
        { kind: 'spin', distorting: true, listed: true, ref: { start: 1, end: 3 }, page: { start: 1, end: 3 }, refText: '应对', pageText: '玩忽' },
        { kind: 'spin', distorting: false, listed: true, ref: { start: 5, end: 7 }, page: { start: 5, end: 7 }, refText: '工作', pageText: '服务' },
        { kind: 'alteration', subkind: 'number', distorting: false, ref: { start: 9, end: 10 }, page: { start: 9, end: 10 }, refText: '3', pageText: '5' },
        { kind: 'omission', ref: { start: 20, end: 30 }, page: { start: 20, end: 20 }, refText: '这是一句话', pageText: '' },
        { kind: 'insertion', ref: { start: 40, end: 40 }, page: { start: 30, end: 40 }, refText: '', pageText: '加上的一句' },
      ],
    },
  ],
  unmatched: [
    { page: { start: 60, end: 80 }, scrambled: false, signs: [{ page: { start: 61, end: 63 }, pageText: '服务', original: '工作', distorting: false }] },
    {
      page: { start: 80, end: 120 },
      scrambled: true,
      restored: '……',
      signs: [
        { page: { start: 81, end: 84 }, pageText: '东谈主', original: '人', distorting: false },
        { page: { start: 90, end: 92 }, pageText: '玩忽', original: '应对', distorting: true },
      ],
    },
  ],
};

const t = makeT('zh_CN');

describe('marks', () => {
  it('gives each difference its display kind as its layer, and only scrambled regions their signs; a distorting sign is red like any distorting finding', () => {
    const marks = marksOf(report);
    expect(marks.map((m) => [m.layer, m.kind, m.reason, m.pageText])).toEqual([
      ['distorting', 'distorting', 'distorting', '玩忽'],
      ['spin', 'spin', 'spin', '服务'],
      ['number', 'number', 'number', '5'],
      ['omission', 'omission', 'omission', ''],
      ['insertion', 'insertion', 'insertion', '加上的一句'],
      ['scrambled', 'spin', 'scrambled', '东谈主'],
      ['distorting', 'distorting', 'scrambled-distorting', '玩忽'],
    ]);
    expect(marks[0]!.original).toBe('应对');
    expect(marks[0]!.source).toEqual({ publisher: '新华社', date: '2020-02-03', headline: '标题' });
    expect(marks[6]!.original).toBe('应对');
    expect(marks[6]!.source).toBeUndefined();
  });

  it('finds marks by RevealRequest keys (match/difference, or region/sign, or flat sign index)', () => {
    const marks = marksOf(report);
    expect(marks.filter((m) => keyMatches(m.key, { match: 0, difference: 2 })).map((m) => m.pageText)).toEqual(['5']);
    expect(marks.filter((m) => keyMatches(m.key, { match: -1, region: 1, difference: 1 })).map((m) => m.pageText)).toEqual(['玩忽']);
    // flat index counts the signs of every region, the unscrambled one included
    expect(marks.filter((m) => keyMatches(m.key, { match: -1, difference: 2 })).map((m) => m.pageText)).toEqual(['玩忽']);
  });

  it('counts and findings', () => {
    expect(differenceTotal(report)).toBe(5);
    expect(hasFindings(report)).toBe(true);
    expect(hasFindings({ verdict: 'unmatched', matches: [], unmatched: [report.unmatched[0]!], counts: counts() })).toBe(false);
  });
});

describe('banner text', () => {
  it('leads with the verdict, then the worst finding with its example, then counts that add up, then the legend', () => {
    const b = bannerModel(report, t)!;
    expect(b.tone).toBe('scrambled');
    expect(b.verdict).toBe('被机器改写过');
    expect(b.worst).toBe('意思被扭曲：原文“应对”，本页“玩忽”');
    expect(b.detail).toBe('本页共标出 7 处：5 处与原文不同（对照新华社 2020年2月3日原文）；2 处机器换词找不到原文');
    expect(b.legend.map((l) => `${l.label} ${l.n}`)).toEqual(['意思被扭曲 2', '数字或日期被改 1', '删去了原文 1', '加了原文没有的话 1', '机器换词 2']);
    expect(bannerMessage(b).split('\n')[0]).toBe('被机器改写过');
  });

  it('counts originals, not matches: one original quoted twice is one original', () => {
    const m = report.matches[0]!;
    const twice: Report = { ...report, matches: [m, { ...m, page: { start: m.page.end + 10, end: m.page.end + 20 } }] };
    expect(bannerModel(twice, t)!.detail).toContain('（对照新华社 2020年2月3日原文）');
    const other: Report = { ...report, matches: [m, { ...m, ref: { ...m.ref, id: 'another' }, page: { start: m.page.end + 10, end: m.page.end + 20 } }] };
    expect(bannerModel(other, t)!.detail).toContain('等 2 篇原文');
  });

  it('a faithful repost', () => {
    const faithful: Report = { verdict: 'faithful', counts: counts(), unmatched: [], matches: [{ ...report.matches[0]!, verdict: 'faithful', counts: counts(), differences: [] }] };
    const b = bannerModel(faithful, t)!;
    expect([b.tone, b.verdict, b.detail]).toEqual(['faithful', '与原文一致', '对照新华社 2020年2月3日原文：文字一致，未发现改动。']);
  });

  it('only spun text with no original', () => {
    const r: Report = { verdict: 'unmatched', counts: counts(), matches: [], unmatched: report.unmatched };
    const b = bannerModel(r, t)!;
    expect([b.tone, b.verdict, b.detail]).toEqual(['scrambled', '疑似机器改写', '2 处机器换词找不到原文']);
  });

  it('nothing to say on a page with no bulletin', () => {
    expect(bannerModel({ verdict: 'unmatched', counts: counts(), matches: [], unmatched: [] }, t)).toBeNull();
  });
});
