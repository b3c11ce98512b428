// Human-readable rendering of a verification Report for the terminal.
// Chinese label first, English after it, so both readers of a bulletin and
// engineers can scan it. Colour is optional decoration: every distinction is
// also made by text (brackets, labels), so output piped to a file loses nothing.
import type { Counts, Difference, Match, Report, UnmatchedRegion, Verdict } from '../engine/types';
import type { DecodedInput } from './decode';

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

type Style = 'bold' | 'dim' | 'red' | 'green' | 'yellow' | 'magenta' | 'cyan' | 'redBold';
const SGR: Record<Style, [string, string]> = {
  bold: ['\x1b[1m', '\x1b[22m'],
  dim: ['\x1b[2m', '\x1b[22m'],
  red: ['\x1b[31m', '\x1b[39m'],
  green: ['\x1b[32m', '\x1b[39m'],
  yellow: ['\x1b[33m', '\x1b[39m'],
  magenta: ['\x1b[35m', '\x1b[39m'],
  cyan: ['\x1b[36m', '\x1b[39m'],
  redBold: ['\x1b[1;31m', '\x1b[22;39m'],
};

export const verdictLabel: Record<Verdict, string> = {
  faithful: '忠实原文 faithful',
  edited: '有改动 edited',
  scrambled: '伪原创 scrambled',
  unmatched: '未匹配 unmatched',
};

const verdictExplanation: Record<Verdict, string> = {
  faithful: '与原文一致 says what the original says (script, width, punctuation and spacing variants aside)',
  edited: '原文被改动 the original was altered, cut or added to',
  scrambled: '机器洗稿 machine-spun copy of an original (synonym spinner), possibly also altered',
  unmatched: '语料库中无原文 no original in the corpus',
};

const verdictStyle: Record<Verdict, Style> = { faithful: 'green', edited: 'yellow', scrambled: 'red', unmatched: 'dim' };

const subkindLabel: Record<string, string> = { number: '数字 number', negation: '否定 negation', name: '名称 name', wording: '措辞 wording' };

export function formatReport(report: Report, ctx: FormatContext): string {
  const c = colorizer(ctx.color);
  const lines: string[] = [];
  const { input } = ctx;
  const chars = ctx.pageText.length.toLocaleString('en-US');
  const source = input.kind === 'html' ? `HTML in ${input.encoding.toUpperCase()}; visible text ${chars} chars` : `text in ${input.encoding.toUpperCase()}, ${chars} chars`;
  lines.push(`${c('bold', '原文 Yuanwen')}  ${oneLine(ctx.file)}  (${source})`);
  lines.push('');
  lines.push(`结论 Verdict: ${c(verdictStyle[report.verdict], c('bold', verdictLabel[report.verdict]))}  — ${verdictExplanation[report.verdict]}`);
  lines.push(`  ${report.matches.length} matched article${report.matches.length === 1 ? '' : 's'} · ${formatCounts(report.counts)}`);

  report.matches.forEach((match, i) => {
    lines.push('');
    lines.push(...formatMatch(match, i + 1, ctx, c));
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

function formatMatch(match: Match, n: number, ctx: FormatContext, c: Colorizer): string[] {
  const { ref } = match;
  const lines: string[] = [];
  lines.push(`${c('bold', `[${n}]`)} ${ref.publisher} ${ref.date} 《${ref.headline}》`);
  lines.push(`    ${c(verdictStyle[match.verdict], verdictLabel[match.verdict])} · page p.${match.page.start}–${match.page.end} ↔ ${ref.file} r.${ref.start}–${ref.end} (${ref.id})`);
  lines.push(`    ${formatCounts(match.counts)}`);
  if (match.differences.length === 0) return lines;
  lines.push(`    差异 differences, 原文 original → 页面 page:`);
  const seed = ctx.seedFiles[ref.file] ?? '';
  for (const d of match.differences) {
    const refSide = withContext(seed, d.ref.start, d.ref.end, c, 'red');
    const pageSide = withContext(ctx.pageText, d.page.start, d.page.end, c, 'green');
    lines.push(`      ${kindLabel(d, c)}  ${refSide} → ${pageSide}  ${c('dim', `p.${d.page.start} r.${d.ref.start}`)}`);
  }
  return lines;
}

function formatUnmatched(region: UnmatchedRegion, ctx: FormatContext, c: Colorizer): string[] {
  const text = ctx.pageText.slice(region.page.start, region.page.end);
  const lines = [`  p.${region.page.start}–${region.page.end} · ${region.signs.length} spun form${region.signs.length === 1 ? '' : 's'}`];
  lines.push(`    页面 page:  ${excerpt(text)}`);
  if (region.restored) {
    lines.push(`    ${c('yellow', '复原（推测，并非原文） reconstruction, NOT an original:')} ${excerpt(region.restored)}`);
  }
  return lines;
}

function kindLabel(d: Difference, c: Colorizer): string {
  switch (d.kind) {
    case 'spin':
      return d.distorting ? c('redBold', '替换·歪曲 spin, distorting') : c('yellow', '替换 spin');
    case 'alteration':
      return c('magenta', `改动 alteration: ${subkindLabel[d.subkind] ?? d.subkind}`);
    case 'omission':
      return c('red', '删除 omission');
    case 'insertion':
      return c('cyan', '插入 insertion');
    case 'move':
      return c('cyan', '移位 moved paragraph');
  }
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

/** `…left〔span〕right…`, on one line, with the span cut in the middle when long. */
function withContext(text: string, start: number, end: number, c: Colorizer, style: Style): string {
  const s = clamp(start, text.length);
  const e = clamp(Math.max(start, end), text.length);
  const left = oneLine(text.slice(safeBoundary(text, s - CONTEXT), s));
  const right = oneLine(text.slice(e, safeBoundary(text, e + CONTEXT)));
  const mid = shorten(oneLine(text.slice(s, e)), MAX_SHOWN);
  const pre = s - CONTEXT > 0 ? '…' : '';
  const post = e + CONTEXT < text.length ? '…' : '';
  return `${pre}${left}〔${c(style, mid)}〕${right}${post}`;
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

type Colorizer = (style: Style, text: string) => string;

function colorizer(enabled: boolean): Colorizer {
  return enabled ? (style, text) => `${SGR[style][0]}${text}${SGR[style][1]}` : (_style, text) => text;
}
