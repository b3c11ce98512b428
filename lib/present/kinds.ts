// One name, one colour and one severity for every kind of finding a reader
// sees: page marks, hover card, banner, badge, popup, side panel, options and
// the CLI all take their kind from here. The engine's Difference says what the
// engine found; a DisplayKind says what a reader is told.
import type { Difference, MatchedReference, SpinSign } from '../engine/types';

/**
 * Worst first. The order is the severity order every list, banner and badge
 * uses: a distorted meaning, then a flipped negation, a changed number or date,
 * a changed name, a sentence dropped or added, different wording, a moved
 * passage, mechanical synonym swaps, and last a headline or dateline the
 * repost left out (gentle: the body still says what the original says).
 */
export const displayKinds = ['distorting', 'negation', 'number', 'name', 'omission', 'insertion', 'wording', 'move', 'spin', 'heading'] as const;
export type DisplayKind = (typeof displayKinds)[number];

/** Lower is worse. Omission and insertion share a rank: a dropped sentence and an invented one weigh the same. */
export const severity: Readonly<Record<DisplayKind, number>> = {
  distorting: 0,
  negation: 1,
  number: 2,
  name: 3,
  omission: 4,
  insertion: 4,
  wording: 5,
  move: 6,
  spin: 7,
  heading: 8,
};

/** Kinds that change what the text says (the rest change how it says it, or leave out its title). */
export function isSubstantive(kind: DisplayKind): boolean {
  return severity[kind] <= severity.insertion;
}

export function bySeverity(a: DisplayKind, b: DisplayKind): number {
  return severity[a] - severity[b] || displayKinds.indexOf(a) - displayKinds.indexOf(b);
}

/**
 * The page highlight layers a kind's switch (lib/settings.ts, one per kind)
 * shows: its own, and for spin also the spun forms in text that has no
 * original, which the page draws in their own, fainter layer.
 */
export function layersOfKind(k: DisplayKind): readonly (DisplayKind | 'scrambled')[] {
  return k === 'spin' ? ['spin', 'scrambled'] : [k];
}

/** Message keys of a kind (locales/*.yml, group `kind`). */
export const labelKey = (k: DisplayKind) => `kind.${k}.label` as const;
export const whyKey = (k: DisplayKind) => `kind.${k}.why` as const;
export const countKey = (k: DisplayKind, plural: 'one' | 'other') => `kind.${k}.count.${plural}` as const;

const hasDigit = /[0-9０-９〇零一二三四五六七八九十百千万亿]/;
const onlyDigits = /^[\s0-9０-９.．,，%％]+$/;

/**
 * A dateline is the wire formula that opens a bulletin (新华社北京1月25日电,
 * 本报北京2月3日讯): a publisher or place, a date, and 电 or 讯. It is recognised
 * by that shape, never by a list of phrases.
 */
const dateline = /^[\s（(]*[^\s。！？]{0,16}?\d{1,2}月\d{1,2}日(电|讯)[\s）)]*$/;

const squash = (s: string) => s.replace(/[\s\u3000]+/g, '');

/** Is this dropped text the article's headline, or part of it (a repost that left out its title)? */
function isHeadline(text: string, ref: Pick<MatchedReference, 'headline'>): boolean {
  const t = squash(text);
  return t.length >= 4 && squash(ref.headline).includes(t);
}

/** What a reader is told a difference is. `ref` is the match's reference (its headline tells a dropped title). */
export function displayKindOf(d: Difference, ref: Pick<MatchedReference, 'headline'>): DisplayKind {
  switch (d.kind) {
    case 'spin':
      // A swap the lexicon does not list but the spinner's signature shows (listed: false) is a spin all the same.
      return d.distorting ? 'distorting' : 'spin';
    case 'alteration':
      // A flipped negation keeps its own name; another reversal (增强→削弱) distorts the meaning.
      if (d.subkind === 'negation') return 'negation';
      return d.distorting ? 'distorting' : d.subkind;
    case 'move':
      return 'move';
    case 'omission':
    case 'insertion': {
      const text = d.kind === 'omission' ? d.refText : d.pageText;
      // A lone digit dropped from 3月17日 (-> 3月7日) changes a date: it is a number, not a dropped sentence.
      if (onlyDigits.test(text) && hasDigit.test(text)) return 'number';
      if (d.kind === 'omission' && (isHeadline(d.refText, ref) || dateline.test(d.refText))) return 'heading';
      return d.kind;
    }
    default:
      return otherKind(d);
  }
}

/** Kinds the engine may add later fall back to their own name when it is a DisplayKind. */
function otherKind(d: never): DisplayKind {
  const k = (d as { kind?: string }).kind;
  return (displayKinds as readonly string[]).includes(k ?? '') ? (k as DisplayKind) : 'wording';
}

/** A spun form in text with no original: the same kinds as a spin inside a match. */
export function signKind(s: Pick<SpinSign, 'distorting'>): DisplayKind {
  return s.distorting ? 'distorting' : 'spin';
}
