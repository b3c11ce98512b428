import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { extractArticle, isoDay, looksLikeArticle, readerableOptions } from '../../lib/capture/article';

const doc = (html: string) => parseHTML(html).document as unknown as Document;
const para = (n: number) => '会议强调各级党委和政府要坚决贯彻落实党中央决策部署全力以赴做好防汛抗旱工作'.repeat(4).slice(0, n);

describe('article extraction (Readability over the page, the project extractor for text)', () => {
  it('an article page is an article; a list page is not', () => {
    const article = `<html><body><div>首页 要闻</div><div>${[1, 2, 3, 4].map(() => `<p>${para(110)}。</p>`).join('')}</div></body></html>`;
    const list = `<html><body><ul>${Array.from({ length: 40 }, (_, i) => `<li><a href="/a${i}">会议强调要做好工作第${i}条</a></li>`).join('')}</ul></body></html>`;
    expect(looksLikeArticle(doc(article))).toBe(true);
    expect(looksLikeArticle(doc(list))).toBe(false);
  });

  it('readerable threshold: paragraphs just above minContentLength count, just below do not', () => {
    const page = (n: number) => doc(`<html><body>${Array.from({ length: 30 }, () => `<p>${para(n)}</p>`).join('')}</body></html>`);
    // 30 paragraphs of minContentLength + 1 characters score 30 * sqrt(1) = 30 > minScore.
    expect(looksLikeArticle(page(readerableOptions.minContentLength + 1))).toBe(true);
    expect(looksLikeArticle(page(readerableOptions.minContentLength - 1))).toBe(false);
  });

  it('keeps headline, publisher, date and address from official meta tags, and drops the furniture', () => {
    const html = `<html><head><title>标题_中国政府网</title><meta name="ArticleTitle" content="国务院召开会议"><meta name="ContentSource" content="新华社"><meta name="PubDate" content="2026-07-10 18:30"><link rel="canonical" href="https://www.gov.cn/a.htm"></head>
      <body><div class="nav">首页 | 要闻 | 政策</div><div class="article">${[1, 2, 3].map(() => `<p>${para(120)}。</p>`).join('')}</div><div class="footer">版权所有 网站声明</div></body></html>`;
    const d = extractArticle(doc(html), 'https://www.gov.cn/x')!;
    expect(d).toMatchObject({ headline: '国务院召开会议', publisher: '新华社', date: '2026-07-10', url: 'https://www.gov.cn/a.htm', extractor: 'readability' });
    expect(d.text).not.toMatch(/首页|版权/);
    expect(d.text.split('\n').filter((l) => l.trim())).toHaveLength(3);
  });

  it('reads the dates Chinese pages write', () => {
    expect(isoDay('2020年2月3日 10:00')).toBe('2020-02-03');
    expect(isoDay('2020/2/3')).toBe('2020-02-03');
    expect(isoDay('2020-02-30')).toBe('');
    expect(isoDay(undefined)).toBe('');
  });
});
