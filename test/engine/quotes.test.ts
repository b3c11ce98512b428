// Quotes (issue 7, item 5): a passage of at least 40 Han characters from one
// reference, verbatim or altered, inside unrelated text, is a match with
// quote: true, and its alterations are reported. Stock phrases never make one.
import { describe, expect, it } from 'vitest';
import { verify } from '../../lib/engine';
import { article, references, seedText, testIndex } from './fixtures';

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

describe('a negation at the edge of a match', () => {
  // Passages of every reference, quoted inside the commentary, and the same
  // passage with a negation set right before its first (or after its last)
  // character. Only passages whose plain quote matches exactly over its span
  // are used: there the negation stands just outside what alignment sees.
  const cases = references().flatMap((e) => {
    const { text: t } = article(e.id);
    const out: Array<{ id: string; q: string }> = [];
    for (let i = 40; i + 70 < t.length; i += 131) {
      const q = t.slice(i, i + 70);
      // Not where the reference itself holds 不 next to the passage: there the page would be right.
      if (/^[\u4e00-\u9fff]/.test(q) && /[\u4e00-\u9fff]$/.test(q) && !q.includes('\n') && t[i - 1] !== '不' && t[i + 70] !== '不') out.push({ id: e.id, q });
    }
    return out;
  });
  const exact = cases.filter(({ q }) => {
    const page = commentary(q);
    const r = verify(page, testIndex());
    return r.matches.length === 1 && r.verdict === 'faithful' && page.slice(r.matches[0]!.page.start, r.matches[0]!.page.end) === q;
  });

  it('there are passages of several references to try', () => {
    expect(new Set(exact.map((c) => c.id)).size).toBeGreaterThanOrEqual(4);
    expect(exact.length).toBeGreaterThanOrEqual(30);
  });

  it.each([
    ['before', (q: string) => `不${q}`, 0],
    ['before, inside quotation marks', (q: string) => `不“${q}”`, 0],
    ['after', (q: string) => `${q}不`, -1],
  ] as const)('a 不 %s the quoted words is one negation, on the 不', (_, edit, which) => {
    const failures: string[] = [];
    for (const { id: ref, q } of exact) {
      const page = commentary(edit(q));
      const r = verify(page, testIndex());
      const ds = r.matches.flatMap((m) => m.differences);
      const neg = ds.filter((d) => d.kind === 'alteration' && d.subkind === 'negation' && d.distorting);
      const where = which === 0 ? page.indexOf(edit(q)) : page.indexOf(edit(q)) + edit(q).length - 1;
      if (neg.length !== 1 || neg[0]!.pageText !== '不' || neg[0]!.page.start !== where || ds.length !== 1) {
        failures.push(`${ref} ${q.slice(0, 8)}: ${ds.map((d) => `${d.kind}:${d.pageText}`).join(' ')}`);
      }
    }
    expect(failures).toEqual([]);
  });

  it('a word that only holds a negation character (特别, 不断) before the quote is no negation', () => {
    for (const { q } of exact.slice(0, 10)) {
      const r = verify(commentary(`特别${q}`), testIndex());
      expect(r.verdict).toBe('faithful');
    }
  });

  it('in a repost as well: a 不 glued before the article\'s text is reported', () => {
    const { text: t } = article(id);
    const i = t.indexOf('要加快疾控体系改革');
    const r = verify(`${t.slice(0, i)}不${t.slice(i)}`, testIndex());
    expect(r.matches).toHaveLength(1);
    expect(r.matches[0]!.differences.map((d) => (d.kind === 'alteration' ? `${d.subkind}:${d.pageText}` : d.kind))).toEqual(['negation:不']);
  });
});
