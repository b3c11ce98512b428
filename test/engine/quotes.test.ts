// Quotes (issue 7, item 5): a passage of at least 40 Han characters from one
// reference, verbatim or altered, inside unrelated text, is a match with
// quote: true, and its alterations are reported. Stock phrases never make one.
import { describe, expect, it } from 'vitest';
import { verify } from '../../lib/engine';
import { article, seedText, testIndex } from './fixtures';

const id = 'xinhua-2022-03-17-psc';
const { text, entry } = article(id);
const at = text.indexOf('要加快疾控体系改革');
const quote = text.slice(at, at + 60);
const commentary = (q: string) => `评论：防疫这根弦一刻也不能松。${q}我们认为，这说明各地必须继续努力，不能掉以轻心。天气预报说明天有雨。`;

describe('quotes inside unrelated text', () => {
  it('a verbatim quote of 60 characters is a faithful match with quote: true, over the quoted passage only', () => {
    const page = commentary(quote);
    const r = verify(page, testIndex());
    expect(r.verdict).toBe('faithful');
    expect(r.matches).toHaveLength(1);
    const m = r.matches[0]!;
    expect(m.ref.id).toBe(id);
    expect(m.quote).toBe(true);
    expect(page.slice(m.page.start, m.page.end)).toBe(quote);
    expect(seedText(entry.file).slice(m.ref.start, m.ref.end)).toBe(quote);
  });

  it('a quote with 不 inserted is reported as a negation', () => {
    const r = verify(commentary(quote.replace('全面提升', '不必全面提升')), testIndex());
    expect(r.matches).toHaveLength(1);
    expect(r.matches[0]!.quote).toBe(true);
    const ds = r.matches[0]!.differences;
    expect(ds.map((d) => (d.kind === 'alteration' ? `${d.subkind}:${d.pageText}` : d.kind))).toEqual(['negation:不必']);
    expect(r.verdict).toBe('edited');
  });

  it('a passage made mostly of stock phrasing (the opening formula with a date) is no quote, even with the date changed', () => {
    const q = text.slice(text.indexOf('新华社北京3月17日电'), text.indexOf('新华社北京3月17日电') + 70);
    expect(verify(commentary(q), testIndex()).matches).toEqual([]);
    expect(verify(commentary(q.replace('3月17日召开', '3月18日召开')), testIndex()).matches).toEqual([]);
  });

  it('stock phrases alone, however long, never make a quote', () => {
    const stock = '我们一定要坚决打赢疫情防控阻击战，把人民群众生命安全和身体健康放在第一位，把疫情防控工作作为当前最重要的工作来抓，切实增强“四个意识”、坚定“四个自信”、做到“两个维护”，坚决贯彻落实党中央决策部署。';
    const r = verify(commentary(stock), testIndex());
    expect(r.matches).toEqual([]);
    expect(r.verdict).toBe('unmatched');
  });

  it('a full repost is not a quote', () => {
    const r = verify(text, testIndex());
    expect(r.matches.map((m) => m.quote)).toEqual([false]);
  });
});
