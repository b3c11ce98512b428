// Human-readable rendering of a verification Report for the terminal.
// Chinese label first, English after it, so both readers of a bulletin and
// engineers can scan it. Kinds, verdicts, their severity order, counts and
// colours come from lib/present (the popup's and the banner's own), the
// colours as 24-bit ANSI from the dark-theme tokens (terminals are dark by
// default). Colour is optional decoration: every distinction is also made by
// text (brackets, labels), so output piped to a file loses nothing.
import type { Counts, Match, Report, UnmatchedRegion } from '../engine/types';
import { worstFirst, type Finding } from '../present/findings';
import { labelKey, type DisplayKind } from '../present/kinds';
import { countsOf, kindBreakdown, summarize, verdictTone, type CountModel, type VerdictKey } from '../present/summary';
import { ansiColour, kindAccent, verdictAccent } from '../present/tokens';
import type { DecodedInput } from './decode';
import { cliTranslate } from './translate';

/** Characters of context shown on each side of a difference. */
const CONTEXT = 8;
/** Longest difference text shown in full; longer ones are cut in the middle. */
const MAX_SHOWN = 48;
/** Length of the page excerpt and the reconstruction shown for an unmatched region. */
const EXCERPT = 80;

export interface FormatContext {
  file: string;
  input: DecodedInput;
  /** The text the offsets index: the decoded file, or the text extracted from HTML. */
  pageText: string;
  /** Seed file texts by file name, for the reference side's context. */
  seedFiles: Readonly<Record<string, string>>;
  color: boolean;
}

type Style = 'bold' | 'dim';
const SGR: Record<Style, [string, string]> = {
  bold: ['\x1b[1m', '\x1b[22m'],
  dim: ['\x1b[2m', '\x1b[22m'],
};

const zh = cliTranslate('zh_CN');
const en = cliTranslate('en');

/** A message in Chinese, then in English: 意思被扭曲 Meaning distorted. */
const both = (key: Parameters<typeof zh>[0]) => `${zh(key)} ${en(key)}`;

/** The verdict as the banner and popup word it, both languages. */
export function verdictLabel(v: VerdictKey): string {
  return both(`verdict.${v}.word`);
}

const kindLabel = (k: DisplayKind) => both(labelKey(k));

/** Counts per display kind, worst first, as the popup's filter shows them: 意思被扭曲 Meaning distorted 28 · … */
export function formatKindCounts(counts: CountModel): string {
  const kinds = kindBreakdown(counts);
  return kinds.length === 0 ? `${zh('popup.noDifferences')} ${en('popup.noDifferences')}` : kinds.map(({ kind, n }) => `${kindLabel(kind)} ${n}`).join(' · ');
}

export function formatReport(report: Report, ctx: FormatContext): string {
  const c = colorizer(ctx.color);
  const lines: string[] = [];
  const { input } = ctx;
  const chars = ctx.pageText.length.toLocaleString('en-US');
  const source = input.kind === 'html' ? `HTML in ${input.encoding.toUpperCase()}; visible text ${chars} chars` : `text in ${input.encoding.toUpperCase()}, ${chars} chars`;
  lines.push(`${c('bold', '原文 Yuanwen')}  ${oneLine(ctx.file)}  (${source})`);
  lines.push('');
  const summary = summarize(report);
  lines.push(`结论 Verdict: ${c.verdict(summary.verdict, c('bold', verdictLabel(summary.verdict)))}  — ${zh(`verdict.${summary.verdict}.detail`)} ${en(`verdict.${summary.verdict}.detail`)}`);
  // Two quotes of one original are one original with two passages (lib/present originalsOf).
  const o = summary.counts.originals;
  const p = report.matches.length;
  lines.push(`  ${o} original${o === 1 ? '' : 's'} in ${p} passage${p === 1 ? '' : 's'}, ${summary.counts.total} marks · ${formatKindCounts(summary.counts)}`);
  lines.push(c('dim', `  engine counts: ${formatCounts(report.counts)}`));

  report.matches.forEach((match, i) => {
    lines.push('');
    lines.push(...formatMatch(match, i + 1, summary.findings.filter((f) => f.key.source === 'match' && f.key.match === i), ctx, c));
  });

  const scrambled = report.unmatched.filter((u) => u.scrambled);
  const plain = report.unmatched.length - scrambled.length;
  if (scrambled.length > 0) {
    lines.push('');
    lines.push(c('bold', `无原文的伪原创段落 Scrambled text with no original in the corpus (${scrambled.length})`));
    for (const region of scrambled) lines.push(...formatUnmatched(region, ctx, c));
  }
  if (plain > 0) {
    lines.push('');
    lines.push(c('dim', `另有 ${plain} 段未匹配文字 ${plain} other unmatched region${plain === 1 ? '' : 's'} (no original in the corpus, not machine-spun)`));
  }
  lines.push('');
  lines.push(
    c('dim', `Offsets: p. = UTF-16 index into the ${input.kind === 'html' ? 'visible text extracted from the HTML' : 'decoded input'}, r. = index into the seed file; end exclusive.`),
  );
  return lines.join('\n') + '\n';
}

