// HTML input: reduce a saved page to the text a reader sees, as the content
// script would, but without a browser (linkedom parses; nothing is laid out).
//
// Provisional: this is the CLI's own reduction, used until lib/dom/extract.ts
// (the content script's extractor) lands; then it delegates to that so both
// read a page by the same rules.
import { parseHTML } from 'linkedom';

/** Subtrees whose text a reader never sees as page text. */
const SKIPPED = new Set([
  'SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'HEAD', 'TITLE',
  'TEXTAREA', 'SELECT', 'OPTION', 'INPUT', 'BUTTON',
  'IFRAME', 'OBJECT', 'EMBED', 'CANVAS', 'SVG', 'MATH',
]);

/** Elements that start a new line of text when rendered. */
const BLOCKS = new Set([
  'ADDRESS', 'ARTICLE', 'ASIDE', 'BLOCKQUOTE', 'BODY', 'CAPTION', 'DD', 'DETAILS', 'DIALOG', 'DIV', 'DL', 'DT',
  'FIELDSET', 'FIGCAPTION', 'FIGURE', 'FOOTER', 'FORM', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'HEADER', 'HGROUP',
  'HR', 'LI', 'MAIN', 'NAV', 'OL', 'P', 'PRE', 'SECTION', 'SUMMARY', 'TABLE', 'TBODY', 'TD', 'TFOOT', 'TH',
  'THEAD', 'TR', 'UL',
]);

const HIDDEN_STYLE = /(?:^|;)\s*(?:display\s*:\s*none|visibility\s*:\s*hidden)\s*(?:!important\s*)?(?:;|$)/i;

export function htmlToText(html: string): string {
  const { document } = parseHTML(html);
  const root: Node | null = document.body ?? document.documentElement;
  if (!root) return '';
  const out: string[] = [];
  // Iterative walk: a hostile page may nest thousands of elements deep.
  const stack: Array<Node | 'close-block' | 'close-pre'> = [root];
  let preDepth = 0;
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node === 'close-block') {
      out.push('\n');
      continue;
    }
    if (node === 'close-pre') {
      preDepth--;
      continue;
    }
    if (node.nodeType === 3) {
      // Rendered text collapses runs of white space, except inside <pre>.
      const data = node.nodeValue ?? '';
      out.push(preDepth > 0 ? data : data.replace(/[ \t\n\r\f]+/g, ' '));
      continue;
    }
    if (node.nodeType !== 1) continue;
    const el = node as Element;
    const tag = el.tagName.toUpperCase();
    if (SKIPPED.has(tag) || el.hasAttribute('hidden') || HIDDEN_STYLE.test(el.getAttribute('style') ?? '')) continue;
    if (tag === 'BR') {
      out.push('\n');
      continue;
    }
    if (tag === 'PRE') {
      preDepth++;
      stack.push('close-pre');
    }
    const block = BLOCKS.has(tag);
    if (block) {
      out.push('\n');
      stack.push('close-block');
    }
    const children = el.childNodes;
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]!);
  }
  // Tidy the joins: spaces around line breaks and runs of blank lines carry no text.
  return out
    .join('')
    .replace(/[ \t]*\n[ \t]*/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
