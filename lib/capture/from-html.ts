// An article draft from a page's serialized DOM, where there is no DOM to
// parse it with (the service worker): linkedom builds the document, then the
// same extraction as everywhere else (article.ts). The content script sends
// document.documentElement.outerHTML, which is the live DOM as the reader
// sees it (text inserted by the page's scripts included).
import { parseHTML } from 'linkedom';
import { extractArticle, looksLikeArticle, type ArticleDraft } from './article';

export type HtmlDraft = { kind: 'article'; draft: ArticleDraft } | { kind: 'not-an-article' };

export function draftFromHtml(html: string, url: string, options: { requireArticle?: boolean } = {}): HtmlDraft {
  const { document } = parseHTML(html);
  const doc = document as unknown as Document;
  if (options.requireArticle && !looksLikeArticle(doc)) return { kind: 'not-an-article' };
  const draft = extractArticle(doc, url);
  return draft ? { kind: 'article', draft } : { kind: 'not-an-article' };
}
