import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCorpus } from '../../lib/corpus/node';
import { buildIndex, verify } from '../../lib/engine';
import { FolderError, packFolder } from '../../lib/pack/folder';
import {
  PACK_SCHEMA_VERSION,
  PackError,
  corpusPack,
  createPack,
  describePackProblem,
  packCorpus,
  readPack,
  serializePack,
  sha256Hex,
  type Pack,
  type PackProblem,
} from '../../lib/pack';
import { runPack } from '../../lib/tools/pack';

const manifest = { title: '测试包', creator: 'Yuanwen tests', date: '2026-12-01' };
const article = { id: 'a1', start: 0, end: 4, headline: '标题', publisher: '新华社', date: '2020-02-03', role: 'reference' as const };

async function small(): Promise<Pack> {
  return createPack(manifest, [{ id: 't1', content: '会议指出。其他', articles: [article] }]);
}

/** The problem readPack reports for a pack JSON changed by `edit`. */
async function problemOf(edit: (p: Record<string, unknown>) => void): Promise<PackProblem | undefined> {
  const data = JSON.parse(serializePack(await small())) as Record<string, unknown>;
  edit(data);
  const result = await readPack(JSON.stringify(data));
  return result.ok ? undefined : result.problem;
}

describe('pack format', () => {
  it('hashes UTF-8 with SHA-256', async () => {
    // Known vector: SHA-256("abc").
    expect(await sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(await sha256Hex('原文')).toHaveLength(64);
  });

  it('round-trips through its JSON text', async () => {
    const pack = await small();
    const back = await readPack(serializePack(pack));
    expect(back).toEqual({ ok: true, pack });
    expect(pack.schemaVersion).toBe(PACK_SCHEMA_VERSION);
  });

  it('turns the seeds into a pack whose corpus verifies 002 exactly as the seeds do', async () => {
    const seeds = loadCorpus();
    const pack = await corpusPack(manifest, seeds, { via: 'bundled' });
    const again = await readPack(serializePack(pack));
    expect(again.ok).toBe(true);
    const fromPack = packCorpus(pack);
    const page = seeds.files['002_4ec4b0ae00f95d62.txt']!;
    expect(verify(page, buildIndex(fromPack))).toEqual(verify(page, buildIndex(seeds)));
  });

  it.each<[string, (p: Record<string, unknown>) => void, PackProblem['kind']]>([
    ['another format', (p) => (p.format = 'zip'), 'not-a-pack'],
    ['a future schema version', (p) => (p.schemaVersion = 2), 'unsupported-version'],
    ['no manifest title', (p) => delete (p.manifest as Record<string, unknown>).title, 'invalid'],
    ['a date that is not a day', (p) => ((p.manifest as Record<string, unknown>).date = '2026-13-01'), 'invalid'],
    ['one changed character', (p) => ((p.texts as { content: string }[])[0]!.content = '会议指出！其他'), 'hash-mismatch'],
    ['a truncated text', (p) => ((p.texts as { content: string }[])[0]!.content = '会议'), 'hash-mismatch'],
    ['an article past its text', (p) => ((p.texts as { articles: { end: number }[] }[])[0]!.articles[0]!.end = 99), 'article-range'],
    ['an empty article range', (p) => ((p.texts as { articles: { end: number }[] }[])[0]!.articles[0]!.end = 0), 'article-range'],
    ['a text twice', (p) => (p.texts = [...(p.texts as unknown[]), ...(p.texts as unknown[])]), 'duplicate-id'],
    ['an unknown role', (p) => ((p.texts as { articles: { role: string }[] }[])[0]!.articles[0]!.role = 'x'), 'invalid'],
  ])('refuses %s with one clear problem', async (_name, edit, kind) => {
    const problem = await problemOf(edit);
    expect(problem?.kind).toBe(kind);
    expect(describePackProblem(problem!)).not.toMatch(/undefined|\[object/);
  });

  it('names the field the schema refused', async () => {
    const problem = await problemOf((p) => ((p.texts as { articles: { publisher: string }[] }[])[0]!.articles[0]!.publisher = ' '));
    expect(problem).toEqual({ kind: 'invalid', path: 'texts.0.articles.0.publisher', detail: 'publisher is empty' });
  });

  it('refuses what is not JSON, empty or binary', async () => {
    expect(await readPack('')).toMatchObject({ ok: false, problem: { kind: 'empty' } });
    expect(await readPack('{"format": "yuanwen-pack", "texts": [')).toMatchObject({ ok: false, problem: { kind: 'not-json' } });
    expect(await readPack('\u0000\u0001PK\u0003')).toMatchObject({ ok: false, problem: { kind: 'not-json' } });
    expect(await readPack('[1,2]')).toMatchObject({ ok: false, problem: { kind: 'not-a-pack' } });
  });

  it('createPack refuses to make a pack that would not read back', async () => {
    await expect(createPack(manifest, [{ id: 't', content: 'abc', articles: [{ ...article, end: 9 }] }])).rejects.toBeInstanceOf(PackError);
  });
});

describe('npm run pack (a pack from a folder)', () => {
  const html = (meta: string, body: string) =>
    `<!doctype html><html><head><meta charset="utf-8"><title>站点</title>${meta}</head><body><nav>首页 新闻 国际 评论 视频</nav><article>${body}</article><footer>版权所有 ICP备</footer></body></html>`;
  const para = '会议强调，各级党委和政府要坚决贯彻落实党中央决策部署，全力以赴做好疫情防控工作，加强统一领导、统一指挥、统一行动。';

  function folder(files: Record<string, string>): string {
    const dir = mkdtempSync(join(tmpdir(), 'yw-pack-'));
    for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
    return dir;
  }

  it('takes HTML metadata where present and the CSV for the rest', async () => {
    const dir = folder({
      'a.html': html(
        '<meta name="ArticleTitle" content="会议标题"><meta name="ContentSource" content="新华社"><meta name="PubDate" content="2024年5月6日"><link rel="canonical" href="https://www.news.cn/x.html">',
        `<p>${para}</p><p>${para}</p><p>${para}</p>`,
      ),
      'b.txt': `\n  ${para}\n`,
      'metadata.csv': 'file,headline,publisher,date,url\nb.txt,另一篇,人民日报,2020-02-03,https://paper.people.com.cn/b.html\n',
    });
    const pack = await packFolder(dir, { manifest, now: '2026-12-01T00:00:00.000Z' });
    const [a, b] = pack.texts;
    expect(a!.articles[0]).toMatchObject({ headline: '会议标题', publisher: '新华社', date: '2024-05-06', sources: [{ url: 'https://www.news.cn/x.html', via: 'file' }] });
    // Readability drops the page furniture.
    expect(a!.content).not.toMatch(/首页|版权/);
    expect(a!.content).toContain(para);
    expect(b!.articles[0]).toMatchObject({ headline: '另一篇', publisher: '人民日报', date: '2020-02-03' });
    expect(b!.content.slice(b!.articles[0]!.start, b!.articles[0]!.end)).toBe(para);
  });

  it('names every file that lacks metadata, and makes no pack', async () => {
    const dir = folder({ 'a.txt': para, 'b.txt': para, 'metadata.csv': 'file,headline,publisher,date\na.txt,标题,新华社,\n' });
    await expect(packFolder(dir, { manifest })).rejects.toThrow(/2 file\(s\).*a\.txt \(date \(YYYY-MM-DD\)\); b\.txt \(headline, publisher, date/);
  });

  it('refuses an empty folder and an empty file', async () => {
    await expect(packFolder(folder({}), { manifest })).rejects.toBeInstanceOf(FolderError);
    await expect(packFolder(folder({ 'a.txt': '' }), { manifest })).rejects.toThrow(/empty/);
  });

  it('writes the file from the command line, and its errors go to stderr with exit 2', async () => {
    const dir = folder({ 'b.txt': para, 'metadata.csv': 'file,headline,publisher,date\nb.txt,标题,新华社,2020-02-03\n' });
    const out = join(dir, 'out.json');
    const io = { stdout: [] as string[], stderr: [] as string[] };
    const sink = { stdout: (s: string) => io.stdout.push(s), stderr: (s: string) => io.stderr.push(s) };
    expect(await runPack([dir, '-o', out, '--title', '我的包', '--creator', '编辑部'], sink)).toBe(0);
    const read = await readPack(readFileSync(out, 'utf8'));
    expect(read.ok && read.pack.manifest).toMatchObject({ title: '我的包', creator: '编辑部' });
    expect(await runPack([dir], sink)).toBe(2);
    expect(io.stderr.join('')).toMatch(/-o FILE/);
    expect(await runPack([join(dir, 'nope'), '-o', out], sink)).toBe(2);
  });
});
