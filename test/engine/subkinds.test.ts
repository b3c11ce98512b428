// Subkinds that say the truth (issue 7, item 8).
import { describe, expect, it } from 'vitest';
import { verify, type Difference } from '../../lib/engine';
import { article, testIndex } from './fixtures';

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
    expect(ds.map(label)).toEqual(['spin']);
    expect(ds[0]!.kind === 'spin' && ds[0]!.listed).toBe(false);
  });

  it('a hand edit of the same length next to no spun form stays wording (平稳有序 -> 基本停滞)', () => {
    const { text } = article('peoples-daily-2020-02-03-psc');
    expect(diffs(text.replace('平稳有序', '基本停滞')).map(label)).toEqual(['alteration/wording']);
  });
});
