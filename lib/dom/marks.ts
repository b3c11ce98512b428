// Report -> the list of things to draw on the page. Pure: no DOM, so it is
// unit-tested with hand-made reports.
import type { Report, Span } from '../engine/types';
import { displayKindOf, signKind, type DisplayKind } from '../present/kinds';
import type { LayerKind } from './highlights';

/** Why a mark was drawn: the kind, refined by alteration subkind. */
export type MarkReason =
  | 'distorting'
  | 'spin'
  | 'number'
  | 'negation'
  | 'name'
  | 'wording'
  | 'omission'
  | 'insertion'
  | 'move'
  | 'scrambled'
  | 'scrambled-distorting';

/** Identifies a difference the way RevealRequest does. */
export interface MarkKey {
  /** Index into report.matches, or -1 for an unmatched region's sign. */
  match: number;
  /** Index into the match's differences, or into the region's signs. */
  difference: number;
  /** Only for unmatched signs: index into report.unmatched. */
  region?: number;
  /** Only for unmatched signs: index counting the signs of all regions in order. */
  flat?: number;
}

export interface MarkSource {
  publisher: string;
  date: string;
  headline: string;
}

export interface MarkInfo {
  /** The highlight it is drawn in: its display kind, or `scrambled` for a spun form with no original. */
  layer: LayerKind;
  /** What the reader is told it is (lib/present): the same name and colour as in the popup. */
  kind: DisplayKind;
  reason: MarkReason;
  key: MarkKey;
  /** Page span (snapshot offsets). Empty for an omission: the point where text is missing. */
  page: Span;
  pageText: string;
  /** The original wording (reference text), or for scrambled signs the restored plain form. */
  original: string;
  /** Only for matched differences: which original. */
  source?: MarkSource;
}

/** Every mark of a report, in page order within each match. */
export function marksOf(report: Report): MarkInfo[] {
  const out: MarkInfo[] = [];
  report.matches.forEach((m, mi) => {
    const source: MarkSource = { publisher: m.ref.publisher, date: m.ref.date, headline: m.ref.headline };
    m.differences.forEach((d, di) => {
      // One kind for the reader everywhere (lib/present): the highlight, the hover card and the popup agree.
      const kind = displayKindOf(d, m.ref);
      const reason: MarkReason = d.kind === 'spin' ? (d.distorting ? 'distorting' : 'spin') : d.kind === 'alteration' ? d.subkind : d.kind;
      out.push({ layer: kind, kind, reason, key: { match: mi, difference: di }, page: d.page, pageText: d.pageText, original: d.refText, source });
    });
  });
  let flat = 0;
  report.unmatched.forEach((u, ri) => {
    u.signs.forEach((s, si) => {
      const key: MarkKey = { match: -1, difference: si, region: ri, flat: flat++ };
      if (!u.scrambled) return;
      const kind = signKind(s);
      out.push({
        // A distorting form (玩忽) is red here as inside a match; the others are spin-coloured, in their own switchable layer.
        layer: kind === 'distorting' ? 'distorting' : 'scrambled',
        kind,
        reason: s.distorting ? 'scrambled-distorting' : 'scrambled',
        key,
        page: s.page,
        pageText: s.pageText,
        original: s.original,
      });
    });
  });
  return out;
}

/** Does `key` (from a RevealRequest) name this mark? */
export function keyMatches(mark: MarkKey, req: { match: number; difference: number; region?: number }): boolean {
  if (req.match !== mark.match) return false;
  if (req.match >= 0) return req.difference === mark.difference;
  if (req.region !== undefined) return req.region === mark.region && req.difference === mark.difference;
  return req.difference === mark.flat;
}

/** Total number of differences the badge and banner count. */
export function differenceTotal(report: Report): number {
  const c = report.counts;
  return c.spin + c.alteration + c.omission + c.insertion + c.move;
}

/** Spin signs in unmatched scrambled regions. */
export function scrambledSignTotal(report: Report): number {
  let n = 0;
  for (const u of report.unmatched) if (u.scrambled) n += u.signs.length;
  return n;
}

/** Does the report have anything to show the reader? (A page with no bulletin shows nothing.) */
export function hasFindings(report: Report): boolean {
  return report.matches.length > 0 || report.unmatched.some((u) => u.scrambled);
}
