// Counts, verdict, banner and badge of a report. Every number a reader sees
// comes from one CountModel, so the banner, the badge, the popup and the page
// marks add up: total = matched differences + spun forms with no original =
// the marks drawn on the page.
import type { Report, Verdict } from '../engine/types';
import type { RenderingAnomalyMessage } from '../protocol';
import { displayKinds, severity, type DisplayKind } from './kinds';
import { findingsOf, groupPairs, mainOriginal, originalsOf, type Finding, type OriginalView } from './findings';
import { countKey, labelKey } from './kinds';
import { formatNumber, pluralOf, sourcePhrase, type Translate } from './text';
import { verdictAccent } from './tokens';

export interface CountModel {
  /** Per kind, every finding (matched and with no original). */
  byKind: Record<DisplayKind, number>;
  /** Differences against an original. */
  matched: number;
  /** Spun forms in text whose original is not in the corpus. */
  unsourced: number;
  /** matched + unsourced: the number of marks on the page. */
  total: number;
  /** Originals the page reposts (one original quoted twice counts once). */
  originals: number;
}

export function countsOf(findings: readonly Finding[], originals: number): CountModel {
  const byKind = Object.fromEntries(displayKinds.map((k) => [k, 0])) as Record<DisplayKind, number>;
  let matched = 0;
  for (const f of findings) {
    byKind[f.kind]++;
    if (f.key.source === 'match') matched++;
  }
  return { byKind, matched, unsourced: findings.length - matched, total: findings.length, originals };
}

/**
 * What the reader is told first.
 * - faithful: the copy says what the original says;
 * - untitled: the body is faithful, only its headline or dateline was left out;
 * - edited: changed, by hand (no machine swaps);
 * - scrambled: run through a synonym spinner (with an original);
 * - unsourced: spun text whose original is not in the corpus;
 * - unconfirmed: the verified text matches, but the page renders other text
 *   than the text verified (generated text, reversed direction): never green;
 * - none: nothing to check on this page.
 */
export type VerdictKey = 'faithful' | 'untitled' | 'edited' | 'scrambled' | 'unsourced' | 'unconfirmed' | 'none';

/** The colour tone of each verdict (tokens.verdictAccent). */
export const verdictTone: Readonly<Record<VerdictKey, Verdict>> = {
  faithful: 'faithful',
  untitled: 'faithful',
  edited: 'edited',
  scrambled: 'scrambled',
  unsourced: 'scrambled',
  unconfirmed: 'edited',
  none: 'unmatched',
};

export function verdictOf(report: Report, counts: CountModel, rendering: Rendering = noRendering): VerdictKey {
  if (report.matches.length === 0) return counts.unsourced > 0 ? 'unsourced' : 'none';
  const c = counts.byKind;
  if (report.verdict === 'scrambled' || c.spin + c.distorting > 0) return 'scrambled';
  const changes = counts.total - c.heading;
  if (changes > 0) return 'edited';
  // What was verified matches, but it is not what the reader sees: nothing can be confirmed.
  if (rendering.anomalies.length > 0) return 'unconfirmed';
  return c.heading > 0 ? 'untitled' : 'faithful';
}

/**
 * Where the page renders other text than the text verified (TabReport.renderedDiffers:
 * generated text from CSS, reversed text direction, inside matched text). A finding
 * of its own: it leads the banner and the popup, whatever the differences say.
 */
export interface Rendering {
  anomalies: readonly RenderingAnomalyMessage[];
}

const noRendering: Rendering = { anomalies: [] };

/** The worst finding, with its most repeated example: what the banner leads with. */
export interface WorstFinding {
  kind: DisplayKind;
  refText: string;
  pageText: string;
  /** Findings of this kind. */
  count: number;
}

export interface Summary {
  verdict: VerdictKey;
  tone: Verdict;
  counts: CountModel;
  originals: OriginalView[];
  /** Index into originals of the main article (most text on the page); undefined with no match. */
  main?: number;
  worst?: WorstFinding;
  /** Every finding in page order. */
  findings: Finding[];
  /** Text the page renders that is not the text verified (empty when none). */
  rendering: Rendering;
}

export function summarize(report: Report, rendering: Rendering = noRendering): Summary {
  const findings = findingsOf(report);
  const originals = originalsOf(report);
  const counts = countsOf(findings, originals.length);
  const verdict = verdictOf(report, counts, rendering);
  // Only the worst kind's pairs are grouped here: a page of 10^5 spun words must not pay for grouping them all.
  const worstKind = kindBreakdown(counts)[0]?.kind;
  const top = worstKind === undefined ? undefined : groupPairs(findings.filter((f) => f.kind === worstKind))[0];
  const worst = top
    ? { kind: top.kind, refText: top.refText, pageText: top.pageText, count: counts.byKind[top.kind] }
    : undefined;
  return {
    verdict,
    tone: verdictTone[verdict],
    counts,
    originals,
    main: originals.length ? mainOriginal(originals) : undefined,
    worst,
    findings,
    rendering,
  };
}

