// DOM -> TextSnapshot: the page's visible text as one string, with a map from
// every character back to the Text node it came from.
//
// The same rules run in the browser (with getComputedStyle to see CSS-hidden
// elements) and in Node over linkedom (no layout: static rules only), so the
// command-line verifier reduces an .html file to the same text a reader's
// browser would send. The walk is iterative (a 5,000-deep DOM must not
// overflow the stack) and resumable, so the content script can run it in
// slices and yield between them.

/** Extracted text and its map back to the DOM. */
export interface TextSnapshot {
  text: string;
  /** Text nodes that contributed, in document order. */
  nodes: Text[];
  /** starts[i]: offset in `text` of the first character of nodes[i]. */
  starts: number[];
  /** nodes[i].data at extraction time, to detect later changes. */
  data: string[];
  /** roots[rootOf[i]] is the Document or ShadowRoot holding nodes[i] (a Range cannot cross roots). */
  rootOf: number[];
  roots: Node[];
}

/**
 * How an element is shown: 'none' skips its whole subtree, 'hidden' skips its
 * own text but still visits its children (CSS visibility is inherited, and a
 * child may set it back to visible), 'visible' keeps everything.
 */
export type Visibility = 'visible' | 'hidden' | 'none';
export type VisibilityCheck = (el: Element) => Visibility;

/** Elements whose content is never reader-visible text. */
const skippedTags = new Set([
  'SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'TEXTAREA', 'INPUT', 'SELECT', 'OPTION', 'OPTGROUP', 'BUTTON',
  'HEAD', 'TITLE', 'META', 'LINK', 'SVG', 'CANVAS', 'VIDEO', 'AUDIO', 'OBJECT', 'EMBED', 'MATH', 'DATALIST',
]);

/** Elements that start a new line: their text is kept apart from their neighbours' by "\n". */
const blockTags = new Set([
  'ADDRESS', 'ARTICLE', 'ASIDE', 'BLOCKQUOTE', 'BODY', 'BR', 'CAPTION', 'CENTER', 'DD', 'DETAILS', 'DIALOG', 'DIR',
  'DIV', 'DL', 'DT', 'FIELDSET', 'FIGCAPTION', 'FIGURE', 'FOOTER', 'FORM', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6',
  'HEADER', 'HGROUP', 'HR', 'HTML', 'IFRAME', 'LEGEND', 'LI', 'MAIN', 'MENU', 'NAV', 'OL', 'P', 'PRE', 'SECTION',
  'SUMMARY', 'TABLE', 'TBODY', 'TD', 'TFOOT', 'TH', 'THEAD', 'TR', 'UL',
]);

/** Yuanwen's own UI hosts carry this attribute; their content is never page text. */
export const ownUiAttribute = 'data-yuanwen-ui';

const inlineDisplayNone = /(?:^|;)\s*display\s*:\s*none\b/i;

/** Static rules that need no layout: used alone under linkedom, and before CSS in the browser. */
export function staticVisibility(el: Element): Visibility {
  const tag = el.tagName.toUpperCase();
  if (skippedTags.has(tag)) return 'none';
  if (el.hasAttribute('hidden') || el.hasAttribute(ownUiAttribute)) return 'none';
  if (tag.startsWith('YUANWEN-')) return 'none';
  const style = el.getAttribute('style');
  if (style !== null && inlineDisplayNone.test(style)) return 'none';
  return 'visible';
}

/** Browser rules: static rules, then computed display and visibility. */
export function computedVisibility(el: Element): Visibility {
  const s = staticVisibility(el);
  if (s !== 'visible') return s;
  const view = el.ownerDocument.defaultView;
  if (!view) return 'visible';
  const cs = view.getComputedStyle(el);
  // display:contents has no box but its children are shown.
  if (cs.display === 'none') return 'none';
  if (cs.visibility === 'hidden' || cs.visibility === 'collapse') return 'hidden';
  return 'visible';
}

export interface ExtractOptions {
  /** Visibility strategy; default staticVisibility (no layout). */
  visibility?: VisibilityCheck;
  /** Descend into open shadow roots (default true). */
  shadowRoots?: boolean;
  /** Descend into same-origin iframes (default true). */
  iframes?: boolean;
  /** Stop collecting after this many characters (the rest of the page is ignored). */
  maxChars?: number;
}

