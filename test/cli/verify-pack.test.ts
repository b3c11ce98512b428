import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../lib/cli/main';
import { createPack, serializePack } from '../../lib/pack';
import { official, spin } from '../library/fixtures';

async function run(argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(argv, { stdout: { write: (s: string) => (out += s) }, stderr: { write: (s: string) => (err += s) }, stdoutIsTTY: false, env: {} });
  return { code, out, err };
}

describe('npm run verify -- FILE --pack P', () => {
  const dir = mkdtempSync(join(tmpdir(), 'yw-verify-pack-'));
  const repost = join(dir, 'repost.txt');
  writeFileSync(repost, spin(official));

  it('verifies against the pack as well as the seeds', async () => {
    const pack = await createPack({ title: 't', creator: 'c', date: '2026-12-01' }, [
      { id: 'official.txt', content: official, articles: [{ id: 'state-council-2026-07-10', start: 0, end: official.length, headline: '国务院召开全国防汛抗旱工作电视电话会议', publisher: '新华社', date: '2026-07-10', role: 'reference' }] },
    ]);
    const packFile = join(dir, 'pack.json');
    writeFileSync(packFile, serializePack(pack));
    const without = JSON.parse((await run([repost, '--json'])).out);
    expect(without.matches).toEqual([]);
    const withPack = await run([repost, '--json', '--pack', packFile]);
    expect(withPack.code).toBe(0);
    const report = JSON.parse(withPack.out);
    expect(report.matches.map((m: { ref: { id: string } }) => m.ref.id)).toEqual(['state-council-2026-07-10']);
    expect(report.verdict).toBe('scrambled');
    // The human-readable report quotes the original from the pack.
    expect((await run([repost, '--pack', packFile])).out).toContain('新华社 2026-07-10');
  });

  it('refuses a corrupt or missing pack with one line and exit 2', async () => {
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, '{"format":"yuanwen-pack","schemaVersion":1');
    const r = await run([repost, '--pack', bad]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^yuanwen verify: .*bad\.json: the pack is not valid JSON/);
    expect((await run([repost, '--pack', join(dir, 'nope.json')])).code).toBe(2);
    expect((await run([repost, '--pack'])).err).toMatch(/--pack needs a value/);
  });
});
