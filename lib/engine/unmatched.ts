// Page text outside every match: which of it is machine-spun.
//
// A region with no original in the corpus can still be recognised as spun by
// its density of spun forms that genuine text hardly ever uses (东谈主, 作念,
// 政事局 ...). Such a region is reported as scrambled, with a restored reading
// made by reversing the lexicon, labelled as a reconstruction.
import type { Keyed, Lexicon } from './lexicon';
import { rawSpan, type Folded } from './normalize';
import type { EngineOptions } from './options';
import type { Span, SpinSign, UnmatchedRegion } from './types';

function isHan(c: number): boolean {
  return c >= 0x3400 && c <= 0x9fff;
}

function isSpace(c: number): boolean {
  return c === 32 || (c >= 9 && c <= 13) || c === 0x3000 || c === 0xa0 || c === 0x200b || c === 0xfeff;
}

interface Paragraph {
  start: number;
  end: number;
  han: number;
  /** Which gap between matches the paragraph lies in: runs never cross a match. */
  gap: number;
}

/** Raw paragraphs (split at line breaks) of the page outside the matched spans, trimmed. */
function paragraphsOutside(text: string, matched: readonly Span[]): Paragraph[] {
  const out: Paragraph[] = [];
  let gap = 0;
  const cut = (start: number, end: number) => {
    let s = start;
    for (let i = start; i <= end; i++) {
      if (i === end || text.charCodeAt(i) === 10) {
        let a = s;
        let b = i;
        while (a < b && isSpace(text.charCodeAt(a))) a++;
        while (b > a && isSpace(text.charCodeAt(b - 1))) b--;
        if (b > a) {
          let han = 0;
          for (let j = a; j < b; j++) if (isHan(text.charCodeAt(j))) han++;
          out.push({ start: a, end: b, han, gap });
        }
        s = i + 1;
      }
    }
  };
  let pos = 0;
  for (const m of matched) {
    if (m.start > pos) cut(pos, m.start);
    pos = Math.max(pos, m.end);
    gap++;
  }
  if (pos < text.length) cut(pos, text.length);
  return out;
}

export function findUnmatched(text: string, folded: Folded, key: Keyed, lexicon: Lexicon, matched: readonly Span[], weakSpun: ReadonlySet<string>, opts: EngineOptions): UnmatchedRegion[] {
  // Every de-spun unit of the page, as a raw span with its entry.
  const units: Array<{ span: Span; entry: number }> = [];
  for (let i = 0; i < key.text.length; ) {
    const e = key.entry[i]!;
    if (e >= 0) units.push({ span: rawSpan(folded, key.foldStart[i]!, key.foldEnd[i]!), entry: e });
    i = key.unitEnd[i]!;
  }
  const paragraphs = paragraphsOutside(text, matched).filter((p) => p.han > 0);
  // Per paragraph: its spin signs and marker score.
  // Signs are only materialised for regions that turn out scrambled; here a
  // paragraph just remembers which units it holds.
  const scored = paragraphs.map((p) => {
    let markers = 0;
    const u0 = lowerBound(units, p.start);
    let u = u0;
    for (; u < units.length && units[u]!.span.end <= p.end; u++) {
      const entry = lexicon.entries[units[u]!.entry]!;
      // Strong markers count fully; a spun form that genuine references also use counts a little.
      markers += weakSpun.has(entry.spun) ? opts.weakMarkerWeight : entry.marker ? 1 : opts.plainMarkerWeight;
    }
    const strong = markers >= opts.scrambledMinMarkers && (markers * 100) / p.han >= opts.scrambledMarkersPer100;
    return { start: p.start, end: p.end, han: p.han, gap: p.gap, u0, u1: u, markers, scrambled: strong };
  });
  // A headline or a short paragraph between spun paragraphs is too short to
  // carry three markers. It is spun too when it holds any sign and the nearest
  // paragraph with signs on either side (in the same gap) is spun; a short
  // paragraph with no sign (a date line) between two spun ones joins them.
  const short = (p: (typeof scored)[number]) => p.han < opts.minUnmatchedHan;
  const neighbour = (i: number, step: -1 | 1) => {
    const gap = scored[i]!.gap;
    for (let j = i + step; j >= 0 && j < scored.length && scored[j]!.gap === gap; j += step) {
      if (scored[j]!.scrambled || scored[j]!.markers > 0 || !short(scored[j]!)) return scored[j];
    }
    return undefined;
  };
  for (let changed = true, pass = 0; changed && pass < 6; pass++) {
    changed = false;
    for (let i = 0; i < scored.length; i++) {
      const s = scored[i]!;
      if (s.scrambled) continue;
      const prev = neighbour(i, -1);
      const next = neighbour(i, 1);
      const adopt = s.markers > 0 ? Boolean(prev?.scrambled || next?.scrambled) : short(s) && Boolean(prev?.scrambled && next?.scrambled);
      if (adopt) s.scrambled = changed = true;
    }
  }
  // Consecutive paragraphs of one status in one gap form a region.
  const regions: UnmatchedRegion[] = [];
  let i = 0;
  while (i < scored.length) {
    const first = scored[i]!;
    let j = i;
    let han = 0;
    while (j < scored.length && scored[j]!.gap === first.gap && scored[j]!.scrambled === first.scrambled) {
      han += scored[j]!.han;
      j++;
    }
    const last = scored[j - 1]!;
    const signs: SpinSign[] = [];
    if (first.scrambled) {
      for (let k = i; k < j; k++) {
        for (let u = scored[k]!.u0; u < scored[k]!.u1; u++) {
          const entry = lexicon.entries[units[u]!.entry]!;
          const span = units[u]!.span;
          signs.push({ page: span, pageText: text.slice(span.start, span.end), original: entry.original, distorting: entry.distorting });
        }
      }
    }
    if (han >= opts.minUnmatchedHan || first.scrambled) {
      const region: UnmatchedRegion = { page: { start: first.start, end: last.end }, scrambled: first.scrambled, signs: first.scrambled ? signs : [] };
      if (first.scrambled) region.restored = restore(text, first.start, last.end, signs);
      regions.push(region);
    }
    i = j;
  }
  return regions;
}

function lowerBound(units: ReadonlyArray<{ span: Span }>, pos: number): number {
  let lo = 0;
  let hi = units.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (units[mid]!.span.start < pos) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function restore(text: string, start: number, end: number, signs: readonly SpinSign[]): string {
  let out = '';
  let pos = start;
  for (const s of signs) {
    if (s.page.start < pos || s.page.end > end) continue;
    out += text.slice(pos, s.page.start) + s.original;
    pos = s.page.end;
  }
  return out + text.slice(pos, end);
}
