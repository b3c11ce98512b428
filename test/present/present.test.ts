import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadCorpus, seedsDir } from '../../lib/corpus/node';
import { buildIndex, verify } from '../../lib/engine';
import type { Difference, Report } from '../../lib/engine/types';
import { contextOf, findingsOf, groupPairs, originalsOf, worstFirst } from '../../lib/present/findings';
import { displayKindOf, displayKinds, severity } from '../../lib/present/kinds';
import { rowSlots, buildSideBySide } from '../../lib/present/side-by-side';
import { bannerOf } from '../../lib/present/banner';
import { badgeOf, bannerLines, kindCount, summarize } from '../../lib/present/summary';
import { formatDate, formatPublisher } from '../../lib/present/text';
import { contrast, kindAccent, surface, tokensCss, verdictAccent } from '../../lib/present/tokens';
import { makeT } from '../components/t';
import { sampleReport } from '../components/fixtures';

const corpus = loadCorpus();
const index = buildIndex(corpus);
const seed = (f: string) => readFileSync(`${seedsDir}/${f}`, 'utf8');
const report002 = verify(seed('002_4ec4b0ae00f95d62.txt'), index);
const zh = makeT('zh_CN');
const en = makeT('en');

const diff = (kind: Difference['kind'], refText: string, pageText: string, extra: Partial<Difference> = {}): Difference =>
  ({ kind, refText, pageText, ref: { start: 0, end: refText.length }, page: { start: 0, end: pageText.length }, ...(kind === 'spin' ? { distorting: false } : {}), ...(kind === 'alteration' ? { subkind: 'wording' } : {}), ...extra }) as Difference;

describe('display kinds', () => {
  const ref = { headline: '中共中央政治局常务委员会召开会议 研究加强新型冠状病毒感染的肺炎疫情防控工作' };
  it('follow the severity order distorting, negation, number, name, omission/insertion, wording, spin', () => {
    const order = ['distorting', 'negation', 'number', 'name', 'omission', 'wording', 'spin'] as const;
    for (let i = 1; i < order.length; i++) expect(severity[order[i - 1]!]).toBeLessThan(severity[order[i]!]);
    expect(severity.insertion).toBe(severity.omission);
    expect(severity.heading).toBeGreaterThan(severity.spin);
  });
  it('a dropped headline or dateline is its own gentle kind; a dropped sentence is an omission', () => {
    expect(displayKindOf(diff('omission', '中共中央政治局常务委员会召开会议\n研究加强', ''), ref)).toBe('heading');
    expect(displayKindOf(diff('omission', '　　新华社北京2月3日电　', ''), ref)).toBe('heading');
    expect(displayKindOf(diff('omission', '各级党委和政府坚决贯彻落实。', ''), ref)).toBe('omission');
    // Only a headline of the reference counts: a sentence that merely mentions a date is a sentence.
    expect(displayKindOf(diff('omission', '会议决定2月3日起执行。', ''), ref)).toBe('omission');
  });
  it('a digit dropped from a date is a changed number, not an omission', () => {
    expect(displayKindOf(diff('omission', '1', ''), ref)).toBe('number');
    expect(displayKindOf(diff('insertion', '', '2'), ref)).toBe('number');
  });
  it('spin, distorting spin and alteration subkinds map one to one', () => {
    expect(displayKindOf(diff('spin', '应对', '玩忽', { distorting: true } as Partial<Difference>), ref)).toBe('distorting');
    expect(displayKindOf(diff('spin', '工作', '服务'), ref)).toBe('spin');
    expect(displayKindOf(diff('alteration', '不', '', { subkind: 'negation', distorting: true } as Partial<Difference>), ref)).toBe('negation');
    // A reversal that is no negation (增强→削弱) distorts the meaning; a plain wording change is wording.
    expect(displayKindOf(diff('alteration', '增强', '削弱', { subkind: 'wording', distorting: true } as Partial<Difference>), ref)).toBe('distorting');
    expect(displayKindOf(diff('alteration', '听取', '征询', { subkind: 'wording', distorting: false } as Partial<Difference>), ref)).toBe('wording');
    // A swap the lexicon does not list is a spin all the same; a moved passage is its own kind.
    expect(displayKindOf(diff('spin', '部署', '布置', { listed: false } as Partial<Difference>), ref)).toBe('spin');
    expect(displayKindOf(diff('move', '会议强调。', '会议强调。'), ref)).toBe('move');
  });
});

