// Drawing with the CSS Custom Highlight API: one named highlight per kind of
// difference, registered in the registry of the document that holds the text
// (the top document for its shadow roots, each same-origin iframe for its own).
// No element is inserted into the article, so the page's layout, selection and
// scripts are untouched. Every draw returns its remover.
//
// The page shares the registry and the cascade: it could clear CSS.highlights
// or make `::highlight(yuanwen-…)` transparent with an !important rule. So
// each content-script instance names its highlights with a random suffix (a
// page's stylesheet cannot name what it does not know), our rules are
// !important, and repair() puts back whatever left the registry.
//
// The ::highlight rules apply only to the elements whose text is marked, which
// carry an attribute of the same random name (`data-yw-<suffix>`). A rule that
// matched every element would make the browser restyle the whole document
// when our stylesheet arrives: one task of about 200 ms on a page of 100k
// elements, over 9 s on a page of 10^6 (a highlight's style comes from the
// element holding the text, in Chromium and Firefox alike). With the
// attribute, the restyle covers the marked elements alone.
import { displayKinds, severity, type DisplayKind } from '../present/kinds';
import { kindAccent, rgba, surface } from '../present/tokens';

/**
 * One highlight per display kind (the same kinds, names and colours as every
 * other view), one for spun forms in text with no original (spin-coloured:
 * the same kind, kept apart so the reader can switch them off on their own),
 * and `flash`: the difference the reader chose, which stays marked until
 * another is chosen.
 */
export type LayerKind = DisplayKind | 'scrambled' | 'flash';
export const layerKinds: readonly LayerKind[] = [...displayKinds, 'scrambled', 'flash'];

/** Highlight names before the per-instance suffix (`yuanwen-distorting-<random>`). */
export const highlightBaseName = Object.fromEntries(layerKinds.map((k) => [k, `yuanwen-${k}`])) as Readonly<Record<LayerKind, string>>;

