// Normalization for matching, with an offset map back to the raw text.
//
// The folded text is what fingerprints and alignment see; the user is always
// shown raw text. Every folded UTF-16 unit i comes from the raw range
// [rawStart[i], rawEnd[i]); both arrays are non-decreasing (the map is
// monotone), so the raw span of a folded span [a, b) is
// [rawStart[a], rawEnd[b - 1]).
//
// Folds, in order (modelled on hypothesis/client util/normalize.ts, which also
// keeps a per-character map while folding):
//   1. whitespace, zero-width and other format/control characters are dropped,
//      so a word broken across a blank line (加强社会力 / 量组织动员) joins again;
//   2. NFKC per code point: full-width letters, digits and punctuation become
//      half-width, compatibility ideographs become unified ones;
//   3. punctuation, symbols (emoji included) and combining marks are dropped:
//      punctuation form and width are equivalent variants, never differences,
//      and injected symbol junk inside a word must not break the word. The
//      exceptions carry meaning: % ‰ ℃ and a decimal point between digits;
//   4. Latin letters are lower-cased;
//   5. Traditional to Simplified (opencc-js, Taiwan and Hong Kong variants
//      included), character for character so the map stays exact; see script.ts.
//
// One thing dropped text leaves behind: where whitespace separated two digits
// (page furniture 12:00 before a bulletin's 3月17日), the folded text keeps
// one NUMBER_BREAK in its place, mapped to the whole dropped run. Without it
// the two numbers read as one (12003月17日) and a match starts a digit late or
// invents a changed number. Punctuation alone between digits (12:00, 1,000,
// 2020-01-25) still folds away: those are one number written two ways.
import { toSimplified } from './script';

export interface Folded {
  /** The folded text. */
  text: string;
  /** rawStart[i]: raw index where folded unit i's source begins. */
  rawStart: Int32Array;
  /** rawEnd[i]: raw index (exclusive) where folded unit i's source ends. */
  rawEnd: Int32Array;
  /** Length of the raw text the maps index into. */
  rawLength: number;
}

const KEEP_SYMBOLS = new Set(['%', '‰', '℃']);
const DROP_RE = /[\p{P}\p{S}\p{M}\p{C}\p{Z}\s]/u;
const SPACE_RE = /[\p{Z}\s]/u;

/** Stands in the folded text where whitespace separated two digits, so digit runs never join across it. */
export const NUMBER_BREAK = ' ';

/** Han ideographs in the BMP blocks that carry almost all Chinese text: the fast path. */
function isCommonHan(c: number): boolean {
  return (c >= 0x4e00 && c <= 0x9fff) || (c >= 0x3400 && c <= 0x4dbf);
}

function isAsciiDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}

/** Full-width or ASCII digit at raw index i? (for the decimal-point rule) */
function digitAt(raw: string, i: number): boolean {
  const c = raw.charCodeAt(i);
  return isAsciiDigit(c) || (c >= 0xff10 && c <= 0xff19);
}

