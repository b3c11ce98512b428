// Input decoding of the CLI verifier: encodings detected, bad input refused
// with a message that names the file and the problem.
import { truncateSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { InputError, MAX_INPUT_BYTES, declaredCharset, decodeInput, readInput, sniffHtml } from '../../lib/cli/decode';
import { encodeBig5, encodeGb18030, encodeUtf16, seedText, tempDir } from './helpers';

const tmp = tempDir();
afterAll(() => tmp.cleanup());

const ref003 = seedText('003_a7f0dd59911b8b69.txt');
const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);

function decodeError(bytes: Uint8Array, name = 'x.txt'): string {
  try {
    decodeInput(bytes, name);
  } catch (error) {
    expect(error).toBeInstanceOf(InputError);
    return (error as Error).message;
  }
  throw new Error('expected an InputError');
}

describe('encodings', () => {
  it('UTF-8 without BOM', () => {
    const d = decodeInput(utf8(ref003), 'a.txt');
    expect(d).toMatchObject({ encoding: 'utf-8', encodingSource: 'utf-8 valid', kind: 'text' });
    expect(d.text).toBe(ref003);
  });

  it('UTF-8 with BOM: the BOM is not part of the text (offsets start after it)', () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...utf8(ref003)]);
    const d = decodeInput(bytes, 'a.txt');
    expect(d).toMatchObject({ encoding: 'utf-8', encodingSource: 'bom' });
    expect(d.text).toBe(ref003);
  });

  it.each(['le', 'be'] as const)('UTF-16 %s with BOM, surrogate pairs included', (endian) => {
    const text = `${ref003}\n表情 😀 𠀀`;
    const d = decodeInput(encodeUtf16(text, endian), 'a.txt');
    expect(d.encoding).toBe(`utf-16${endian}`);
    expect(d.text).toBe(text);
  });

  it('UTF-32 is refused by name', () => {
    expect(decodeError(new Uint8Array([0xff, 0xfe, 0, 0, 0x2d, 0x4e, 0, 0]))).toMatch(/UTF-32 text is not supported/);
    expect(decodeError(new Uint8Array([0, 0, 0xfe, 0xff, 0, 0, 0x4e, 0x2d]))).toMatch(/UTF-32 text is not supported/);
  });

  it('UTF-16 without BOM is refused as binary, with a hint', () => {
    expect(decodeError(encodeUtf16(ref003, 'le', false))).toMatch(/binary.*byte-order mark/);
  });

  it('GB18030 text (not valid UTF-8) is detected and decodes exactly, four-byte codes included', () => {
    const text = `${ref003}\n表情 😀 𠀀`; // 003 holds U+00A0, a four-byte code in GB18030
    const d = decodeInput(encodeGb18030(text), 'gb.txt');
    expect(d).toMatchObject({ encoding: 'gb18030', encodingSource: 'heuristic', kind: 'text' });
    expect(d.text).toBe(text);
  });

  it('plain GBK text is detected too', () => {
    const text = ref003.replace(/\u00a0/g, ' ');
    const d = decodeInput(encodeGb18030(text, { gbkOnly: true }), 'gbk.txt');
    expect(d.encoding).toBe('gb18030');
    expect(d.text).toBe(text);
  });

  it('Big5 Traditional text is detected (after GB18030 rejects it as implausible)', () => {
    const text = '中共中央政治局常務委員會二月三日召開會議，聽取中央應對新型冠狀病毒感染肺炎疫情工作領導小組和有關部門關於疫情防控工作情況的彙報，研究下一步疫情防控工作。';
    const d = decodeInput(encodeBig5(text), 'big5.txt');
    expect(d).toMatchObject({ encoding: 'big5', encodingSource: 'heuristic' });
    expect(d.text).toBe(text);
  });

  it('GBK HTML honours its <meta charset>', () => {
    const html = `<!DOCTYPE html><html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312"><title>新闻</title></head><body><p>${ref003.replace(/\u00a0/g, ' ')}</p></body></html>`;
    const d = decodeInput(encodeGb18030(html, { gbkOnly: true }), 'page.html');
    expect(d).toMatchObject({ encoding: 'gbk', encodingSource: 'meta', kind: 'html' });
    expect(d.text).toBe(html);
  });

  it('valid UTF-8 wins over a stale <meta charset=gbk> (pages re-saved as UTF-8)', () => {
    const html = `<html><head><meta charset="gbk"></head><body>${ref003}</body></html>`;
    expect(decodeInput(utf8(html), 'page.html')).toMatchObject({ encoding: 'utf-8', kind: 'html' });
  });

  it('declaredCharset reads both meta forms and ignores unknown labels', () => {
    expect(declaredCharset(utf8('<meta charset=GBK>'))).toBe('gbk');
    expect(declaredCharset(utf8('<meta content="text/html;charset=gb18030" http-equiv="content-type">'))).toBe('gb18030');
    expect(declaredCharset(utf8('<meta charset="x-no-such">'))).toBeUndefined();
    expect(declaredCharset(utf8('<meta charset="utf-16">'))).toBe('utf-8');
  });

  it('Latin-1 text is refused rather than decoded into pseudo-Chinese', () => {
    const latin1 = Uint8Array.from('Le café est très bon, naïve déjà vu à Noël.', (c) => c.charCodeAt(0));
    expect(decodeError(latin1)).toMatch(/cannot decode.*not valid UTF-8.*Big5/);
  });
});

