// Whether text can be told from what lies behind it. A farm hides junk
// characters inside a bulletin so that a DOM reader sees them and a person
// does not: the page's own background colour (#fafafa on #fafafa), a colour
// off by a shade, or an opacity of 0.06. Each such character breaks the
// fingerprints around it. What decides is the contrast of the ink as drawn
// (its colour, faded by its alpha and by every ancestor's opacity) against
// the backdrop as drawn (the nearest backgrounds, blended down to the
// canvas). A backdrop we cannot know (a background image, a colour function
// we do not parse) never hides text.

/** Text drawn at less than this contrast ratio (WCAG 2 definition) against its backdrop is not seen. WCAG asks
 * 4.5:1 for reading and 3:1 for large text; at 1.5:1 a character is at best a faint smudge no reader reads. */
export const minInkContrast = 1.5;

type Rgb = readonly [number, number, number];

/** What is behind an element's content, as drawn, and the opacity its content is drawn with. */
export interface Paint {
  /** The opaque colour behind the element's content, from background colours alone; null when a colour is not parsed. */
  backdrop: Rgb | null;
  /** The nearest element whose opaque background colour starts `backdrop` (null: the canvas). */
  source: Element | null;
  /** The product of the element's and its ancestors' opacity. */
  opacity: number;
}

/** The browser's default canvas, under the root element. */
const canvas: Paint = { backdrop: [255, 255, 255], source: null, opacity: 1 };

/** `rgb()` / `rgba()` as computed style gives them: [r, g, b, alpha], or null for anything else. */
export function parseRgba(css: string): readonly [number, number, number, number] | null {
  const hit = parsed.get(css);
  if (hit !== undefined) return hit;
  const out = parseRgbaUncached(css);
  if (parsed.size < 4096) parsed.set(css, out);
  return out;
}

/** A page uses a few dozen colours: each string is parsed once. */
const parsed = new Map<string, readonly [number, number, number, number] | null>();

function parseRgbaUncached(css: string): readonly [number, number, number, number] | null {
  if (css === 'transparent') return [0, 0, 0, 0];
  const m = /^rgba?\(\s*([\d.]+)[,\s]+([\d.]+)[,\s]+([\d.]+)(?:\s*[,/]\s*([\d.]+)(%?))?\s*\)$/.exec(css);
  if (!m) return null;
  const alpha = m[4] === undefined ? 1 : Number(m[4]) / (m[5] === '%' ? 100 : 1);
  return [Number(m[1]), Number(m[2]), Number(m[3]), alpha];
}

function over(top: Rgb, alpha: number, under: Rgb): Rgb {
  return [top[0] * alpha + under[0] * (1 - alpha), top[1] * alpha + under[1] * (1 - alpha), top[2] * alpha + under[2] * (1 - alpha)];
}

