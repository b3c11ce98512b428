// Reading and decoding the verifier's input file.
//
// Order of evidence, strongest first:
//   1. a byte-order mark (UTF-8, UTF-16 LE, UTF-16 BE);
//   2. the bytes are valid UTF-8 (checked strictly): UTF-8 wins even over a
//      contradicting <meta charset>, because pages saved from a browser are
//      often re-encoded to UTF-8 without the declaration being updated, while
//      GBK text that happens to be valid UTF-8 is vanishingly rare;
//   3. for HTML, the charset declared in a <meta> tag (the WHATWG prescan
//      looks at the first 1024 bytes; we do the same);
//   4. GB18030 (a superset of GBK and GB2312), then Big5 (Traditional pages
//      from Taiwan and Hong Kong), each accepted only when the result looks
//      like Chinese text: no replacement characters and most non-ASCII
//      characters Han or CJK punctuation. The order matters and the check
//      separates them: Big5 bytes decoded as GB18030 give kana, Greek,
//      Cyrillic and private-use characters for about half the text (Big5's
//      frequent characters sit where GBK keeps those), while GBK text is
//      accepted before Big5 is tried. Anything else is an error rather than
//      a guess, since verifying mojibake would report nonsense.
import { readFileSync, statSync } from 'node:fs';
import { extname } from 'node:path';

/** Input larger than this is refused before it is read. The engine is built for
 *  pages (the largest real pages are a few MB of text); 50 MB keeps a mistaken
 *  argument (a video, a disk image) from exhausting memory. */
export const MAX_INPUT_BYTES = 50 * 1024 * 1024;

/** Decoded input longer than this many characters is refused before HTML is
 *  parsed (a byte limit alone let 49 MB of one-byte text through: 175 s and
 *  3.1 GB). Markup shrinks on reduction, so this is looser than the next. */
export const MAX_INPUT_CHARS = 16_000_000;

/** Text to verify (after HTML reduction) longer than this is refused: the same
 *  bound as the extension's (lib/protocol.ts messageLimits.maxTextChars). */
export const MAX_TEXT_CHARS = 6_000_000;

/** Throws an InputError when `text` is longer than `limit` characters. */
export function checkLength(name: string, text: string, limit: number, what: string): void {
  if (text.length > limit) {
    throw new InputError(`${name}: too long (${text.length.toLocaleString('en')} characters of ${what}; the limit is ${limit.toLocaleString('en')})`);
  }
}

/** Share of C0 control characters (other than tab, line feed, form feed and
 *  carriage return) above which decoded text is treated as binary. Real text
 *  files have none; a stray one (an old page-break or escape) must not fail. */
const MAX_CONTROL_SHARE = 0.01;

/** Legacy fallback: minimum share of non-ASCII characters that must be Han or
 *  CJK punctuation. Decoding random bytes or another code page as GB18030 or
 *  Big5 yields scattered rare characters, kana, symbols and Hangul instead
 *  (Big5 text read as GB18030 scores about 0.5, the right decoding 1.0). */
const MIN_CJK_SHARE = 0.8;

/** Legacy Chinese encodings tried, in this order, on input that is not UTF-8. */
const LEGACY_CHINESE = ['gb18030', 'big5'] as const;

export type InputKind = 'text' | 'html';

export interface DecodedInput {
  /** Decoded text with any byte-order mark removed. */
  text: string;
  /** WHATWG name of the encoding used: utf-8, utf-16le, utf-16be, gb18030, gbk, … */
  encoding: string;
  /** How the encoding was chosen. */
  encodingSource: 'bom' | 'utf-8 valid' | 'meta' | 'heuristic';
  kind: InputKind;
}

/** An input problem the user can fix: reported as one line on stderr, exit 2. */
export class InputError extends Error {
  override name = 'InputError';
}

/** Reads FILE from disk, refusing what cannot be verified (missing, directory,
 *  too large, empty, binary, undecodable). `forceKind` overrides detection. */