function randomSuffix(): string {
  const bytes = new Uint8Array(6);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** Higher paints on top where highlights overlap: the worse kind wins, the chosen difference above all. */
const priority = Object.fromEntries(layerKinds.map((k) => [k, k === 'flash' ? 30 : k === 'scrambled' ? 1 : 20 - severity[k]])) as Readonly<Record<LayerKind, number>>;

/** How each kind is underlined, so kinds stay apart where colours are hard to tell. */
const decoration: Readonly<Record<DisplayKind, string>> = {
  distorting: 'underline wavy',
  negation: 'underline wavy',
  number: 'underline solid',
  name: 'underline solid',
  omission: 'underline double',
  insertion: 'underline dashed',
  wording: 'underline dotted',
  move: 'underline dotted',
  spin: 'none',
  heading: 'underline double',
};

// Colours are the lib/present tokens. Translucent fills keep the page's own
// text colour readable on light and dark pages alike; the page's text colour
// is never changed.
function styleOf(kind: LayerKind): string {
  if (kind === 'flash') return `background-color: ${rgba(surface.accent.light, 0.35)}; text-decoration: underline solid ${surface.accent.light}; text-decoration-thickness: 3px;`;
  const k: DisplayKind = kind === 'scrambled' ? 'spin' : kind;
  const accent = kindAccent[k].light;
  const deco = kind === 'scrambled' ? 'underline dotted' : decoration[k];
  return `background-color: ${rgba(accent, k === 'spin' ? 0.28 : 0.3)}; text-decoration: ${deco} ${accent}; text-decoration-thickness: 2px;`;
}

/** The ::highlight rules for these names, on the elements carrying `attr`, every declaration !important. */
export function highlightCss(names: Readonly<Record<LayerKind, string>>, attr: string): string {
  return layerKinds.map((kind) => `[${attr}]::highlight(${names[kind]}) { ${styleOf(kind).replace(/;/g, ' !important;')} }`).join('\n');
}

/** The attribute that marks, for one content-script instance, the elements whose text it highlights. */
export function markedAttribute(suffix: string): string {
  return `data-yw-${suffix}`;
}

type HighlightCtor = new (...ranges: AbstractRange[]) => Highlight;
interface HighlightWindow {
  Highlight?: HighlightCtor;
  CSS?: { highlights?: HighlightRegistry };
  CSSStyleSheet: typeof CSSStyleSheet;
}

/** Is the Highlight API available in this document? */
export function highlightsSupported(doc: Document = document): boolean {
  const win = doc.defaultView as unknown as HighlightWindow | null;
  return !!win && typeof win.Highlight === 'function' && !!win.CSS?.highlights;
}

function adopt(root: Document | ShadowRoot, sheet: CSSStyleSheet): void {
  const adopted = root.adoptedStyleSheets;
  if (adopted.includes(sheet)) return;
  try {
    adopted.push(sheet);
  } catch {
    root.adoptedStyleSheets = [...adopted, sheet];
  }
}

/**
 * What makes one set of highlight names show: a constructed stylesheet per
 * document, adopted by the document and by each shadow root drawn in (a
 * document's rules do not reach into a shadow tree's cascade), and the marked
 * attribute on each element whose text is drawn. Shared by every
 * HighlightLayers of the same names, so a redraw adopts nothing new.
 * Constructed stylesheets are not subject to the page's Content-Security-Policy.
 */
class HighlightStyles {
  private readonly byDoc = new WeakMap<Document, CSSStyleSheet>();
  private readonly css: string;
  readonly attr: string;
  /** Elements given the attribute (so clear() leaves the page as it found it, and repair() can check them). */
  private readonly marked = new Set<Element>();

  constructor(names: Readonly<Record<LayerKind, string>>, suffix: string) {
    this.attr = markedAttribute(suffix);
    this.css = highlightCss(names, this.attr);
  }

  /** Gives the element holding a range's text the attribute the rules select. */
  mark(range: AbstractRange): void {
    const node = range.startContainer;
    const el = node.nodeType === 1 ? (node as Element) : node.parentElement;
    if (!el || this.marked.has(el)) return;
    this.marked.add(el);
    el.setAttribute(this.attr, '');
  }

  /** Puts back the attribute where the page took it off; true when something was missing. */
  remark(): boolean {
    let missing = false;
    for (const el of this.marked) {
      if (el.isConnected && !el.hasAttribute(this.attr)) {
        el.setAttribute(this.attr, '');
        missing = true;
      }
    }
    return missing;
  }

  /** Takes the attribute off every element it was put on. */
  unmarkAll(): void {
    for (const el of this.marked) el.removeAttribute(this.attr);
    this.marked.clear();
  }

  /** Adopts the rules into `root` (idempotent; call again after the page may have reset adoptedStyleSheets). */
  ensure(root: Document | ShadowRoot): void {
    try {
      const sheet = this.sheetFor(docOf(root));
      if (sheet) adopt(root, sheet);
    } catch {
      // A closed or exotic root: the highlight is still registered, only unstyled.
    }
  }

  /** Has the page dropped our sheet from `root`? */
  missing(root: Document | ShadowRoot): boolean {
    const sheet = this.byDoc.get(docOf(root));
    return sheet !== undefined && !root.adoptedStyleSheets.includes(sheet);
  }

  private sheetFor(doc: Document): CSSStyleSheet | null {
    let sheet = this.byDoc.get(doc);
    if (sheet) return sheet;
    const win = doc.defaultView as unknown as HighlightWindow | null;
    if (!win) return null;
    sheet = new win.CSSStyleSheet();
    sheet.replaceSync(this.css);
    this.byDoc.set(doc, sheet);
    return sheet;
  }
}

/** nodeType, not instanceof: a same-origin iframe's Document comes from another realm. */
function docOf(root: Document | ShadowRoot): Document {
  return root.nodeType === 9 ? (root as Document) : (root.ownerDocument as Document);
}

/** One HighlightStyles per set of names (a content script keeps its suffix for its whole life). */
const stylesByNames = new Map<string, HighlightStyles>();

/** The highlights Yuanwen owns, per document and kind. */
export class HighlightLayers {
  private readonly byDoc = new Map<Document, Map<LayerKind, Highlight>>();
  /** Roots (documents and shadow roots) our styles were adopted into. */
  private readonly styledRoots = new Set<Document | ShadowRoot>();
  private readonly styles: HighlightStyles;
  /** This instance's highlight names. */
  readonly names: Readonly<Record<LayerKind, string>>;
  /** Times repair() found something missing and put it back. */
  repaired = 0;

  /** Not yet in the registry: ranges are gathered off-screen and shown at once by commit(). */
  private staged: boolean;

  constructor(
    readonly suffix: string = randomSuffix(),
    options: { staged?: boolean; shown?: Readonly<Record<LayerKind, boolean>> } = {},
  ) {
    this.staged = options.staged ?? false;
    if (options.shown) this.shown = { ...options.shown };
    const names = {} as Record<LayerKind, string>;
    for (const kind of Object.keys(highlightBaseName) as LayerKind[]) names[kind] = `${highlightBaseName[kind]}-${suffix}`;
    this.names = names;
    let styles = stylesByNames.get(suffix);
    if (!styles) {
      styles = new HighlightStyles(names, suffix);
      stylesByNames.set(suffix, styles);
    }
    this.styles = styles;
  }

  private style(root: Document | ShadowRoot): void {
    this.styledRoots.add(root);
    this.styles.ensure(root);
  }

  private shown: Readonly<Record<LayerKind, boolean>> = Object.fromEntries(layerKinds.map((k) => [k, true])) as Record<LayerKind, boolean>;

  /** Adds ranges to the `kind` highlight; returns the remover. */
  draw(kind: LayerKind, ranges: readonly AbstractRange[]): () => void {
    const added: Array<[Highlight, AbstractRange]> = [];
    for (const range of ranges) {
      const node = range.startContainer;
      const doc = node.ownerDocument ?? (node as Document);
      const h = this.highlight(doc, kind);
      if (!h) continue;
      const root = node.getRootNode();
      if (root !== doc && root instanceof (doc.defaultView?.ShadowRoot ?? ShadowRoot)) this.style(root as ShadowRoot);
      this.styles.mark(range);
      h.add(range);
      added.push([h, range]);
    }
    return () => {
      for (const [h, r] of added) h.delete(r);
      added.length = 0;
    };
  }

  /** Which kinds are painted. Hidden kinds keep their ranges and come back at once. */
  setShown(shown: Partial<Record<LayerKind, boolean>>): void {
    this.shown = { ...this.shown, ...shown };
    if (this.staged) return;
    for (const [doc, kinds] of this.byDoc) {
      const registry = registryOf(doc);
      if (!registry) continue;
      for (const [kind, h] of kinds) {
        const name = this.names[kind];
        if (this.shown[kind]) {
          if (registry.get(name) !== h) registry.set(name, h);
        } else if (registry.get(name) === h) {
          registry.delete(name);
        }
      }
    }
  }

  /** Re-registers our highlights and styles if the page removed them. Returns true when something was put back. */
  repair(): boolean {
    let missing = false;
    for (const root of this.styledRoots) if (this.styles.missing(root)) missing = true;
    if (this.staged) return false;
    if (this.styles.remark()) missing = true;
    for (const [doc, kinds] of this.byDoc) {
      const registry = registryOf(doc);
      for (const [kind, h] of kinds) if (this.shown[kind] && h.size > 0 && registry?.get(this.names[kind]) !== h) missing = true;
    }
    if (!missing) return false;
    for (const root of this.styledRoots) this.styles.ensure(root);
    this.setShown({});
    this.repaired++;
    return true;
  }

  /** Which kinds are shown now (to hand on to the next drawing). */
  get shownKinds(): Readonly<Record<LayerKind, boolean>> {
    return this.shown;
  }

  /** Puts staged highlights in the registry: one set() per kind and document, so the swap is one short step. */
  commit(): void {
    this.staged = false;
    this.setShown({});
  }

  /**
   * Takes our highlights out of the registry without emptying them one range
   * at a time (a report's worth of ranges is left to the garbage collector).
   */
  detach(): void {
    for (const [doc, kinds] of this.byDoc) {
      const registry = registryOf(doc);
      for (const [kind, h] of kinds) if (registry?.get(this.names[kind]) === h) registry.delete(this.names[kind]);
    }
    this.byDoc.clear();
    this.styledRoots.clear();
  }

  /** Removes every highlight of every kind from every document. */
  clear(): void {
    for (const [doc, kinds] of this.byDoc) {
      const registry = registryOf(doc);
      for (const [kind, h] of kinds) {
        h.clear();
        if (registry?.get(this.names[kind]) === h) registry.delete(this.names[kind]);
      }
    }
    this.byDoc.clear();
    this.styledRoots.clear();
    this.styles.unmarkAll();
  }

  /** The attribute this instance's rules select (on the elements whose text is drawn). */
  get markedAttribute(): string {
    return this.styles.attr;
  }

  /** Number of ranges currently held for `kind` (all documents). */
  size(kind: LayerKind): number {
    let n = 0;
    for (const kinds of this.byDoc.values()) n += kinds.get(kind)?.size ?? 0;
    return n;
  }

  private highlight(doc: Document, kind: LayerKind): Highlight | null {
    let kinds = this.byDoc.get(doc);
    if (!kinds) {
      if (!highlightsSupported(doc)) return null;
      kinds = new Map();
      this.byDoc.set(doc, kinds);
      this.style(doc);
    }
    let h = kinds.get(kind);
    if (!h) {
      const win = doc.defaultView as unknown as HighlightWindow;
      h = new win.Highlight!();
      h.priority = priority[kind];
      kinds.set(kind, h);
      if (this.shown[kind] && !this.staged) registryOf(doc)?.set(this.names[kind], h);
    }
    return h;
  }
}

function registryOf(doc: Document): HighlightRegistry | null {
  const win = doc.defaultView as unknown as HighlightWindow | null;
  return win?.CSS?.highlights ?? null;
}