interface Frame {
  /** Next sibling to visit in a sibling chain... */
  next: Node | null;
  /** ...or the next index in an explicit list (slot assigned nodes). */
  list: readonly Node[] | null;
  index: number;
  block: boolean;
  /** Text directly inside this element is shown. */
  textVisible: boolean;
  root: number;
}

const TEXT_NODE = 3;
const ELEMENT_NODE = 1;
const NEWLINE = '\n';

/**
 * Resumable extraction. Call step(budgetMs) until it returns true, then
 * snapshot(). One Extractor walks one root once.
 */
export class Extractor {
  private readonly parts: string[] = [];
  private readonly nodes: Text[] = [];
  private readonly starts: number[] = [];
  private readonly rootOf: number[] = [];
  private readonly roots: Node[] = [];
  private readonly stack: Frame[] = [];
  private length = 0;
  private endsWithNewline = true;
  private readonly visibility: VisibilityCheck;
  private readonly shadowRoots: boolean;
  private readonly iframes: boolean;
  private readonly maxChars: number;
  /** Nodes visited so far (for measurements). */
  visited = 0;

  constructor(root: Node, options: ExtractOptions = {}) {
    this.visibility = options.visibility ?? staticVisibility;
    this.shadowRoots = options.shadowRoots ?? true;
    this.iframes = options.iframes ?? true;
    this.maxChars = options.maxChars ?? Infinity;
    const rootIndex = this.addRoot(rootNodeOf(root));
    if (root.nodeType === TEXT_NODE) {
      this.stack.push({ next: root, list: null, index: 0, block: false, textVisible: true, root: rootIndex });
    } else {
      this.enter(root, true, rootIndex);
    }
  }

  get done(): boolean {
    return this.stack.length === 0;
  }

  /** Walks for about `budgetMs` milliseconds (Infinity: to the end). Returns true when finished. */
  step(budgetMs = Infinity, now: () => number = defaultNow): boolean {
    const deadline = budgetMs === Infinity ? Infinity : now() + budgetMs;
    let counter = 0;
    const stack = this.stack;
    while (stack.length > 0) {
      if (++counter === 512) {
        counter = 0;
        if (now() >= deadline) return false;
      }
      const frame = stack[stack.length - 1]!;
      let node: Node | null;
      if (frame.list) {
        node = frame.index < frame.list.length ? frame.list[frame.index++]! : null;
      } else {
        node = frame.next;
        if (node) frame.next = node.nextSibling;
      }
      if (!node) {
        stack.pop();
        if (frame.block) this.newline();
        continue;
      }
      this.visited++;
      if (node.nodeType === TEXT_NODE) {
        if (frame.textVisible) this.addText(node as Text, frame.root);
      } else if (node.nodeType === ELEMENT_NODE) {
        this.visitElement(node as Element, frame);
      }
      if (this.length >= this.maxChars) {
        stack.length = 0;
        break;
      }
    }
    return true;
  }

  snapshot(): TextSnapshot {
    // A trailing synthetic newline carries nothing.
    if (this.lastSynthetic) {
      this.parts.pop();
      this.length--;
      this.lastSynthetic = false;
      this.endsWithNewline = this.length === 0 || (this.parts[this.parts.length - 1] ?? '').endsWith(NEWLINE);
    }
    return {
      text: this.parts.join(''),
      nodes: this.nodes,
      starts: this.starts,
      data: this.datas,
      rootOf: this.rootOf,
      roots: this.roots,
    };
  }

  private readonly datas: string[] = [];
  private lastSynthetic = false;

  private addRoot(root: Node): number {
    const i = this.roots.indexOf(root);
    if (i >= 0) return i;
    this.roots.push(root);
    return this.roots.length - 1;
  }

  private addText(node: Text, root: number): void {
    const data = node.data;
    if (data.length === 0) return;
    // Whitespace-only nodes are markup indentation: drop them (the engine drops
    // whitespace when matching anyway) so the text stays compact.
    if (isBlank(data)) return;
    this.nodes.push(node);
    this.starts.push(this.length);
    this.rootOf.push(root);
    this.parts.push(data);
    this.datas.push(data);
    this.length += data.length;
    this.lastSynthetic = false;
    this.endsWithNewline = data.charCodeAt(data.length - 1) === 10;
  }

