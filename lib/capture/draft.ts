// An article draft from a document: the live page in the content script (the
// extraction copies it first, article.ts), or one parsed by linkedom where
// there is no DOM (from-html.ts: the command line, tests).
import { extractArticle, looksLikeArticle, type ArticleDraft } from './article';

export type PageDraft = { kind: 'article'; draft: ArticleDraft } | { kind: 'not-an-article' };

export function draftOfDocument(doc: Document, url: string, options: { requireArticle?: boolean } = {}): PageDraft {
  if (options.requireArticle && !looksLikeArticle(doc)) return { kind: 'not-an-article' };
  const draft = extractArticle(doc, url);
  return draft ? { kind: 'article', draft } : { kind: 'not-an-article' };
}