export function readInput(file: string, forceKind?: InputKind): DecodedInput {
  let size: number;
  try {
    const stat = statSync(file);
    if (stat.isDirectory()) throw new InputError(`${file}: is a directory, not a file`);
    if (!stat.isFile()) throw new InputError(`${file}: not a regular file`);
    size = stat.size;
  } catch (error) {
    if (error instanceof InputError) throw error;
    throw new InputError(`${file}: ${describeFsError(error)}`);
  }
  if (size > MAX_INPUT_BYTES) {
    throw new InputError(`${file}: too large (${formatBytes(size)}; the limit is ${formatBytes(MAX_INPUT_BYTES)})`);
  }
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(file);
  } catch (error) {
    throw new InputError(`${file}: ${describeFsError(error)}`);
  }
  const decoded = decodeInput(bytes, file, forceKind);
  checkLength(file, decoded.text, MAX_INPUT_CHARS, 'input');
  return decoded;
}

/** Decodes raw bytes. `name` is used for messages and for the extension. */
export function decodeInput(bytes: Uint8Array, name: string, forceKind?: InputKind): DecodedInput {
  if (bytes.length === 0) throw new InputError(`${name}: empty file, nothing to verify`);
  const extKind = kindFromExtension(name);

  let decoded: { text: string; encoding: string; encodingSource: DecodedInput['encodingSource'] } | undefined;
  // UTF-32's BOM starts like UTF-16 LE's; TextDecoder has no UTF-32, so say so
  // instead of calling the file binary.
  if ((bytes[0] === 0xff && bytes[1] === 0xfe && bytes[2] === 0 && bytes[3] === 0) || (bytes[0] === 0 && bytes[1] === 0 && bytes[2] === 0xfe && bytes[3] === 0xff)) {
    throw new InputError(`${name}: UTF-32 text is not supported (save it as UTF-8)`);
  }
  const bom = detectBom(bytes);
  if (bom) {
    const text = strictDecode(bom.encoding, bytes.subarray(bom.length));
    if (text === undefined) throw new InputError(`${name}: starts with a ${bom.encoding.toUpperCase()} byte-order mark but is not valid ${bom.encoding.toUpperCase()}`);
    decoded = { text, encoding: bom.encoding, encodingSource: 'bom' };
  } else {
    // NUL never occurs in UTF-8 or GB18030 text; UTF-16 without a BOM is full of
    // them, and we do not guess its byte order.
    if (bytes.includes(0)) throw new InputError(`${name}: binary file (contains NUL bytes; UTF-16 text needs a byte-order mark)`);
    const utf8 = strictDecode('utf-8', bytes);
    if (utf8 !== undefined) {
      decoded = { text: utf8, encoding: 'utf-8', encodingSource: 'utf-8 valid' };
    } else {
      const looksHtml = forceKind ? forceKind === 'html' : extKind ? extKind === 'html' : sniffHtml(latin1Head(bytes));
      const declared = looksHtml ? declaredCharset(bytes) : undefined;
      if (declared && declared !== 'utf-8') {
        const text = strictDecode(declared, bytes);
        if (text !== undefined) decoded = { text, encoding: declared, encodingSource: 'meta' };
      }
      for (const encoding of LEGACY_CHINESE) {
        if (decoded) break;
        const text = strictDecode(encoding, bytes);
        if (text !== undefined && plausiblyChinese(text)) decoded = { text, encoding, encodingSource: 'heuristic' };
      }
      if (!decoded) {
        const hint = declared && declared !== 'utf-8' ? `, nor valid ${declared} as its <meta charset> declares` : '';
        throw new InputError(`${name}: cannot decode: not valid UTF-8${hint}, and not plausible GB18030/GBK or Big5 Chinese text`);
      }
    }
  }

  if (controlShare(decoded.text) > MAX_CONTROL_SHARE) throw new InputError(`${name}: binary file (too many control characters)`);
  if (decoded.text.trim() === '') throw new InputError(`${name}: contains only whitespace, nothing to verify`);
  const kind = forceKind ?? extKind ?? (sniffHtml(decoded.text.slice(0, 2048)) ? 'html' : 'text');
  return { ...decoded, kind };
}

function kindFromExtension(name: string): InputKind | undefined {
  const ext = extname(name).toLowerCase();
  if (ext === '.html' || ext === '.htm' || ext === '.xhtml' || ext === '.shtml') return 'html';
  if (ext === '.txt' || ext === '.text') return 'text';
  return undefined;
}