describe('tokens', () => {
  it('every kind and verdict accent reads at 4.5:1 on its theme background', () => {
    for (const theme of ['light', 'dark'] as const) {
      for (const [k, pair] of Object.entries({ ...kindAccent, ...verdictAccent })) {
        expect(contrast(pair[theme], surface.bg[theme]), `${k} ${theme}`).toBeGreaterThanOrEqual(4.5);
      }
      expect(contrast(surface.muted[theme], surface.panel[theme])).toBeGreaterThanOrEqual(4.5);
    }
  });
  it('the stylesheet declares a variable and a class for every kind', () => {
    const css = tokensCss();
    for (const k of displayKinds) {
      expect(css).toContain(`--yw-k-${k}:`);
      expect(css).toContain(`.yw-k-${k} {`);
    }
    expect(tokensCss(':host', 'dark')).not.toContain('prefers-color-scheme');
  });
});

describe('seed 002: counts add up', () => {
  const s = summarize(report002);
  it('two quotes of one original are one original with two passages', () => {
    const originals = originalsOf(report002);
    expect(report002.matches.length).toBe(3);
    expect(originals.length).toBe(2);
    expect(originals.find((o) => o.passages.length === 2)).toBeDefined();
    expect(s.counts.originals).toBe(2);
  });
  it('the total is the matched differences plus the spun forms with no original: the marks drawn', () => {
    const differences = report002.matches.reduce((n, m) => n + m.differences.length, 0);
    const signs = report002.unmatched.filter((u) => u.scrambled).reduce((n, u) => n + u.signs.length, 0);
    expect(s.counts.matched).toBe(differences);
    expect(s.counts.unsourced).toBe(signs);
    expect(s.counts.total).toBe(differences + signs);
    expect(Object.values(s.counts.byKind).reduce((a, b) => a + b, 0)).toBe(s.counts.total);
  });
  it('the banner leads with the verdict and the worst finding with an example, and its numbers match the badge', () => {
    const lines = bannerLines(s, zh)!;
    expect(lines.verdict).toBe('被机器改写过');
    expect(s.worst!.kind).toBe('distorting');
    expect(lines.worst).toBe('意思被扭曲：原文“应对”，本页“玩忽”');
    expect(lines.detail).toContain(String(s.counts.total.toLocaleString('zh-CN')));
    expect(lines.detail).toContain('2 篇原文');
    const badge = badgeOf(s, zh);
    expect(badge.text).toBe(String(s.counts.total));
    expect(badge.colour).toBe(verdictAccent.scrambled.light);
  });
  it('groups repeated pairs, worst kind first, most repeated first within a kind', () => {
    const groups = groupPairs(s.findings);
    expect(groups[0]!.kind).toBe('distorting');
    const spin = groups.filter((g) => g.kind === 'spin');
    expect(spin[0]!.refText + '→' + spin[0]!.pageText).toBe('工作→服务');
    for (let i = 1; i < spin.length; i++) expect(spin[i - 1]!.findings.length).toBeGreaterThanOrEqual(spin[i]!.findings.length);
    expect(groups.reduce((n, g) => n + g.findings.length, 0)).toBe(s.findings.length);
  });
  it('worst first puts every distorting finding before any spin', () => {
    const sorted = worstFirst(s.findings);
    const lastDistorting = sorted.map((f) => f.kind).lastIndexOf('distorting');
    const firstSpin = sorted.map((f) => f.kind).indexOf('spin');
    expect(lastDistorting).toBeLessThan(firstSpin);
  });
});

