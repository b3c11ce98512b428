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

const HAN = /[\u3400-\u9fff]/;

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
        while (a < b && /\s/.test(text[a]!)) a++;
        while (b > a && /\s/.test(text[b - 1]!)) b--;
        if (b > a) {
          let han = 0;
          for (let j = a; j < b; j++) if (HAN.test(text[j]!)) han++;
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
  // Group consecutive paragraphs into runs of one status, then report each run with enough Han text.
  const regions: UnmatchedRegion[] = [];
  let u = 0;
  let run: { start: number; end: number; han: number; markers: number; signs: SpinSign[]; scrambled: boolean; gap: number } | null = null;
  const flush = () => {
    if (run && run.han >= opts.minUnmatchedHan) {
      const region: UnmatchedRegion = { page: { start: run.start, end: run.end }, scrambled: run.scrambled, signs: run.scrambled ? run.signs : [] };
      if (run.scrambled) region.restored = restore(text, run.start, run.end, run.signs);
      regions.push(region);
    }
    run = null;
  };
  for (const p of paragraphs) {
    while (u < units.length && units[u]!.span.start < p.start) u++;
    const signs: SpinSign[] = [];
    let markers = 0;
    for (let j = u; j < units.length && units[j]!.span.end <= p.end; j++) {
      const entry = lexicon.entries[units[j]!.entry]!;
      const span = units[j]!.span;
      signs.push({ page: span, pageText: text.slice(span.start, span.end), original: entry.original, distorting: entry.distorting });
      // Strong markers count fully; a spun form that genuine references also use counts a little.
      markers += entry.marker && !weakSpun.has(entry.spun) ? 1 : weakSpun.has(entry.spun) ? 0.1 : 0.5;
    }
    const scrambled = markers >= opts.scrambledMinMarkers && (markers * 100) / Math.max(p.han, 1) >= opts.scrambledMarkersPer100;
    // Short paragraphs (headlines, dates) between spun paragraphs join the spun run.
    const joinsRun = run !== null && run.gap === p.gap && (run.scrambled === scrambled || p.han < opts.minUnmatchedHan);
    if (!joinsRun) {
      flush();
      run = { start: p.start, end: p.end, han: 0, markers: 0, signs: [], scrambled, gap: p.gap };
    }
    run!.end = p.end;
    run!.han += p.han;
    run!.markers += markers;
    run!.signs.push(...signs);
  }
  flush();
  return regions;
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