/** True when the start of a file looks like an HTML document (used when the
 *  extension says nothing). Plain text that merely mentions a tag later on is
 *  not HTML: the markup must come first. */
export function sniffHtml(head: string): boolean {
  const start = head.replace(/^\uFEFF/, '').trimStart().slice(0, 512).toLowerCase();
  return /^(<!doctype\s+html|<html[\s>]|<head[\s>]|<body[\s>]|<meta[\s>]|<title[\s>])/.test(start) ||
    (/^<!--/.test(start) && /<html[\s>]/.test(head.toLowerCase()));
}

function detectBom(bytes: Uint8Array): { encoding: 'utf-8' | 'utf-16le' | 'utf-16be'; length: number } | undefined {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { encoding: 'utf-8', length: 3 };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { encoding: 'utf-16le', length: 2 };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { encoding: 'utf-16be', length: 2 };
  return undefined;
}

/** Decodes with `fatal: true`; undefined when the bytes are invalid for `encoding`.
 *  ignoreBOM keeps a second BOM-like sequence as text rather than eating it. */
function strictDecode(encoding: string, bytes: Uint8Array): string | undefined {
  try {
    return new TextDecoder(encoding, { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return undefined;
  }
}

function latin1Head(bytes: Uint8Array): string {
  return new TextDecoder('latin1').decode(bytes.subarray(0, 2048));
}

/** The charset an HTML document declares in its first 1024 bytes, as a WHATWG
 *  encoding name, or undefined. Covers <meta charset=…> and
 *  <meta http-equiv="Content-Type" content="…; charset=…">. As in the HTML
 *  standard, a declared UTF-16 is treated as UTF-8 (a BOM would have been seen). */
export function declaredCharset(bytes: Uint8Array): string | undefined {
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 1024));
  for (const meta of head.matchAll(/<meta\b[^>]*>/gi)) {
    const m = /charset\s*=\s*["']?\s*([-\w.:]+)/i.exec(meta[0]);
    if (!m?.[1]) continue;
    let encoding: string;
    try {
      encoding = new TextDecoder(m[1]).encoding;
    } catch {
      continue; // unknown label: the standard ignores it and keeps looking
    }
    return encoding.startsWith('utf-16') ? 'utf-8' : encoding;
  }
  return undefined;
}

function plausiblyChinese(text: string): boolean {
  if (text.includes('\uFFFD')) return false;
  let nonAscii = 0;
  let cjk = 0;
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    if (cp < 0x80) continue;
    nonAscii++;
    if (isCjk(cp)) cjk++;
  }
  return nonAscii > 0 && cjk / nonAscii >= MIN_CJK_SHARE;
}

function isCjk(cp: number): boolean {
  return (
    (cp >= 0x4e00 && cp <= 0x9fff) || // CJK Unified Ideographs
    (cp >= 0x3400 && cp <= 0x4dbf) || // Extension A
    (cp >= 0x3000 && cp <= 0x303f) || // CJK symbols and punctuation, ideographic space included
    (cp >= 0xff00 && cp <= 0xffef) || // full-width forms (，：？！)
    (cp >= 0x2010 && cp <= 0x2027) || // dashes, curly quotes, ellipsis used in Chinese text
    cp === 0x00b7 || // middle dot in foreign names
    (cp >= 0xf900 && cp <= 0xfaff) || // compatibility ideographs
    (cp >= 0x20000 && cp <= 0x3134f) // supplementary ideograph planes
  );
}

function controlShare(text: string): number {
  if (text.length === 0) return 0;
  let controls = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0c && c !== 0x0d) || c === 0x7f) controls++;
  }
  return controls / text.length;
}

function describeFsError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  switch (code) {
    case 'ENOENT':
      return 'no such file';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EISDIR':
      return 'is a directory, not a file';
    case 'ENOTDIR':
      return 'a component of the path is not a directory';
    default:
      return `cannot read (${code ?? (error instanceof Error ? error.message : String(error))})`;
  }
}

export function formatBytes(n: number): string {
  if (n >= 1024 * 1024) return `${(n / (1024 * 1024)).toFixed(n % (1024 * 1024) === 0 ? 0 : 1)} MB`;
  if (n >= 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${n} bytes`;
}
