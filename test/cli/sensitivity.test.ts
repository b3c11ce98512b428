// --sensitivity strict|default|lenient reaches the engine.
import { afterAll, describe, expect, it } from 'vitest';
import { parseArgs } from '../../lib/cli/args';
import type { Report } from '../../lib/engine/types';
import { runInProcess, seedText, tempDir } from './helpers';

const tmp = tempDir();
afterAll(() => tmp.cleanup());

describe('--sensitivity', () => {
  it('takes strict, default or lenient, and defaults to default', () => {
    for (const s of ['strict', 'default', 'lenient']) {
      expect(parseArgs(['a.txt', '--sensitivity', s])).toMatchObject({ type: 'run', args: { sensitivity: s } });
      expect(parseArgs([`--sensitivity=${s}`, 'a.txt'])).toMatchObject({ type: 'run', args: { sensitivity: s } });
    }
    expect(parseArgs(['a.txt'])).toMatchObject({ type: 'run', args: { sensitivity: 'default' } });
  });

  it('refuses other values and a missing value, in one line', () => {
    expect(parseArgs(['a.txt', '--sensitivity', 'balanced'])).toEqual({ type: 'error', message: '--sensitivity takes strict, default, lenient (got balanced)' });
    expect(parseArgs(['a.txt', '--sensitivity'])).toEqual({ type: 'error', message: '--sensitivity needs a value' });
  });

  it('changes the verdict where the presets differ: a 50-character quote matches at default, not at strict', async () => {
    const ref = seedText('004_714d42e7a528be23.txt');
    const at = ref.indexOf('要加快疾控体系改革');
    const file = tmp.write('quote.txt', `天气预报：明日多云，气温回升。\n${ref.slice(at, at + 56)}\n以上内容仅供参考。`);
    const run = async (extra: string[]) => {
      const r = await runInProcess([file, '--json', ...extra]);
      expect(r.code).toBe(0);
      return JSON.parse(r.stdout) as Report;
    };
    expect((await run([])).matches.map((m) => m.quote)).toEqual([true]);
    expect((await run(['--sensitivity', 'lenient'])).matches).toHaveLength(1);
    expect((await run(['--sensitivity', 'strict'])).matches).toEqual([]);
  });
});
