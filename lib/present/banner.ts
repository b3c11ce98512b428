// The page banner's view model: verdict word first, then the worst finding
// with its example, then what the numbers add up to, then the page's legend
// (the kinds marked on this page, worst first, with their counts). Built from
// the same Summary as the popup, so the banner, the badge and the popup agree.
import type { Report, Verdict } from '../engine/types';
import { labelKey, type DisplayKind } from './kinds';
import { bannerLines, kindBreakdown, summarize, type Rendering, type Summary } from './summary';
import { formatNumber, type Translate } from './text';

export interface BannerLegendItem {
  kind: DisplayKind;
  label: string;
  /** Formatted count. */
  n: string;
}

export interface BannerModel {
  tone: Verdict;
  verdict: string;
  worst?: string;
  detail: string;
  legend: BannerLegendItem[];
}

export function bannerOf(summary: Summary, t: Translate): BannerModel | null {
  const lines = bannerLines(summary, t);
  if (!lines) return null;
  const legend = kindBreakdown(summary.counts).map(({ kind, n }) => ({ kind, label: t(labelKey(kind)), n: formatNumber(t, n) }));
  // Text rendered other than the text verified comes before the worst difference, on the same line.
  const worst = [lines.rendered, lines.worst].filter(Boolean).join(' ') || undefined;
  return { tone: lines.tone, verdict: lines.verdict, worst, detail: lines.detail, legend };
}

export function bannerOfReport(report: Report, t: Translate, rendering?: Rendering): BannerModel | null {
  return bannerOf(summarize(report, rendering), t);
}

/** The banner as one string (the toolbar title, the UI's self-check). */
export function bannerMessage(model: BannerModel): string {
  return [model.verdict, model.worst, model.detail].filter(Boolean).join('\n');
}
