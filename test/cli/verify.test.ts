// The command-line verifier end to end: exit codes, one-line errors, --json
// offsets that slice both texts exactly, every supported encoding giving the
// same report, HTML reduced to its visible text, and large input.
import * as OpenCC from 'opencc-js';
import { afterAll, describe, expect, it } from 'vitest';
import type { Report } from '../../lib/engine/types';
import { encodeBig5, encodeGb18030, encodeUtf16, runCli, runInProcess, seedPath, seedText, tempDir } from './helpers';
import { loadCorpus } from '../../lib/corpus/node';
import { buildIndex, verify } from '../../lib/engine';
import { displayKinds, labelKey, severity } from '../../lib/present/kinds';
import { kindBreakdown, summarize } from '../../lib/present/summary';
import { ansiColour, kindAccent } from '../../lib/present/tokens';
import { makeT } from '../components/t';

const tmp = tempDir();
afterAll(() => tmp.cleanup());

const SPECIMEN = '002_4ec4b0ae00f95d62.txt';
const REF = '003_a7f0dd59911b8b69.txt';
const ref003 = seedText(REF);

type JsonOut = Report & { input: { file: string; encoding: string; kind: 'text' | 'html'; length: number; text?: string } };

async function verifyJson(file: string, extra: string[] = []): Promise<JsonOut> {
  const r = await runInProcess([file, '--json', ...extra]);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout) as JsonOut;
}

/** The --json contract: every offset slices its text to exactly the reported string. */
function expectOffsetsSlice(out: JsonOut, pageText: string): void {
  expect(out.input.length).toBe(pageText.length);
  let lastEnd = 0;
  for (const m of out.matches) {
    const seed = seedText(m.ref.file);
    expect(m.page.start).toBeGreaterThanOrEqual(lastEnd);
    expect(m.page.end).toBeLessThanOrEqual(pageText.length);
    expect(m.ref.end).toBeLessThanOrEqual(seed.length);
    lastEnd = m.page.end;
    for (const d of m.differences) {
      expect(d.pageText).toBe(pageText.slice(d.page.start, d.page.end));
      expect(d.refText).toBe(seed.slice(d.ref.start, d.ref.end));
      expect(d.page.start).toBeGreaterThanOrEqual(m.page.start);
      expect(d.page.end).toBeLessThanOrEqual(m.page.end);
    }
  }
  for (const u of out.unmatched) expect(u.page.end).toBeLessThanOrEqual(pageText.length);
}

/** A report with the input description left out, for comparing encodings. */
const core = ({ input: _input, ...report }: JsonOut): Report => report;

describe('usage and input errors: one line on stderr, exit 2, nothing on stdout', () => {
  const oneLineError = (r: { code: number; stdout: string; stderr: string }, pattern: RegExp): void => {
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.endsWith('\n')).toBe(true);
    expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(pattern);
  };

  it('missing file', async () => oneLineError(await runInProcess([`${tmp.path}/missing.txt`]), /missing\.txt: no such file/));
  it('directory', async () => oneLineError(await runInProcess([tmp.path]), /is a directory/));
  it('empty file', async () => oneLineError(await runInProcess([tmp.write('empty.txt', '')]), /empty\.txt: empty file/));
  it('whitespace-only file', async () => oneLineError(await runInProcess([tmp.write('ws.txt', '\n\u3000 \t\n')]), /only whitespace/));
  it('binary file', async () => {
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52]);
    oneLineError(await runInProcess([tmp.write('image.txt', png)]), /image\.txt: binary file/);
  });
  it('undecodable file', async () => {
    const latin1 = Uint8Array.from('Ça coûte très cher à Noël, déjà.', (c) => c.charCodeAt(0));
    oneLineError(await runInProcess([tmp.write('latin1.txt', latin1)]), /latin1\.txt: cannot decode/);
  });
  it('HTML with no visible text', async () => {
    const file = tmp.write('blank.html', '<html><head><title>标题</title><script>var 中文 = 1</script></head><body><div hidden>隐藏</div></body></html>');
    oneLineError(await runInProcess([file]), /no visible text/);
  });

  it('usage errors print the usage line', async () => {
    for (const argv of [[], ['--bogus', seedPath(REF)], [seedPath(REF), seedPath(REF)], ['--html', '--text', seedPath(REF)]]) {
      const r = await runInProcess(argv);
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toMatch(/^yuanwen verify: .*\nusage: /);
    }
  });

  it('a mistyped option gets the nearest real one suggested; a stranger one does not', async () => {
    expect((await runInProcess(['--jsno', seedPath(REF)])).stderr).toMatch(/unknown option --jsno \(did you mean --json\?\)/);
    expect((await runInProcess(['-html', seedPath(REF)])).stderr).toMatch(/did you mean --html\?/);
    expect((await runInProcess(['--frobnicate', seedPath(REF)])).stderr).not.toMatch(/did you mean/);
  });

  it('--help documents offsets and exit codes, exit 0', async () => {
    const r = await runInProcess(['--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Exit status:\n\s+0 .*\n\s+1 .*\n\s+2 /);
    expect(r.stdout).toMatch(/UTF-16 code-unit indices/);
    expect(r.stdout).toMatch(/extracted visible\s+text/);
  });
});

