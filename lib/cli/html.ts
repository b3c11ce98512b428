// HTML input: reduce a saved page to the text a reader sees, by the content
// script's own extraction rules (lib/dom/extract.ts), over linkedom instead of
// a browser. Without layout only the static rules apply (skipped tags, [hidden],
// inline display:none); stylesheet-hidden text cannot be seen here.
import { parseHTML } from 'linkedom';
import { extractText } from '../dom/extract';

export function htmlToText(html: string): string {
  const { document } = parseHTML(html);
  if (document.querySelector('body')) return extractText(document);
  // linkedom, unlike a browser, builds no implied <body>: a page without one
  // parses to loose top-level nodes whose text extractText would not reach
  // (document.body is then a new empty element, and a doctype's nextSibling is
  // undefined). Give the parser an explicit body instead. Head-only elements
  // that land in it (title, meta, style, script) are skipped by the rules anyway.
  const { document: wrapped } = parseHTML(`<html><body>${html.replace(/<!doctype[^>]*>/gi, '')}</body></html>`);
  return extractText(wrapped);
}
