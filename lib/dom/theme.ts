// The page's own background, light or dark: the banner and the hover card
// follow the page, not the system (a dark site on a light system must not get
// a glaring white banner).
import type { Theme } from '../present/tokens';

/** Relative luminance of a CSS rgb()/rgba() colour, or null when it is transparent or unreadable. */
export function luminanceOf(cssColour: string): number | null {
  const m = /rgba?\(\s*([\d.]+)[,\s]+([\d.]+)[,\s]+([\d.]+)(?:\s*[,/]\s*([\d.]+%?))?\s*\)/.exec(cssColour);
  if (!m) return null;
  const alpha = m[4] === undefined ? 1 : m[4].endsWith('%') ? Number(m[4].slice(0, -1)) / 100 : Number(m[4]);
  if (alpha < 0.5) return null;
  const [r, g, b] = [m[1], m[2], m[3]].map((v) => {
    const c = Number(v) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** Below this luminance a background is dark (mid-grey #767676 is about 0.18). */
export const darkBelow = 0.18;

/**
 * The theme of the page: the first opaque background of the body or the
 * root element; a page with
 * none is light (the browser's default canvas), unless it declares only a
 * dark color-scheme.
 */
export function pageTheme(doc: Document): Theme {
  const view = doc.defaultView;
  if (!view) return 'light';
  // Style only, no layout query (elementFromPoint would force a layout of a page just covered with highlights).
  const candidates: (Element | null)[] = [doc.body, doc.documentElement];
  for (const el of candidates) {
    for (let e: Element | null = el; e; e = e.parentElement) {
      const lum = luminanceOf(view.getComputedStyle(e).backgroundColor);
      if (lum !== null) return lum < darkBelow ? 'dark' : 'light';
    }
  }
  const scheme = view.getComputedStyle(doc.documentElement).colorScheme;
  return /^\s*dark\s*$/.test(scheme) ? 'dark' : 'light';
}
