// An article out of a page's DOM: the text a reader would call "the article"
// plus its headline, publisher, date and address, ready to be saved as an
// original after the reader has checked them.
//
// The article body comes from @mozilla/readability (Firefox's Reader View):
// official news pages carry navigation, "related reading", share bars and
// footers that the project's own extractor (lib/dom/extract.ts) keeps, since
// for *checking* a page every visible character matters. For *saving* an
// original the furniture must go, and Readability's scoring is what finds the
// article body. Its output is then reduced to text by the project's extractor,
// so block elements break lines exactly as they do when the same article is
// later verified on a page. Metadata is read from the meta tags Chinese
// official sites use (ArticleTitle, ContentSource, PubDate, source, og:*) before
// Readability's own guesses. Works on a browser Document and on linkedom's.
import { Readability, isProbablyReaderable } from '@mozilla/readability';
import { extractText } from '../dom/extract';

export interface ArticleDraft {
  headline: string;
  publisher: string;
  /** YYYY-MM-DD, or '' when the page does not say. */
  date: string;
  /** The page's canonical address (or where it was read). */
  url: string;
  /** The article's text, blocks on their own lines, trimmed. */
  text: string;
  /** What found the article body: Readability, or the whole page when Readability found nothing. */
  extractor: 'readability' | 'whole-page';
}

/**
 * Index and list pages are not articles (Readability's own test). Its
 * defaults (paragraphs of 140+ characters, score 20) are tuned on English; a
 * Chinese character carries about as much as three or four English letters,
 * and official bulletins come in paragraphs of 60 to 150 characters, so a
 * paragraph counts from 50 characters here. Link lists and navigation still
 * fall short: their items are a few characters each.
 */
export const readerableOptions = { minContentLength: 50, minScore: 20 } as const;

export function looksLikeArticle(doc: Document): boolean {
  return isProbablyReaderable(doc, readerableOptions);
}

export function extractArticle(doc: Document, pageUrl: string): ArticleDraft | undefined {
  const meta = readMeta(doc);
  // Readability rewrites the tree it is given: give it a copy.
  const copy = doc.cloneNode(true) as Document;
  let parsed: ReturnType<Readability<Node>['parse']> = null;
  try {
    parsed = new Readability<Node>(copy, { serializer: (node) => node }).parse();
  } catch {
    parsed = null;
  }
  const body = parsed?.content ? extractText(parsed.content) : extractText(doc);
  const h1 = firstOf(doc.querySelector('h1')?.textContent ?? undefined);
  const title = firstOf(parsed?.title ?? undefined);
  // A page title is often the headline plus the site's name (国务院召开会议-新华网): the h1 it starts with is the headline.
  const headline = firstOf(meta.headline, h1 && title.startsWith(h1) ? h1 : title, h1, doc.title);
  const text = withoutFurniture(tidy(body), [headline, h1, title]);
  if (text === '') return undefined;
  return {
    headline,
    publisher: firstOf(meta.publisher, parsed?.siteName ?? undefined, parsed?.byline ?? undefined, hostOf(pageUrl)),
    date: isoDay(meta.date) || isoDay(parsed?.publishedTime ?? undefined) || isoDay(doc.querySelector('time[datetime]')?.getAttribute('datetime') ?? undefined),
    url: absolute(meta.url, pageUrl) ?? pageUrl,
    text,
    extractor: parsed?.content ? 'readability' : 'whole-page',
  };
}

interface Meta {
  headline?: string;
  publisher?: string;
  date?: string;
  url?: string;
}

// Chinese official sites: gov.cn and many provincial portals use ArticleTitle,
// ContentSource, PubDate; Xinhua and People's Daily use source / publishdate.
const headlineMeta = ['ArticleTitle', 'og:title', 'twitter:title', 'headline', 'title'];
const publisherMeta = ['ContentSource', 'source', 'og:site_name', 'SiteName', 'publisher', 'author'];
const dateMeta = ['PubDate', 'article:published_time', 'publishdate', 'pubdate', 'publish_date', 'date', 'dc.date'];