  private newline(): void {
    if (this.endsWithNewline) return;
    this.parts.push(NEWLINE);
    this.lastSynthetic = true;
    this.length += 1;
    this.endsWithNewline = true;
  }

  private visitElement(el: Element, parent: Frame): void {
    let vis: Visibility;
    try {
      vis = this.visibility(el);
    } catch {
      vis = 'visible';
    }
    if (vis === 'none') return;
    const tag = el.tagName.toUpperCase();
    if (tag === 'BR') {
      this.newline();
      return;
    }
    if (tag === 'IFRAME') {
      if (!this.iframes) return;
      let doc: Document | null = null;
      try {
        doc = (el as HTMLIFrameElement).contentDocument; // null when cross-origin
      } catch {
        doc = null;
      }
      const body = doc?.body ?? doc?.documentElement;
      if (!doc || !body) return;
      this.newline();
      this.enter(body, true, this.addRoot(doc));
      return;
    }
    this.enter(el, blockTags.has(tag), parent.root, vis === 'hidden' ? false : undefined);
  }

  /** Pushes a frame for the children of `el` (its shadow tree if it has an open one). */
  private enter(el: Node, block: boolean, root: number, textVisible = true): void {
    if (block) this.newline();
    let first: Node | null = el.firstChild;
    let list: readonly Node[] | null = null;
    if (this.shadowRoots && el.nodeType === ELEMENT_NODE) {
      const shadow = (el as Element).shadowRoot;
      if (shadow) {
        root = this.addRoot(shadow);
        first = shadow.firstChild;
      } else if ((el as Element).tagName === 'SLOT' && typeof (el as HTMLSlotElement).assignedNodes === 'function') {
        const assigned = (el as HTMLSlotElement).assignedNodes();
        if (assigned.length > 0) {
          list = assigned;
          first = null;
          // Slotted nodes live in the host's tree, not in the shadow root.
          const host = assigned[0]!.getRootNode();
          root = this.addRoot(host);
        }
      }
    }
    this.stack.push({ next: first, list, index: 0, block, textVisible, root });
  }
}

function rootNodeOf(node: Node): Node {
  return typeof node.getRootNode === 'function' ? node.getRootNode() : (node.ownerDocument ?? node);
}

function isBlank(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    // space, tab, LF, CR, FF (HTML whitespace: collapsed by layout)
    if (c !== 32 && c !== 9 && c !== 10 && c !== 13 && c !== 12) return false;
  }
  return true;
}

const defaultNow = (): number => (typeof performance !== 'undefined' ? performance.now() : Date.now());

/** Extracts the whole snapshot of `root` at once. */
export function extractSnapshot(root: Node, options?: ExtractOptions): TextSnapshot {
  const ex = new Extractor(root, options);
  ex.step(Infinity);
  return ex.snapshot();
}

/**
 * The text of a document by the extraction rules, without layout: what the
 * command-line verifier calls on a parsed .html file (linkedom).
 */
export function extractText(doc: Document | Node, options?: Omit<ExtractOptions, 'visibility'>): string {
  const root = 'body' in doc && (doc as Document).body ? (doc as Document).body : doc;
  return extractSnapshot(root, options).text;
}

/** Is the code unit a Han ideograph (CJK Unified, Ext. A, Compatibility)? Surrogate-pair extensions are ignored. */
export function isHan(c: number): boolean {
  return (c >= 0x4e00 && c <= 0x9fff) || (c >= 0x3400 && c <= 0x4dbf) || (c >= 0xf900 && c <= 0xfaff);
}

/** Cheap gate: does `text` hold at least `min` Han characters? Stops as soon as it knows. */
export function hasEnoughHan(text: string, min = 40): boolean {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    if (isHan(text.charCodeAt(i)) && ++n >= min) return true;
  }
  return false;
}

const anyHan = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]/;

/** Cheapest gate: any Han character at all in a string (a native regex scan). */
export function hasAnyHan(text: string): boolean {
  return anyHan.test(text);
}