export function fold(raw: string): Folded {
  const n = raw.length;
  // Folded text is never longer than NFKC's expansion; start with n and grow if needed.
  let cap = n + 16;
  let rawStart = new Int32Array(cap);
  let rawEnd = new Int32Array(cap);
  // Output is kept as slices of the raw text wherever characters pass through
  // unchanged (almost all of a Chinese page), so folding a megabyte allocates
  // a few hundred strings, not a million.
  const parts: string[] = [];
  let runStart = -1; // raw index where the current pass-through run began, or -1
  let len = 0;
  // Last folded code unit (for the decimal-point rule).
  let last = 0;
  // Whitespace was dropped since the last folded unit (for NUMBER_BREAK).
  let spaced = false;

  const ensure = (extra: number) => {
    if (len + extra <= cap) return;
    cap = Math.max(cap * 2, len + extra);
    const ns = new Int32Array(cap);
    ns.set(rawStart.subarray(0, len));
    rawStart = ns;
    const ne = new Int32Array(cap);
    ne.set(rawEnd.subarray(0, len));
    rawEnd = ne;
  };
  const flushRun = (at: number) => {
    if (runStart >= 0) {
      parts.push(raw.slice(runStart, at));
      runStart = -1;
    }
  };
  /** Before a digit at raw index i: a NUMBER_BREAK when whitespace since the last unit followed a digit. */
  const breakBefore = (i: number) => {
    if (spaced && len > 0 && isAsciiDigit(last)) {
      flushRun(i);
      ensure(1);
      rawStart[len] = rawEnd[len - 1]!;
      rawEnd[len] = i;
      len++;
      parts.push(NUMBER_BREAK);
    }
  };
  /** The raw unit at i passes through unchanged. */
  const keep = (i: number, c: number) => {
    if (spaced) {
      if (isAsciiDigit(c)) breakBefore(i);
      spaced = false;
    }
    ensure(1);
    if (runStart < 0) runStart = i;
    rawStart[len] = i;
    rawEnd[len] = i + 1;
    len++;
    last = c;
  };
  /** Raw [start, end) becomes s. */
  const push = (s: string, start: number, end: number) => {
    if (spaced) {
      if (isAsciiDigit(s.charCodeAt(0))) breakBefore(start);
      spaced = false;
    }
    flushRun(start);
    ensure(s.length);
    for (let j = 0; j < s.length; j++) {
      rawStart[len] = start;
      rawEnd[len] = end;
      len++;
    }
    parts.push(s);
    last = s.charCodeAt(s.length - 1);
  };

  let i = 0;
  while (i < n) {
    const c = raw.charCodeAt(i);
    // Fast paths: common Han and ASCII alphanumerics.
    if (isCommonHan(c)) {
      keep(i, c);
      i++;
      continue;
    }
    if (c < 0x80) {
      if (isAsciiDigit(c) || (c >= 0x61 && c <= 0x7a) || c === 0x25) keep(i, c);
      else if (c >= 0x41 && c <= 0x5a) push(String.fromCharCode(c + 32), i, i + 1);
      else if (c === 0x2e && len > 0 && isAsciiDigit(last) && digitAt(raw, i + 1)) keep(i, c);
      else {
        flushRun(i);
        if (c <= 0x20) spaced ||= c === 0x20 || (c >= 0x09 && c <= 0x0d);
      }
      i++;
      continue;
    }
    flushRun(i);
    // Surrogates: a valid pair is one code point; a lone surrogate is junk and dropped.
    let size = 1;
    if (c >= 0xd800 && c <= 0xdbff) {
      const d = raw.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) size = 2;
      else {
        i++;
        continue;
      }
    } else if (c >= 0xdc00 && c <= 0xdfff) {
      i++;
      continue;
    }
    const ch = raw.slice(i, i + size);
    const nf = ch.normalize('NFKC');
    for (const u of nf) {
      const uc = u.codePointAt(0)!;
      if (u === '.' || uc === 0xff0e) {
        if (len > 0 && isAsciiDigit(last) && digitAt(raw, i + size)) push('.', i, i + size);
      } else if (KEEP_SYMBOLS.has(u)) {
        push(u, i, i + size);
      } else if (!DROP_RE.test(u)) {
        push(uc >= 0x41 && uc <= 0x5a ? u.toLowerCase() : u, i, i + size);
      } else if (SPACE_RE.test(u)) spaced = true;
    }
    i += size;
  }

  flushRun(n);
  const text = toSimplified(parts.join(''));
  return { text, rawStart: rawStart.slice(0, len), rawEnd: rawEnd.slice(0, len), rawLength: n };
}

/** Raw span of the folded span [a, b). An empty folded span maps to an empty raw span at its position. */
export function rawSpan(f: Folded, a: number, b: number): { start: number; end: number } {
  if (b > a) return { start: f.rawStart[a]!, end: f.rawEnd[b - 1]! };
  const at = rawPoint(f, a);
  return { start: at, end: at };
}

/** Raw position just after folded unit a-1 (where something inserted before folded unit a would go). */
export function rawPoint(f: Folded, a: number): number {
  if (a <= 0) return f.text.length > 0 ? f.rawStart[0]! : 0;
  return f.rawEnd[Math.min(a, f.text.length) - 1]!;
}
