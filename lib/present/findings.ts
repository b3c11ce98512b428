// Every finding a reader can go through, from a report: matched differences
// and spun forms in text that has no original, each with its display kind,
// both wordings, and a key the page understands. Worst first, and grouped by
// pair (工作→服务 ×34) so a heavily spun page stays readable.
import type { MatchedReference, Report, Span } from '../engine/types';
import { bySeverity, displayKindOf, signKind, type DisplayKind } from './kinds';

export type FindingKey =
  | { source: 'match'; match: number; difference: number }
  | { source: 'unsourced'; region: number; sign: number };

export interface Finding {
  key: FindingKey;
  /** Stable and unique within a report: usable as a DOM id and a list key. */
  id: string;
  kind: DisplayKind;
  /** The original wording, or for a spun form with no original the plain form the lexicon restores. */
  refText: string;
  pageText: string;
  page: Span;
  /** Only for matched differences: span in the reference file. */
  ref?: Span;
  /** Only for matched differences: index of the original (see originalsOf). */
  original?: number;
}

export function findingId(key: FindingKey): string {
  return key.source === 'match' ? `m${key.match}-${key.difference}` : `u${key.region}-${key.sign}`;
}

/** One original the page reposts, with every passage (match) that quotes it: two quotes of one original are one original. */
export interface OriginalView {
  id: string;
  ref: MatchedReference;
  /** Indices into report.matches, in page order. */
  passages: number[];
  /** Page characters covered by its passages. */
  chars: number;
  differences: number;
}

export function originalsOf(report: Report): OriginalView[] {
  const byId = new Map<string, OriginalView>();
  report.matches.forEach((m, i) => {
    let o = byId.get(m.ref.id);
    if (!o) byId.set(m.ref.id, (o = { id: m.ref.id, ref: m.ref, passages: [], chars: 0, differences: 0 }));
    o.passages.push(i);
    o.chars += m.page.end - m.page.start;
    o.differences += m.differences.length;
  });
  return [...byId.values()];
}

/** The original with the most text on the page: the article the reader came for. */
export function mainOriginal(originals: readonly OriginalView[]): number {
  let best = 0;
  originals.forEach((o, i) => {
    if (o.chars > originals[best]!.chars) best = i;
  });
  return best;
}

/** Every finding of the report in page order (matched differences, then spun forms of scrambled regions with no original). */
export function findingsOf(report: Report): Finding[] {
  const originals = originalsOf(report);
  const originalOf = new Map<number, number>();
  originals.forEach((o, oi) => o.passages.forEach((p) => originalOf.set(p, oi)));
  const out: Finding[] = [];
  report.matches.forEach((m, mi) => {
    m.differences.forEach((d, di) => {
      const key: FindingKey = { source: 'match', match: mi, difference: di };
      out.push({ key, id: findingId(key), kind: displayKindOf(d, m.ref), refText: d.refText, pageText: d.pageText, page: d.page, ref: d.ref, original: originalOf.get(mi) });
    });
  });
  report.unmatched.forEach((u, ri) => {
    // Only regions dense with spun forms are marked on the page; a stray spun-looking word in other text is not.
    if (!u.scrambled) return;
    u.signs.forEach((s, si) => {
      const key: FindingKey = { source: 'unsourced', region: ri, sign: si };
      out.push({ key, id: findingId(key), kind: signKind(s), refText: s.original, pageText: s.pageText, page: s.page });
    });
  });
  return out;
}

/** Worst first; within a kind, in page order. */
export function worstFirst(findings: readonly Finding[]): Finding[] {
  return [...findings].sort((a, b) => bySeverity(a.kind, b.kind) || a.page.start - b.page.start);
}

/** The same change made again and again (工作→服务 ×34): one row, expandable to each place. */
export interface PairGroup {
  id: string;
  kind: DisplayKind;
  refText: string;
  pageText: string;
  /** In page order. */
  findings: Finding[];
}

const flat = (s: string) => s.replace(/\s+/g, ' ').trim();

/** Groups identical pairs of one kind, worst kind first, then the most repeated, then page order. */
export function groupPairs(findings: readonly Finding[]): PairGroup[] {
  const groups = new Map<string, PairGroup>();
  for (const f of findings) {
    const k = `${f.kind}\u0000${flat(f.refText)}\u0000${flat(f.pageText)}`;
    let g = groups.get(k);
    if (!g) groups.set(k, (g = { id: `g-${f.id}`, kind: f.kind, refText: f.refText, pageText: f.pageText, findings: [] }));
    g.findings.push(f);
  }
  return [...groups.values()].sort(
    (a, b) => bySeverity(a.kind, b.kind) || b.findings.length - a.findings.length || a.findings[0]!.page.start - b.findings[0]!.page.start,
  );
}

/** Text around a span, on one line, for a list row: `…前文〔span〕后文…`. */
export function contextOf(text: string, span: Span, chars = 8): { before: string; after: string } {
  const s = Math.max(0, Math.min(span.start, text.length));
  const e = Math.max(s, Math.min(span.end, text.length));
  const line = (x: string) => x.replace(/\s+/g, ' ');
  return { before: line(text.slice(Math.max(0, s - chars), s)), after: line(text.slice(e, e + chars)) };
}