function formatMatch(match: Match, n: number, findings: readonly Finding[], ctx: FormatContext, c: Colorizer): string[] {
  const { ref } = match;
  const lines: string[] = [];
  const counts = countsOf(findings, 1);
  lines.push(`${c('bold', `[${n}]`)} ${ref.publisher} ${ref.date} 《${ref.headline}》`);
  lines.push(`    page p.${match.page.start}–${match.page.end} ↔ ${ref.file} r.${ref.start}–${ref.end} (${ref.id})`);
  lines.push(`    ${formatKindCounts(counts)}`);
  if (match.differences.length === 0) return lines;
  lines.push(`    差异 differences, worst first, 原文 original → 页面 page:`);
  const seed = ctx.seedFiles[ref.file] ?? '';
  // Worst first, as the popup lists them (page order within a kind).
  for (const f of worstFirst(findings)) {
    // A matched finding always has its reference span.
    const r = f.ref ?? { start: 0, end: 0 };
    const refSide = withContext(seed, r.start, r.end, c, f.kind);
    const pageSide = withContext(ctx.pageText, f.page.start, f.page.end, c, f.kind);
    lines.push(`      ${c.kind(f.kind, kindLabel(f.kind))}  ${refSide} → ${pageSide}  ${c('dim', `p.${f.page.start} r.${r.start}`)}`);
  }
  return lines;
}

function formatUnmatched(region: UnmatchedRegion, ctx: FormatContext, c: Colorizer): string[] {
  const text = ctx.pageText.slice(region.page.start, region.page.end);
  const lines = [`  p.${region.page.start}–${region.page.end} · ${region.signs.length} spun form${region.signs.length === 1 ? '' : 's'}`];
  lines.push(`    页面 page:  ${excerpt(text)}`);
  if (region.restored) {
    lines.push(`    ${c.kind('spin', '复原（推测，并非原文） reconstruction, NOT an original:')} ${excerpt(region.restored)}`);
  }
  return lines;
}

export function formatCounts(counts: Counts): string {
  const subkinds = Object.entries(counts.bySubkind)
    .filter(([, n]) => n > 0)
    .map(([k, n]) => `${k} ${n}`);
  return [
    `spin ${counts.spin}${counts.distorting > 0 ? ` (distorting ${counts.distorting})` : ''}`,
    `alteration ${counts.alteration}${subkinds.length > 0 ? ` (${subkinds.join(', ')})` : ''}`,
    `omission ${counts.omission}`,
    `insertion ${counts.insertion}`,
    ...(counts.move > 0 ? [`move ${counts.move}`] : []),
  ].join(' · ');
}

/** `…left〔span〕right…`, on one line, with the span cut in the middle when long, in its kind's colour. */
function withContext(text: string, start: number, end: number, c: Colorizer, kind: DisplayKind): string {
  const s = clamp(start, text.length);
  const e = clamp(Math.max(start, end), text.length);
  const left = oneLine(text.slice(safeBoundary(text, s - CONTEXT), s));
  const right = oneLine(text.slice(e, safeBoundary(text, e + CONTEXT)));
  const mid = shorten(oneLine(text.slice(s, e)), MAX_SHOWN);
  const pre = s - CONTEXT > 0 ? '…' : '';
  const post = e + CONTEXT < text.length ? '…' : '';
  return `${pre}${left}〔${c.kind(kind, mid)}〕${right}${post}`;
}

function excerpt(text: string): string {
  const flat = oneLine(text).trim();
  return flat.length <= EXCERPT ? flat : `${flat.slice(0, safeBoundary(flat, EXCERPT))}…`;
}

function shorten(text: string, max: number): string {
  if (text.length <= max) return text;
  const half = Math.floor((max - 1) / 2);
  const a = safeBoundary(text, half);
  const b = safeBoundary(text, text.length - half);
  return `${text.slice(0, a)}…(${text.length - a - (text.length - b)} more)…${text.slice(b)}`;
}

/** Line breaks and tabs would break the one-line layout; control characters
 *  would reach the terminal (escape sequences from a hostile page). */
function oneLine(text: string): string {
  // eslint-disable-next-line no-control-regex -- removing control characters is the point
  return text.replace(/\r\n|[\n\r\u2028\u2029]/g, '⏎').replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\t]/g, ' ');
}

function clamp(n: number, max: number): number {
  return Math.min(Math.max(0, n), max);
}

/** Moves an index off the middle of a surrogate pair so slices stay well formed. */
function safeBoundary(text: string, i: number): number {
  const j = clamp(i, text.length);
  const code = text.charCodeAt(j);
  return j > 0 && j < text.length && code >= 0xdc00 && code <= 0xdfff ? j - 1 : j;
}

interface Colorizer {
  (style: Style, text: string): string;
  /** A kind's accent (lib/present tokens, dark theme). */
  kind: (kind: DisplayKind, text: string) => string;
  /** A verdict's accent, by its tone. */
  verdict: (verdict: VerdictKey, text: string) => string;
}

function colorizer(enabled: boolean): Colorizer {
  const wrap = ([open, close]: [string, string], text: string) => (enabled ? `${open}${text}${close}` : text);
  const c = ((style: Style, text: string) => wrap(SGR[style], text)) as Colorizer;
  c.kind = (kind, text) => wrap(ansiColour(kindAccent[kind].dark), text);
  c.verdict = (verdict, text) => wrap(ansiColour(verdictAccent[verdictTone[verdict]].dark), text);
  return c;
}