describe('real process', () => {
  it('exit code 2 and a single stderr line for a missing file', () => {
    const r = runCli(['/nonexistent/bulletin.txt']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe('yuanwen verify: /nonexistent/bulletin.txt: no such file\n');
  });

  it('--json: stdout is exactly one JSON object, exit 0', () => {
    const r = runCli([seedPath(SPECIMEN), '--json']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    const out = JSON.parse(r.stdout) as JsonOut;
    expect(out.input).toMatchObject({ encoding: 'utf-8', kind: 'text', length: seedText(SPECIMEN).length });
  });
});

describe('--json report', () => {
  it('002: offsets slice the input and the seed files to pageText and refText', async () => {
    const out = await verifyJson(seedPath(SPECIMEN));
    expect(out.verdict).not.toBe('faithful');
    expect(out.matches.map((m) => m.ref.id)).toContain('peoples-daily-2020-02-03-psc');
    for (const m of out.matches) expect(m.ref).toHaveProperty('headline');
    expectOffsetsSlice(out, seedText(SPECIMEN));
  });

  it('a reference verified against itself is faithful', async () => {
    const out = await verifyJson(seedPath(REF));
    expect(out.verdict).toBe('faithful');
    expect(out.matches).toHaveLength(1);
    expect(out.matches[0]!.differences).toHaveLength(0);
  });

  it('UTF-16 LE/BE, GB18030, GBK and UTF-8+BOM inputs give the same report as UTF-8', async () => {
    const text = seedText(SPECIMEN);
    const expected = core(await verifyJson(seedPath(SPECIMEN)));
    const variants: Array<[string, Uint8Array, string]> = [
      ['le.txt', encodeUtf16(text, 'le'), 'utf-16le'],
      ['be.txt', encodeUtf16(text, 'be'), 'utf-16be'],
      ['gb.txt', encodeGb18030(text), 'gb18030'],
      ['bom.txt', new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(text)]), 'utf-8'],
    ];
    for (const [name, bytes, encoding] of variants) {
      const out = await verifyJson(tmp.write(name, bytes));
      expect(out.input.encoding).toBe(encoding);
      expect(core(out)).toEqual(expected);
    }
  });

  it('GBK-encoded reference (no four-byte codes) is faithful', async () => {
    const text = ref003.replace(/\u00a0/g, ' ');
    const out = await verifyJson(tmp.write('gbk-ref.txt', encodeGb18030(text, { gbkOnly: true })));
    expect(out.input.encoding).toBe('gb18030');
    expect(out.verdict).toBe('faithful');
    expectOffsetsSlice(out, text);
  });

  it('Big5-encoded Traditional copy of a reference is faithful', async () => {
    const text = OpenCC.Converter({ from: 'cn', to: 'tw' })(seedText('001_49b3bb082dad6287.txt'));
    const out = await verifyJson(tmp.write('big5.txt', encodeBig5(text)));
    expect(out.input.encoding).toBe('big5');
    expect(out.verdict).toBe('faithful');
    expect(out.matches.map((m) => m.ref.id)).toEqual(['sichuan-2020-01-26-provincial-committee']);
    expectOffsetsSlice(out, text);
  });

  it('HTML: furniture around a reference, hidden and scripted text ignored; offsets index the extracted text', async () => {
    const paragraphs = ref003.split(/\n+/).filter((p) => p.trim() !== '');
    const altered = paragraphs[3]!.replace(/[0-9０-９一二三四五六七八九十]/g, '九');
    const html = [
      '<!DOCTYPE html><html lang="zh-CN"><head><meta charset="gbk"><title>人民网</title>',
      '<style>.x{color:red}</style><script>var note = "中共中央政治局常务委员会召开会议 不是正文";</script></head><body>',
      '<nav><a href="/">首页</a> | <a href="/news">新闻</a> | <a>登录</a></nav>',
      '<div class="crumb">当前位置：首页 &gt; 时政</div><article>',
      ...paragraphs.map((p) => `<p>${p.replace(/&/g, '&amp;').replace(/</g, '&lt;')}</p>`),
      `<p hidden>${altered}</p><div style="display: none">${altered}</div>`,
      '<form><textarea>评论：中央政治局常委会不同意</textarea><input value="搜索"></form>',
      '</article><footer>版权所有 &copy; 人民网 阅读 12345 次</footer></body></html>',
    ].join('\n');
    const file = tmp.write('page.html', encodeGb18030(html.replace(/\u00a0/g, ' '), { gbkOnly: true }));
    const out = await verifyJson(file);
    expect(out.input).toMatchObject({ kind: 'html', encoding: 'gbk' });
    const pageText = out.input.text!;
    expect(pageText).toContain('首页');
    expect(pageText).not.toContain('不是正文');
    expect(pageText).not.toContain('不同意');
    expect(pageText).not.toContain(altered);
    expect(out.verdict).toBe('faithful');
    expect(out.matches).toHaveLength(1);
    expect(out.matches[0]!.differences).toHaveLength(0);
    expectOffsetsSlice(out, pageText);
  });
});