function readMeta(doc: Document): Meta {
  const byName = new Map<string, string>();
  for (const m of Array.from(doc.querySelectorAll('meta'))) {
    const key = (m.getAttribute('name') ?? m.getAttribute('property') ?? m.getAttribute('itemprop') ?? '').toLowerCase();
    const content = m.getAttribute('content')?.trim();
    if (key && content && !byName.has(key)) byName.set(key, content);
  }
  const pick = (keys: string[]) => keys.map((k) => byName.get(k.toLowerCase())).find((x) => x !== undefined && x !== '');
  return {
    headline: pick(headlineMeta),
    publisher: pick(publisherMeta),
    date: pick(dateMeta),
    url: doc.querySelector('link[rel="canonical"]')?.getAttribute('href') ?? pick(['og:url']),
  };
}

function firstOf(...values: (string | undefined)[]): string {
  for (const v of values) {
    const t = v?.replace(/\s+/g, ' ').trim();
    if (t) return t;
  }
  return '';
}

/** 2020-02-03, 2020/2/3, 2020年2月3日, 2020-02-03T10:00:00+08:00 → 2020-02-03; anything else → ''. */
export function isoDay(value: string | undefined): string {
  const m = value?.match(/(\d{4})\s*[-/年.]\s*(\d{1,2})\s*[-/月.]\s*(\d{1,2})/);
  if (!m) return '';
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) return '';
  return `${m[1]}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

function hostOf(url: string): string {
  try {
    return new URL(url).hostname;
  } catch {
    return '';
  }
}

function absolute(href: string | undefined, base: string): string | undefined {
  if (!href) return undefined;
  try {
    const u = new URL(href, base);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Words of the lines official article pages put around the body, inside the
 * block Readability keeps: the source / time / author line under the
 * headline, share bars, font-size and print buttons, and the 纠错 / 责任编辑
 * line after the body. Read off the article pages of news.cn, people.com.cn,
 * gov.cn, qstheory.cn and cctv.com (the default trusted origins).
 */
const FURNITURE_WORDS = /来源[:：]|作者[:：]|记者[:：]|编辑[:：]|责任编辑|发布时间|分享到|字号|打印|纠错|【关闭】|扫一扫/;
/** A bare date or time line (2026-07-10 10:30:12, 2026年07月10日 10:30). */
const DATE_LINE = /^[\s\d年月日:：/.-]+$/;
/** Furniture is a line, not a sentence: longer lines, or lines with a full stop, are the article's. */
export const FURNITURE_MAX_CHARS = 80;

function isFurniture(line: string, headlines: readonly string[]): boolean {
  const l = line.trim();
  if (l === '') return true;
  const bare = l.replace(/\s+/g, '');
  if (headlines.some((h) => h !== '' && bare === h.replace(/\s+/g, ''))) return true;
  if (l.length > FURNITURE_MAX_CHARS || /[。！？]/.test(l)) return false;
  return FURNITURE_WORDS.test(l) || DATE_LINE.test(l);
}

/**
 * The body without the headline (in any of the forms given) and the furniture lines at its two ends. A
 * bulletin's dateline (新华社北京7月10日电) opens its first sentence and is the
 * original's own text: it stays, since the lines dropped are only whole lines
 * before the first sentence and after the last.
 */
export function withoutFurniture(text: string, headlines: readonly string[]): string {
  const lines = text.split('\n');
  let start = 0;
  let end = lines.length;
  while (start < end && isFurniture(lines[start]!, headlines)) start++;
  while (end > start && isFurniture(lines[end - 1]!, [])) end--;
  return lines.slice(start, end).join('\n').trim();
}

/** Trailing spaces off every line, runs of blank lines to one, ends trimmed. */
function tidy(text: string): string {
  return text
    .split('\n')
    .map((l) => l.replace(/[ \t\u3000]+$/u, ''))
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