function luminance(c: Rgb): number {
  const [r, g, b] = c.map((v) => {
    const s = v / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** WCAG 2 contrast ratio of two opaque colours (1 to 21). */
export function contrastRatio(a: Rgb, b: Rgb): number {
  const la = luminance(a);
  const lb = luminance(b);
  return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
}

/** The element a box is drawn inside: its parent, or the host of the shadow root it sits in. */
function drawnParent(el: Element): Element | null {
  if (el.parentElement) return el.parentElement;
  const root = el.getRootNode();
  return 'host' in root ? ((root as ShadowRoot).host ?? null) : null;
}

/**
 * Paint contexts kept at most (the most recently used). The walk goes depth
 * first, so what it asks for is the parent of the element it visits, always a
 * recent entry; an evicted ancestor is computed again from its own parent.
 * A map of every element would be a garbage-collection cost: a WeakMap keyed
 * by the 10^6 elements of a huge page made V8's full collections spend over a
 * second on ephemeron marking, in one task.
 */
export const paintCacheEntries = 4096;

/**
 * One extraction's paint contexts: each element's is computed from its
 * parent's (the walk goes top down), reading two properties of its computed
 * style. Background images are looked at only for text that colours alone
 * would hide, so the common case stays cheap.
 */
export class PaintCache {
  /** Insertion order is use order: a hit is moved to the end, the first entry is the least recently used. */
  private readonly known = new Map<Element, Paint>();

  constructor(private readonly capacity: number = paintCacheEntries) {}

  /** Entries held now (for tests). */
  get size(): number {
    return this.known.size;
  }

  private remember(el: Element, paint: Paint): void {
    this.known.set(el, paint);
    if (this.known.size > this.capacity) this.known.delete(this.known.keys().next().value!);
  }

  private recall(el: Element): Paint | undefined {
    const hit = this.known.get(el);
    if (hit) {
      this.known.delete(el);
      this.known.set(el, hit);
    }
    return hit;
  }

  of(el: Element, cs?: CSSStyleDeclaration): Paint {
    const hit = this.recall(el);
    if (hit) return hit;
    const view = el.ownerDocument.defaultView;
    if (!view) return canvas;
    // The ancestors not yet known, nearest first: computed from the top down without
    // recursion (a hostile page may nest thousands of elements that skip this check).
    const chain: Element[] = [el];
    let base = canvas;
    for (let p = drawnParent(el); p; p = drawnParent(p)) {
      const known = this.recall(p);
      if (known) {
        base = known;
        break;
      }
      chain.push(p);
    }
    for (let i = chain.length - 1; i >= 0; i--) {
      const e = chain[i]!;
      base = this.step(e, base, i === 0 && cs ? cs : view.getComputedStyle(e));
      this.remember(e, base);
    }
    return base;
  }

  /** An element's paint from its parent's and its own computed style. */
  private step(el: Element, base: Paint, cs: CSSStyleDeclaration): Paint {
    const opacity = base.opacity * Number(cs.opacity || 1);
    let { backdrop, source } = base;
    const bgCss = cs.backgroundColor;
    if (bgCss !== 'rgba(0, 0, 0, 0)') {
      const bg = parseRgba(bgCss);
      if (bg === null) backdrop = null;
      else if (bg[3] * opacity >= 1) {
        backdrop = [bg[0], bg[1], bg[2]];
        source = el;
      } else if (bg[3] > 0 && backdrop) backdrop = over([bg[0], bg[1], bg[2]], bg[3] * opacity, backdrop);
    }
    return { backdrop, source, opacity };
  }

  /**
   * Is the element's own text drawn too faint to read against its backdrop?
   * Text with a shadow, a stroke or an image fill is drawn by those, and a
   * backdrop with an image in it is unknown: neither is ever hidden.
   */
  inkInvisible(el: Element, cs: CSSStyleDeclaration): boolean {
    const paint = this.of(el, cs);
    if (!paint.backdrop) return false;
    const fill = (cs as CSSStyleDeclaration & { webkitTextFillColor?: string }).webkitTextFillColor || cs.color;
    const ink = parseRgba(fill);
    if (!ink) return false;
    const drawn = over([ink[0], ink[1], ink[2]], ink[3] * paint.opacity, paint.backdrop);
    if (contrastRatio(drawn, paint.backdrop) >= minInkContrast) return false;
    // The rare case: colours alone hide the text. Is it drawn some other way, or over an image?
    if (cs.textShadow !== 'none' && cs.textShadow !== '') return false;
    if (parseFloat((cs as CSSStyleDeclaration & { webkitTextStrokeWidth?: string }).webkitTextStrokeWidth ?? '0') > 0) return false;
    if (cs.backgroundClip === 'text' || (cs as CSSStyleDeclaration & { webkitBackgroundClip?: string }).webkitBackgroundClip === 'text') return false;
    const view = el.ownerDocument.defaultView!;
    for (let e: Element | null = el; e; e = drawnParent(e)) {
      const image = (e === el ? cs : view.getComputedStyle(e)).backgroundImage;
      if (image !== 'none' && image !== '') return false;
      if (e === paint.source) break;
    }
    return true;
  }
}
