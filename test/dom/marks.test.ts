import { describe, expect, it } from 'vitest';
import { bannerModel, type BannerText } from '../../lib/dom/banner';
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

const t: BannerText = {
  compareWith: (p, d, n) => (n > 1 ? `与${p}${d}等${n}篇原文比对：` : `与${p}${d}原文比对：`),
  spin: (n) => `${n}处洗稿替换`,
  distortingOf: (n) => `其中${n}处扭曲原意`,
  alteration: (n) => `${n}处实质改动`,
  omission: (n) => `${n}处删减`,
  insertion: (n) => `${n}处增添`,
  faithful: (p, d) => `与${p}${d}原文比对：文字一致，未发现改动。`,
  scrambledOnly: (r, s) => `本页有${r}段文字经过洗稿（${s}处洗稿痕迹）`,
  comma: '，',
  semicolon: '；',
};

describe('marks', () => {
  it('gives each difference its layer and reason, and only scrambled regions their signs', () => {
    const marks = marksOf(report);
    expect(marks.map((m) => [m.layer, m.reason, m.pageText])).toEqual([
      ['distorting', 'distorting', '玩忽'],
      ['spin', 'spin', '服务'],
      ['alteration', 'number', '5'],
      ['omission', 'omission', ''],
      ['insertion', 'insertion', '加上的一句'],
      ['scrambled', 'scrambled', '东谈主'],
      ['scrambled', 'scrambled-distorting', '玩忽'],
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
  it('says what was found, in the example form', () => {
    expect(bannerModel(report, t)).toEqual({
      tone: 'scrambled',
      message: '与新华社2020-02-03原文比对：2处洗稿替换，其中1处扭曲原意；1处实质改动；1处删减；1处增添',
    });
  });

  it('counts originals, not matches: one original quoted twice is one original', () => {
    const m = report.matches[0]!;
    const twice: Report = { ...report, matches: [m, { ...m, page: { start: m.page.end + 10, end: m.page.end + 20 } }] };
    expect(bannerModel(twice, t)!.message).toMatch(/^与新华社2020-02-03原文比对：/);
    const other: Report = { ...report, matches: [m, { ...m, ref: { ...m.ref, id: 'another' }, page: { start: m.page.end + 10, end: m.page.end + 20 } }] };
    expect(bannerModel(other, t)!.message).toMatch(/^与新华社2020-02-03等2篇原文比对：/);
  });

  it('a faithful repost', () => {
    const faithful: Report = { verdict: 'faithful', counts: counts(), unmatched: [], matches: [{ ...report.matches[0]!, verdict: 'faithful', counts: counts(), differences: [] }] };
    expect(bannerModel(faithful, t)).toEqual({ tone: 'faithful', message: '与新华社2020-02-03原文比对：文字一致，未发现改动。' });
  });

  it('only scrambled text with no original', () => {
    const r: Report = { verdict: 'unmatched', counts: counts(), matches: [], unmatched: report.unmatched };
    expect(bannerModel(r, t)).toEqual({ tone: 'scrambled', message: '本页有1段文字经过洗稿（2处洗稿痕迹）' });
  });

  it('nothing to say on a page with no bulletin', () => {
    expect(bannerModel({ verdict: 'unmatched', counts: counts(), matches: [], unmatched: [] }, t)).toBeNull();
  });
});