/**
 * The rendering finding as one sentence, with an example when the page
 * generated text of its own: 渲染文字与源文字不一致：…（本页另外显示了“…”）.
 */
export function renderingSentence(t: Translate, rendering: Rendering, max = 24): string | undefined {
  if (rendering.anomalies.length === 0) return undefined;
  const generated = rendering.anomalies.find((a) => a.kind === 'generated' && a.text.trim() !== '');
  const sentence = t('guard.renderedDiffers');
  return generated && generated.kind === 'generated' ? `${sentence}${t('guard.renderedExample', [cut(generated.text, max)])}` : sentence;
}

/** "30 处意思被扭曲" / "1 insertion": a count of a kind in the interface language. */
export function kindCount(t: Translate, kind: DisplayKind, n: number): string {
  return t(countKey(kind, pluralOf(t, n)), [formatNumber(t, n)]);
}

const cut = (s: string, max: number) => {
  const flat = s.replace(/\s+/g, ' ').trim();
  return flat.length <= max ? flat : `${flat.slice(0, max - 1)}…`;
};

/** The worst finding as one sentence with its example: 意思被扭曲：原文“应对”，本页“玩忽”. */
export function worstSentence(t: Translate, w: WorstFinding, max = 40): string {
  const label = t(labelKey(w.kind));
  if (!w.pageText.trim()) return t('summary.exampleDropped', [label, cut(w.refText, max)]);
  if (!w.refText.trim()) return t('summary.exampleAdded', [label, cut(w.pageText, max)]);
  return t('summary.exampleChanged', [label, cut(w.refText, max), cut(w.pageText, max)]);
}

/** The kinds present, worst first, each with its count: the rest of the story after the worst finding. */
export function kindBreakdown(counts: CountModel): { kind: DisplayKind; n: number }[] {
  return displayKinds
    .filter((k) => counts.byKind[k] > 0)
    .sort((a, b) => severity[a] - severity[b])
    .map((kind) => ({ kind, n: counts.byKind[kind] }));
}

/** The banner's three lines: verdict word, the worst finding with an example, and what the numbers add up to. */
export interface BannerLines {
  tone: Verdict;
  verdict: string;
  /** The page renders other text than the text verified: said before anything else. */
  rendered?: string;
  /** The worst finding with its example; absent on a faithful page. */
  worst?: string;
  /** Counts that add up to the marks on the page, and the original compared with. */
  detail: string;
}

export function bannerLines(summary: Summary, t: Translate): BannerLines | null {
  const { verdict, counts, originals } = summary;
  if (verdict === 'none') return null;
  const main = summary.main === undefined ? undefined : originals[summary.main];
  const source = main ? sourcePhrase(t, main.ref.publisher, main.ref.date) : '';
  const others = originals.length - 1;
  const against = main ? (others > 0 ? t('summary.againstMany', [source, formatNumber(t, originals.length)]) : t('summary.against', [source])) : '';
  const word = t(`verdict.${verdict}.word`);
  const rendered = renderingSentence(t, summary.rendering);
  if (verdict === 'faithful' || verdict === 'untitled' || verdict === 'unconfirmed') {
    const detail = t(verdict === 'faithful' ? 'summary.faithful' : verdict === 'untitled' ? 'summary.untitled' : 'summary.unconfirmed', [against]);
    return { tone: summary.tone, verdict: word, rendered, detail };
  }
  const parts: string[] = [];
  if (counts.matched > 0) parts.push(t(pluralKey('summary.matched', pluralOf(t, counts.matched)), [formatNumber(t, counts.matched), against]));
  if (counts.unsourced > 0) parts.push(t(pluralKey('summary.unsourced', pluralOf(t, counts.unsourced)), [formatNumber(t, counts.unsourced)]));
  const detail = counts.matched > 0 && counts.unsourced > 0 ? t('summary.total', [formatNumber(t, counts.total), parts.join(t('summary.and'))]) : parts.join('');
  return { tone: summary.tone, verdict: word, rendered, worst: summary.worst ? worstSentence(t, summary.worst) : undefined, detail };
}

const pluralKey = (base: 'summary.matched' | 'summary.unsourced', p: 'one' | 'other') => `${base}.${p}` as const;

/** Toolbar badge: the same total as the banner, in the verdict's colour. */
export interface BadgeModel {
  text: string;
  colour: string;
  title: string;
}

export function badgeOf(summary: Summary, t: Translate): BadgeModel {
  const lines = bannerLines(summary, t);
  const colour = verdictAccent[summary.tone].light;
  if (!lines) return { text: '', colour, title: t('summary.nothing') };
  const title = [t('extName'), lines.verdict, lines.rendered, lines.worst, lines.detail].filter(Boolean).join(t('summary.titleSep'));
  if (summary.verdict === 'faithful' || summary.verdict === 'untitled') return { text: '✓', colour, title };
  // Nothing differs in the text verified, but the reader sees other text: a warning, never a tick.
  if (summary.verdict === 'unconfirmed') return { text: '!', colour, title };
  const n = summary.counts.total;
  return { text: n > 9999 ? '9999+' : String(n), colour, title };
}
