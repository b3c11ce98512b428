// Subkinds that say the truth (issue 7, item 8).
import { describe, expect, it } from 'vitest';
import { verify, type Difference } from '../../lib/engine';
import { bundledLexicon } from '../../lib/engine/lexicon';
import { resolveOptions } from '../../lib/engine/options';
import { leavesBrokenWords } from '../../lib/engine/signature';
import { wordStarts } from '../../lib/engine/words';
import { article, seedText, spin, testIndex } from './fixtures';

const label = (d: Difference) => (d.kind === 'alteration' ? `alteration/${d.subkind}` : d.kind);
const diffs = (page: string) => verify(page, testIndex()).matches.flatMap((m) => m.differences);

describe('subkinds', () => {
  it('十分 is not a number: 作出重要 -> 作十分紧要 is wording', () => {
    const { text } = article('xinhua-2020-01-25-psc');
    expect(text).toContain('作出重要指示');
    const ds = diffs(text.replace('作出重要指示', '作十分紧要指示'));
    expect(ds.map(label)).toEqual(['alteration/wording']);
  });

  it('a print edition byline inserted (《人民日报》2022年03月18日 第01版) is an insertion, not a number change', () => {
    const { text } = article('xinhua-2022-03-17-psc');
    const ds = diffs(text.replace('新华社北京3月17日电', '《人民日报》2022年03月18日 第01版\n新华社北京3月17日电'));
    expect(ds.map(label)).toEqual(['insertion']);
    expect(ds[0]!.pageText).toContain('2022年03月18日');
  });

  it('a date whose day lost a digit (3月17日 -> 3月7日) is a number alteration, not an omission', () => {
    const { text } = article('xinhua-2022-03-17-psc');
    const ds = diffs(text.replace('3月17日召开', '3月7日召开'));
    expect(ds.map(label)).toEqual(['alteration/number']);
  });

  it('two overlapping spinner swaps (及时分析 -> 实时辰析) are spin, not an alteration', () => {
    const { text } = article('peoples-daily-2020-02-03-psc');
    expect(text).toContain('及时分析');
    const ds = diffs(text.replace('及时分析', '实时辰析'));
    // The listed swap 及时→实时, and what 时分→时辰 left beside it, which the lexicon does not list.
    expect(ds.map((d) => `${label(d)} ${d.refText}→${d.pageText}${d.kind === 'spin' ? ` listed: ${d.listed}` : ''}`)).toEqual(['spin 及时→实时 listed: true', 'spin 分析→辰析 listed: false']);
  });

  it('a hand edit of the same length next to no spun form stays wording (平稳有序 -> 基本停滞)', () => {
    const { text } = article('peoples-daily-2020-02-03-psc');
    expect(diffs(text.replace('平稳有序', '基本停滞')).map(label)).toEqual(['alteration/wording']);
  });
});