describe('refused input', () => {
  it('empty file', () => expect(decodeError(new Uint8Array())).toMatch(/x\.txt: empty file/));
  it('whitespace only (Chinese ideographic spaces included)', () => expect(decodeError(utf8(' \n\t\u3000\r\n'))).toMatch(/only whitespace/));
  it('BOM only', () => expect(decodeError(new Uint8Array([0xef, 0xbb, 0xbf]))).toMatch(/only whitespace/));
  it('NUL bytes', () => expect(decodeError(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]))).toMatch(/binary/));
  it('control characters without NUL', () => {
    const bytes = Uint8Array.from({ length: 400 }, (_, i) => (i % 3 === 0 ? 0x01 + (i % 8) : 0x41 + (i % 26)));
    expect(decodeError(bytes)).toMatch(/binary/);
  });
  it('pseudo-random bytes', () => {
    let seed = 42;
    const bytes = Uint8Array.from({ length: 4096 }, () => {
      seed = (seed * 1103515245 + 12345) >>> 0;
      return (seed >>> 16) & 0xff || 1;
    });
    expect(decodeError(bytes)).toMatch(/binary|cannot decode/);
  });
  it('a stray control character in real text is fine', () => {
    expect(decodeInput(utf8(`${ref003}\f\x1b`), 'a.txt').text).toBe(`${ref003}\f\x1b`);
  });

  it('missing file, directory, too large', () => {
    expect(() => readInput(`${tmp.path}/nope.txt`)).toThrow(/nope\.txt: no such file/);
    expect(() => readInput(tmp.path)).toThrow(/is a directory/);
    const big = tmp.write('big.txt', 'x');
    truncateSync(big, MAX_INPUT_BYTES + 1); // sparse: costs no disk
    expect(() => readInput(big)).toThrow(/big\.txt: too large \(50\.0 MB; the limit is 50 MB\)/);
  });
});

describe('kind', () => {
  it('follows the extension, then sniffs the first tag', () => {
    expect(decodeInput(utf8('<p>正文</p>'), 'a.htm').kind).toBe('html');
    expect(decodeInput(utf8('<!DOCTYPE html><p>正文</p>'), 'a.txt').kind).toBe('text');
    expect(decodeInput(utf8('\uFEFF  <!doctype html><p>正文</p>'), 'noext').kind).toBe('html');
    expect(decodeInput(utf8('正文 <p> 不是网页'), 'noext').kind).toBe('text');
    expect(decodeInput(utf8('正文'), 'noext', 'html').kind).toBe('html');
  });
  it('sniffHtml', () => {
    expect(sniffHtml('<html lang="zh">')).toBe(true);
    expect(sniffHtml('<!-- saved from url=(0014)about:internet -->\n<html>')).toBe(true);
    expect(sniffHtml('新华社北京1月25日电')).toBe(false);
  });
});