describe('human output', () => {
  it('verdict, headline, publisher, date, counts, differences as original → page', async () => {
    const r = await runInProcess([seedPath(SPECIMEN)]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/结论 Verdict: /);
    expect(r.stdout).toContain('人民日报 2020-02-03 《中共中央政治局常务委员会召开会议');
    // Counts per display kind, worst first, named as the popup names them (lib/present), Chinese then English.
    expect(r.stdout).toMatch(/\d+ marks · (\S+ [^·]+ \d+ · )*\S+ [^·]+ \d+\n/);
    expect(r.stdout).toMatch(/〔[^〕]+〕.* → .*〔[^〕]+〕/);
    expect(r.stdout).not.toContain('\x1b[');
  });

  it('002: scrambled regions without an original, with the restored reading labelled as a reconstruction', async () => {
    const out = await verifyJson(seedPath(SPECIMEN));
    const scrambled = out.unmatched.filter((u) => u.scrambled);
    expect(scrambled.length).toBeGreaterThan(0);
    const r = await runInProcess([seedPath(SPECIMEN)]);
    expect(r.stdout).toMatch(/Scrambled text with no original in the corpus \(\d+\)/);
    expect(r.stdout).toMatch(/复原（推测，并非原文） reconstruction, NOT an original: \S/);
    for (const u of scrambled) expect(r.stdout).toContain(`p.${u.page.start}–${u.page.end}`);
  });

  it('kinds, order, counts and colours are lib/present\'s: one kind, one name and one colour everywhere', async () => {
    const report = verify(seedText(SPECIMEN), buildIndex(loadCorpus()));
    const summary = summarize(report);
    const zh = makeT('zh_CN');
    const en = makeT('en');
    const r = await runInProcess([seedPath(SPECIMEN)]);
    const expected = kindBreakdown(summary.counts).map(({ kind, n }) => `${zh(labelKey(kind))} ${en(labelKey(kind))} ${n}`).join(' · ');
    expect(r.stdout).toContain(`${summary.counts.originals} originals in ${report.matches.length} passages, ${summary.counts.total} marks · ${expected}`);
    expect(r.stdout).toContain(`结论 Verdict: ${zh(`verdict.${summary.verdict}.word`)} ${en(`verdict.${summary.verdict}.word`)}`);
    // Each match lists its differences worst first: no kind after a less severe one.
    const listed = [...r.stdout.matchAll(/^ {6}(\S+) /gm)].map((m) => m[1]!);
    const rank = (label: string) => severity[displayKinds.find((k) => zh(labelKey(k)) === label)!];
    const blocks = r.stdout.split(/^\[\d+\]/m).slice(1).map((b) => [...b.matchAll(/^ {6}(\S+) /gm)].map((m) => rank(m[1]!)));
    expect(listed.length).toBeGreaterThan(0);
    for (const b of blocks) for (let i = 1; i < b.length; i++) expect(b[i]!).toBeGreaterThanOrEqual(b[i - 1]!);
    // On a terminal, a kind's label takes its token colour (the dark theme's accent, as 24-bit ANSI).
    const tty = (await runInProcess([seedPath(SPECIMEN)], { tty: true })).stdout;
    expect(tty).toContain(`${ansiColour(kindAccent.distorting.dark)[0]}${zh(labelKey('distorting'))} ${en(labelKey('distorting'))}`);
    expect(tty).toContain(`${ansiColour(kindAccent.spin.dark)[0]}${zh(labelKey('spin'))}`);
  });

  it('colour only on a terminal, and never with NO_COLOR', async () => {
    expect((await runInProcess([seedPath(SPECIMEN)], { tty: true })).stdout).toContain('\x1b[');
    expect((await runInProcess([seedPath(SPECIMEN)], { tty: true, env: { NO_COLOR: '1' } })).stdout).not.toContain('\x1b[');
  });

  it('control characters from the page never reach the terminal', async () => {
    const text = ref003.replace('中共中央总书记', '中共中央\x1b[2J总书记');
    const r = await runInProcess([tmp.write('escape.txt', text)]);
    expect(r.code).toBe(0);
    expect(r.stdout).not.toContain('\x1b');
  });
});

