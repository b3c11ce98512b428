import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { FURNITURE_MAX_CHARS, extractArticle, isoDay, looksLikeArticle, readerableOptions, withoutFurniture } from '../../lib/capture/article';

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

  it("keeps a bulletin's dateline, drops the headline, source line, share bar and editor line around it", () => {
    const html = `<html><head><title>国务院召开会议-新华网</title><meta name="source" content="新华社"><meta name="publishdate" content="2026-07-10"></head><body>
      <div class="nav">首页 | 时政 | 国际</div>
      <div class="main"><h1>国务院召开会议</h1><div class="info"><span>2026-07-10 10:30:12</span> <span>来源：新华社</span></div>
      <div class="share">分享到：微信 微博</div>
      <div id="detail"><p>\u3000\u3000新华社北京7月10日电 ${para(120)}。</p><p>\u3000\u3000${para(120)}。</p><p>\u3000\u3000${para(120)}。</p>
      <div class="editor">【纠错】 【责任编辑：张三】</div></div></div>
      <div class="footer">版权所有 新华网</div></body></html>`;
    const d = extractArticle(doc(html), 'https://www.news.cn/a.htm')!;
    expect(d.headline).toBe('国务院召开会议');
    expect(d.text).toMatch(/^新华社北京7月10日电 会议强调/);
    expect(d.text.endsWith('。')).toBe(true);
    expect(d.text).not.toMatch(/来源|分享到|责任编辑|纠错|10:30/);
  });

  it('a furniture line is at most FURNITURE_MAX_CHARS long and holds no full stop', () => {
    const body = `\u3000\u3000${para(100)}。`;
    const line = (n: number) => `来源：${'新'.repeat(n - 3)}`;
    expect(withoutFurniture(`${line(FURNITURE_MAX_CHARS)}\n${body}`, [])).toBe(body.trim());
    expect(withoutFurniture(`${line(FURNITURE_MAX_CHARS + 1)}\n${body}`, [])).toBe(`${line(FURNITURE_MAX_CHARS + 1)}\n${body}`.trim());
    // A sentence that names its source is text, not furniture.
    expect(withoutFurniture(`来源：新华社。\n${body}`, [])).toBe(`来源：新华社。\n${body}`);
    // Only whole lines at the two ends go: the same words inside the body stay.
    expect(withoutFurniture(`${body}\n责任编辑：张三\n${body}`, [])).toBe(`${body}\n责任编辑：张三\n${body}`.trim());
  });

  it('reads the dates Chinese pages write', () => {
    expect(isoDay('2020年2月3日 10:00')).toBe('2020-02-03');
    expect(isoDay('2020/2/3')).toBe('2020-02-03');
    expect(isoDay('2020-02-30')).toBe('');
    expect(isoDay(undefined)).toBe('');
  });
});
