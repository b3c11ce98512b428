// The gate's look into shadow roots. The cheapest gate (one native
// textContent scan of the document) does not see text inside shadow roots, so
// a page whose only Han text sits in shadow roots, open or closed, was never
// looked at. This walk finds such text: it visits the elements that may host
// a shadow root and scans each root's textContent natively, descending into
// nested roots. It runs only while no Han text was seen in the light DOM, in
// slices, and changes nothing a page can observe (no DOM, no events).
import { hasAnyHan } from './extract';

/**
 * The elements attachShadow() accepts (DOM Standard, "valid shadow host
 * name"): these, and every custom element (a name with a hyphen). No other
 * element can hold a shadow root, so no other element is asked.
 */
const shadowHostNames: ReadonlySet<string> = new Set([
  'article', 'aside', 'blockquote', 'body', 'div', 'footer', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'main', 'nav', 'p', 'section', 'span',
]);

export function mayHostShadow(localName: string): boolean {
  return shadowHostNames.has(localName) || localName.includes('-');
}

/**
 * Standard elements (div, span, p…) asked through the extension API for a
 * closed root, at most: about 2.5 µs each, so 100k elements of an English page
 * cost a quarter of a second of content-script time on every load. Beyond
 * these, a standard element's open root is still read (el.shadowRoot costs
 * next to nothing), and custom elements, the usual hosts, are always asked. A
 * closed root on a plain div past the first 10,000 is a stated limit.
 */
export const closedRootProbeLimit = 10_000;

/** Elements visited between two clock reads (reading the clock per element would cost more than the visit). */
const clockEvery = 512;

export type ProbeStep = 'han' | 'none' | 'more';

/** A root being looked through: its elements, listed once by one native call, and how far the walk got. */
interface Pending {
  elements: NodeListOf<Element>;
  next: number;
}

/**
 * Costs measured in Chromium 156 on 100k elements (test/bench/main-thread.ts,
 * README "Threat model"): listing them with querySelectorAll('*') 3 ms, a
 * TreeWalker over them 48 ms; chrome.dom.openOrClosedShadowRoot about 2-3 µs a
 * call, the bulk of the cost. Hence one native listing per root and the
 * extension call only for elements that can host a root.
 */
export class ShadowHanProbe {
  /** Roots still to look through, innermost last: the document's, then each shadow root found. */
  private readonly pending: Pending[];
  /** Elements asked for a shadow root so far (diagnostics and tests). */
  asked = 0;

  /** The root element itself, which its querySelectorAll does not list: looked at first. */
  private self: Element | null;

  constructor(
    root: Element | ShadowRoot,
    /** Open or closed: the content script passes chrome.dom.openOrClosedShadowRoot (Element.openOrClosedShadowRoot in Firefox). */
    private readonly shadowRootOf: (el: Element) => ShadowRoot | null,
    private readonly now: () => number = () => performance.now(),
    private readonly closedLimit: number = closedRootProbeLimit,
  ) {
    this.pending = [{ elements: root.querySelectorAll('*'), next: 0 }];
    this.self = root.nodeType === 1 ? (root as Element) : null;
  }

  /** Walks for about `budgetMs`: 'han' once a shadow root holds Han text, 'none' when every root was seen without, else 'more'. */
  step(budgetMs: number): ProbeStep {
    const start = this.now();
    let n = 0;
    while (this.pending.length > 0) {
      const top = this.pending[this.pending.length - 1]!;
      let el: Element | undefined;
      if (this.self) {
        el = this.self;
        this.self = null;
      } else if (top.next < top.elements.length) {
        el = top.elements[top.next++];
      } else {
        this.pending.pop();
        continue;
      }
      const name = el?.localName ?? '';
      if (el && mayHostShadow(name)) {
        let root: ShadowRoot | null;
        if (name.includes('-') || this.asked < this.closedLimit) {
          this.asked++;
          root = this.shadowRootOf(el);
        } else {
          root = el.shadowRoot;
        }
        if (root) {
          if (hasAnyHan(root.textContent ?? '')) return 'han';
          // No Han in this root's own text; a root nested inside it keeps its
          // text out of this textContent, so this root's elements are looked at too.
          this.pending.push({ elements: root.querySelectorAll('*'), next: 0 });
        }
      }
      if (++n % clockEvery === 0 && this.now() - start >= budgetMs) return 'more';
    }
    return 'none';
  }
}