describe('summaries of hand-built reports', () => {
  it('a repost that only lost its headline is a gentle, faithful-toned finding', () => {
    const { report } = sampleReport();
    const m = report.matches[0]!;
    const only: Report = { ...report, verdict: 'edited', matches: [{ ...m, verdict: 'edited', differences: [{ kind: 'omission', refText: m.ref.headline.slice(0, 8), pageText: '', ref: { start: 0, end: 8 }, page: { start: m.page.start, end: m.page.start } }] }] };
    const s = summarize(only);
    expect(s.verdict).toBe('untitled');
    expect(s.tone).toBe('faithful');
    expect(bannerLines(s, zh)!.verdict).toBe('正文与原文一致');
    expect(badgeOf(s, zh).text).toBe('✓');
  });
  it('text rendered other than the text verified is a finding of its own: never a tick, said first, with the generated text', () => {
    const { report } = sampleReport();
    const faithful: Report = { ...report, verdict: 'faithful', matches: [{ ...report.matches[0]!, verdict: 'faithful', differences: [] }] };
    const rendering = { anomalies: [{ kind: 'generated' as const, start: 3, end: 3, text: '会议决定全国停课' }] };
    expect(summarize(faithful).verdict).toBe('faithful');
    const s = summarize(faithful, rendering);
    expect(s.verdict).toBe('unconfirmed');
    expect(s.tone).toBe('edited');
    const lines = bannerLines(s, zh)!;
    expect(lines.verdict).toBe('无法确认与原文一致');
    expect(lines.rendered).toBe(`${zh('guard.renderedDiffers')}（本页另外显示了“会议决定全国停课”）`);
    expect(lines.detail).toContain('网页源文字与原文一致');
    const badge = badgeOf(s, zh);
    expect(badge.text).toBe('!');
    expect(badge.colour).toBe(verdictAccent.edited.light);
    expect(badge.title).toContain('渲染文字与源文字不一致');
    // The banner says it before the worst difference; a bidi anomaly has no text to quote.
    expect(bannerOf(s, zh)!.worst).toBe(lines.rendered);
    const edited = summarize(report, { anomalies: [{ kind: 'bidi', start: 0, end: 2 }] });
    expect(edited.verdict).toBe('scrambled');
    const b = bannerOf(edited, zh)!;
    expect(b.worst!.startsWith(`${zh('guard.renderedDiffers')} 意思被扭曲`)).toBe(true);
    expect(badgeOf(edited, zh).text).toBe(String(edited.counts.total));
    expect(badgeOf(edited, zh).title).toContain('渲染文字与源文字不一致');
  });
  it('an invented sentence leads the banner of an edited page, quoted', () => {
    const { report } = sampleReport();
    const m = report.matches[0]!;
    const invented = '会议决定，自3月20日起全国中小学一律停课。';
    const edited: Report = { ...report, verdict: 'edited', matches: [{ ...m, differences: [diff('alteration', '听取', '征询'), { kind: 'insertion', refText: '', pageText: invented, ref: { start: 5, end: 5 }, page: { start: 9, end: 9 + invented.length } }] }] };
    const lines = bannerLines(summarize(edited), zh)!;
    expect(lines.verdict).toBe('与原文不符');
    expect(lines.worst).toBe(`加了原文没有的话：“${invented}”`);
  });
  it('English uses plural rules, dates and publisher names of its own', () => {
    expect(kindCount(en, 'insertion', 1)).toBe('1 passage added');
    expect(kindCount(en, 'insertion', 3)).toBe('3 passages added');
    expect(kindCount(zh, 'distorting', 28)).toBe('28 处意思被扭曲');
    expect(formatDate(en, '2020-02-03')).toBe('February 3, 2020');
    expect(formatDate(zh, '2020-02-03')).toBe('2020年2月3日');
    expect(formatPublisher(en, '新华社')).toBe('Xinhua');
    expect(formatPublisher(zh, '新华社')).toBe('新华社');
    const tw = makeT('zh_TW');
    expect(formatPublisher(tw, '人民日报')).toBe('人民日報');
    expect(formatDate(tw, '2020-02-03')).toBe('2020年2月3日');
    expect(bannerLines(summarize(report002), tw)!.verdict).toBe('被機器改寫過');
    const s = summarize(report002);
    expect(bannerLines(s, en)!.detail).toMatch(/^[\d,]+ marks on this page: [\d,]+ differences from the original \(checked against 2 originals, mainly People's Daily, February 3, 2020\); [\d,]+ machine swaps/);
  });
});

describe('side by side: changed rows only', () => {
  it('shows changed rows with one row of context and folds the rest, covering every row once', () => {
    const { report, tab, refFiles } = sampleReport();
    const model = buildSideBySide(report.matches[0]!, refFiles['test.txt']!, tab.text);
    const slots = rowSlots(model, true, 0, (s) => s.kind === 'negation');
    const covered: number[] = [];
    for (const s of slots) if (s.type === 'row') covered.push(s.index);
    else for (let i = s.from; i < s.to; i++) covered.push(i);
    expect(covered).toEqual(model.rows.map((_, i) => i));
    expect(slots.some((s) => s.type === 'fold')).toBe(true);
    expect(rowSlots(model, false).length).toBe(model.rows.length);
  });
  it('context strings stay on one line', () => {
    expect(contextOf('一二三\n四五六七八', { start: 4, end: 5 }, 3)).toEqual({ before: '二三 ', after: '五六七' });
  });
});

it('findings of unmatched scrambled regions carry their region and sign', () => {
  const f = findingsOf(report002).filter((x) => x.key.source === 'unsourced');
  expect(f.length).toBeGreaterThan(1000);
  expect(new Set(f.map((x) => x.id)).size).toBe(f.length);
});
