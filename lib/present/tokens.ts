// The one colour token set. CSS custom properties for every view (popup, side
// panel, options, welcome page, banner and hover card, page highlights) and
// the CLI's terminal colours are generated from these values, so a kind is
// the same colour wherever a reader meets it.
//
// Each kind has a solid accent (borders, underlines, chip outlines, text where
// it must read at 4.5:1 or better on the theme's background) and a translucent
// fill made from the accent (marked text keeps the page's own text colour).
import type { Verdict } from '../engine/types';
import { displayKinds, type DisplayKind } from './kinds';

export type Theme = 'light' | 'dark';

interface Pair {
  light: string;
  dark: string;
}

/** Accents: light ones measured >= 4.5:1 on #ffffff, dark ones >= 4.5:1 on #16181d. */
export const kindAccent: Readonly<Record<DisplayKind, Pair>> = {
  distorting: { light: '#b91c1c', dark: '#f87171' },
  negation: { light: '#be185d', dark: '#f472b6' },
  number: { light: '#7e22ce', dark: '#c084fc' },
  name: { light: '#4338ca', dark: '#a5b4fc' },
  omission: { light: '#c2410c', dark: '#fb923c' },
  insertion: { light: '#1d4ed8', dark: '#60a5fa' },
  wording: { light: '#0f766e', dark: '#2dd4bf' },
  move: { light: '#57534e', dark: '#a8a29e' },
  spin: { light: '#a16207', dark: '#facc15' },
  heading: { light: '#4b5563', dark: '#9ca3af' },
};

/** Verdict colours (verdict header, banner edge, toolbar badge). */
export const verdictAccent: Readonly<Record<Verdict, Pair>> = {
  faithful: { light: '#15803d', dark: '#4ade80' },
  edited: { light: '#b45309', dark: '#fbbf24' },
  scrambled: { light: '#b91c1c', dark: '#f87171' },
  unmatched: { light: '#57606a', dark: '#9aa4af' },
};

/** Surfaces and text. */
export const surface: Readonly<Record<'bg' | 'fg' | 'muted' | 'line' | 'panel' | 'accent' | 'focus' | 'onAccent', Pair>> = {
  bg: { light: '#ffffff', dark: '#16181d' },
  fg: { light: '#1f2328', dark: '#e6e8eb' },
  muted: { light: '#59636e', dark: '#a3adb8' },
  line: { light: '#d0d7de', dark: '#3d444d' },
  panel: { light: '#f6f8fa', dark: '#1f232a' },
  accent: { light: '#0b57d0', dark: '#8ab4f8' },
  focus: { light: '#0b57d0', dark: '#8ab4f8' },
  onAccent: { light: '#ffffff', dark: '#0b1220' },
};

/** Opacity of a kind's fill behind text. */
export const fillAlpha: Readonly<Record<Theme, number>> = { light: 0.2, dark: 0.3 };

export function rgb(hex: string): [number, number, number] {
  const m = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
  if (!m) throw new Error(`not a #rrggbb colour: ${hex}`);
  return [parseInt(m[1]!, 16), parseInt(m[2]!, 16), parseInt(m[3]!, 16)];
}

export function rgba(hex: string, alpha: number): string {
  return `rgba(${rgb(hex).join(', ')}, ${alpha})`;
}

/** WCAG 2 contrast ratio of two #rrggbb colours. */
export function contrast(a: string, b: string): number {
  const lum = (hex: string) => {
    const [r, g, bl] = rgb(hex).map((c) => {
      const s = c / 255;
      return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
    }) as [number, number, number];
    return 0.2126 * r + 0.7152 * g + 0.0722 * bl;
  };
  const [hi, lo] = [lum(a), lum(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

/** `--yw-...: value;` declarations of one theme. */
export function tokenDeclarations(theme: Theme): string {
  const out: string[] = [];
  for (const [name, pair] of Object.entries(surface)) out.push(`--yw-${name}: ${pair[theme]};`);
  for (const k of displayKinds) {
    out.push(`--yw-k-${k}: ${kindAccent[k][theme]};`, `--yw-k-${k}-fill: ${rgba(kindAccent[k][theme], fillAlpha[theme])};`);
  }
  for (const [v, pair] of Object.entries(verdictAccent)) {
    out.push(`--yw-v-${v}: ${pair[theme]};`, `--yw-v-${v}-fill: ${rgba(pair[theme], fillAlpha[theme] * 0.6)};`);
  }
  return out.join(' ');
}

/**
 * The token stylesheet: `theme` fixed (the banner follows the page's own
 * background), or 'system' for extension pages that follow the browser.
 * Also one `.yw-k-<kind>` class per kind, setting --k / --k-fill, so any
 * element can take a kind's colours.
 */
export function tokensCss(selector = ':root', theme: Theme | 'system' = 'system'): string {
  const classes = displayKinds.map((k) => `.yw-k-${k} { --k: var(--yw-k-${k}); --k-fill: var(--yw-k-${k}-fill); }`).join('\n');
  const verdicts = Object.keys(verdictAccent)
    .map((v) => `.yw-v-${v} { --v: var(--yw-v-${v}); --v-fill: var(--yw-v-${v}-fill); }`)
    .join('\n');
  const base =
    theme === 'system'
      ? `${selector} { color-scheme: light dark; ${tokenDeclarations('light')} }\n@media (prefers-color-scheme: dark) { ${selector} { ${tokenDeclarations('dark')} } }`
      : `${selector} { color-scheme: ${theme}; ${tokenDeclarations(theme)} }`;
  return `${base}\n${classes}\n${verdicts}\n`;
}

/** 24-bit terminal colour of a kind or verdict accent, for the CLI (light terminals and dark alike read the light accents poorly, so dark ones are used: terminals are dark by default). */
export function ansiColour(hex: string): [string, string] {
  const [r, g, b] = rgb(hex);
  return [`\x1b[38;2;${r};${g};${b}m`, '\x1b[39m'];
}