describe('large input', () => {
  it('HTML nested 5,000 elements deep', async () => {
    const html = `<html><body>${'<div>'.repeat(5000)}${ref003}${'</div>'.repeat(5000)}</body></html>`;
    const out = await verifyJson(tmp.write('deep.html', html));
    expect(out.verdict).toBe('faithful');
    expectOffsetsSlice(out, out.input.text!);
  });

  it('5 MB of HTML: visible text extracted, hidden copies skipped', async () => {
    const paragraphs = ref003.split('\n').filter((p) => p.trim() !== '');
    const block = paragraphs.map((p) => `<div class="c"><p>${p}</p><span style="display:none">隐藏的改动文字</span></div>`).join('\n');
    const html = `<!DOCTYPE html><html><head><meta charset="utf-8"></head><body><nav>首页</nav>${block.repeat(Math.ceil((5 * 2 ** 20) / Buffer.byteLength(block)))}</body></html>`;
    const out = await verifyJson(tmp.write('big.html', html));
    expect(out.input.kind).toBe('html');
    expect(out.input.text).not.toContain('隐藏的改动文字');
    expect(out.verdict).toBe('faithful');
    expectOffsetsSlice(out, out.input.text!);
  }, 180_000);

  it('5 MB: a reference repeated with furniture finishes with a correct result', async () => {
    const block = `首页 | 新闻 | 评论\n${ref003}\n版权所有 阅读 123 次\n`;
    const copies = Math.ceil((5 * 2 ** 20) / Buffer.byteLength(block));
    const text = block.repeat(copies);
    const file = tmp.write('huge.txt', text);
    const started = Date.now();
    const out = await verifyJson(file);
    const seconds = (Date.now() - started) / 1000;
    expect(out.input.length).toBe(text.length);
    expect(out.verdict).toBe('faithful');
    expect(out.matches.length).toBeGreaterThan(0);
    for (const m of out.matches) expect(m.ref.id).toBe('peoples-daily-2020-02-03-psc');
    expectOffsetsSlice(out, text);
    // Informational only (no timing assertions in unit tests).
    console.log(`5 MB input: ${text.length} chars, ${out.matches.length} matches, ${seconds.toFixed(1)} s`);
  }, 180_000);
});
