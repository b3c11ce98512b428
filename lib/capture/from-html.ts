// An article draft from serialized HTML, where there is no DOM to parse it
// with (Node: the command line and the tests): linkedom builds the document,
// then the same extraction as in the content script (draft.ts).
import { parseHTML } from 'linkedom';
import { draftOfDocument, type PageDraft } from './draft';

export type HtmlDraft = PageDraft;

export function draftFromHtml(html: string, url: string, options: { requireArticle?: boolean } = {}): HtmlDraft {
  const { document } = parseHTML(html);
  return draftOfDocument(document as unknown as Document, url, options);
}