describe('overlapping swaps of a spinner the lexicon cannot compose', () => {
  const lexicon = bundledLexicon();
  // The lexicon's own swaps (as `npm run quality`'s synthetic spinner): a copy spun throughout.
  const pairs = lexicon.entries.filter((e) => e.count >= 2 && e.original.length >= 2).map((e) => [e.original, e.spun] as const);
  const { text } = article('peoples-daily-2020-02-03-psc');
  const spun = spin(text, pairs).text;

  it('the specimen 002 against its original: every difference is spin, the overlapping ones unlisted', () => {
    const r = verify(seedText('002_4ec4b0ae00f95d62.txt'), testIndex());
    const m = r.matches.filter((x) => x.ref.id === 'peoples-daily-2020-02-03-psc');
    expect(m).toHaveLength(1);
    expect(m[0]!.counts.alteration).toBe(0);
    const unlisted = m[0]!.differences.filter((d) => d.kind === 'spin' && !d.listed).map((d) => `${d.refText}→${d.pageText}`);
    expect(unlisted.length).toBeGreaterThanOrEqual(2);
  });

  it.each([
    ['国内国际', '国表里洋'],
    ['相关数据', '关统共据'],
  ])('in a spun copy, %s → %s is spin (listed: false); in an unspun repost it stays wording', (from, to) => {
    expect(spun).toContain(from);
    const inSpun = diffs(spun.replace(from, to)).filter((d) => d.refText.includes(from.slice(1, 3)));
    expect(inSpun.map(label)).toEqual(['spin']);
    expect(inSpun[0]!.kind === 'spin' && inSpun[0]!.listed).toBe(false);
    expect(diffs(text.replace(from, to)).map(label)).toEqual(['alteration/wording']);
  });

  it('a hand edit in words stays wording in a spun copy (科研攻关 -> 技术突破)', () => {
    expect(spun).toContain('加大科研攻关力度');
    const ds = diffs(spun.replace('科研攻关', '技术突破')).filter((d) => d.kind !== 'spin');
    expect(ds.map((d) => `${label(d)} ${d.refText}→${d.pageText}`)).toEqual(['alteration/wording 科研攻关→技术突破']);
  });

  describe('a hand edit right beside listed swaps is not hidden in them', () => {
    // 生产→分娩 and 生活→生计 are lexicon swaps; the editor then rewrote 平稳有序.
    const entry = article('peoples-daily-2020-02-03-psc').entry;
    const within = (phrase: string) => (ds: Difference[]) => {
      const at = entry.start + text.indexOf(phrase);
      return ds.filter((d) => d.ref.start >= at && d.ref.end <= at + phrase.length);
    };
    const near = within('生产生活平稳有序');
    it.each([
      ['基本停滞', 'alteration/wording', false],
      ['动荡混乱', 'alteration/wording', true],
    ])('生产生活平稳有序 -> 分娩生计%s: the swaps are listed spin, the rest is %s (distorting: %s)', (to, kind, distorting) => {
      expect(spun).toContain('分娩生计平稳有序');
      const ds = near(diffs(spun.replace('分娩生计平稳有序', `分娩生计${to}`)));
      expect(ds.map((d) => `${label(d)} ${d.refText}→${d.pageText}${d.kind === 'spin' ? ` listed: ${d.listed}` : ''}`)).toEqual([
        'spin 生产→分娩 listed: true',
        'spin 生活→生计 listed: true',
        `${kind} 平稳有序→${to}`,
      ]);
      const edit = ds[2]!;
      expect(edit.kind === 'alteration' && edit.distorting).toBe(distorting);
    });
    it('in an unspun repost the same edit beside a single swap is two differences too', () => {
      const ds = near(diffs(text.replace('生产生活平稳有序', '分娩生活基本停滞')));
      expect(ds.map((d) => `${label(d)} ${d.refText}→${d.pageText}`)).toEqual(['spin 生产→分娩', 'alteration/wording 平稳有序→基本停滞']);
    });
    it('what a tool\'s overlapping swap leaves beside a listed one stays spin (及时分析 -> 实时辰析 in a spun copy)', () => {
      expect(spun).toContain('实时分析');
      const ds = within('及时分析')(diffs(spun.replace('实时分析', '实时辰析')));
      expect(ds.map((d) => `${label(d)} ${d.refText}→${d.pageText}${d.kind === 'spin' ? ` listed: ${d.listed}` : ''}`)).toEqual(['spin 及时→实时 listed: true', 'spin 分析→辰析 listed: false']);
    });
  });

  describe('brokenWordSingles, just inside and just outside', () => {
    const ref = '收集相关数据';
    const page = '收集关统共据';
    const starts = wordStarts(ref);
    const edit = { seg: { equal: false, r0: 2, r1: 6, p0: 2, p1: 6, spin: false, distorting: false }, cls: { kind: 'alteration', subkind: 'wording' } as const };
    // 关|统共|据: two single characters.
    it('two single-character words on the page side, at the threshold, are broken words (just inside)', () => {
      expect(leavesBrokenWords(edit, ref, page, (i) => starts[i] === 1, resolveOptions({ brokenWordSingles: 2 }))).toBe(true);
    });
    it('asking one more is not met (just outside)', () => {
      expect(leavesBrokenWords(edit, ref, page, (i) => starts[i] === 1, resolveOptions({ brokenWordSingles: 3 }))).toBe(false);
    });
    it('the default is two', () => {
      expect(resolveOptions().brokenWordSingles).toBe(2);
    });
  });
});
