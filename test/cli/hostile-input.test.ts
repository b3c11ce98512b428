// Issue 11, CLI: a closed pipe is no error, and a huge input is refused by its
// length in characters (not only bytes) with a clear message, quickly.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { MAX_INPUT_CHARS, MAX_TEXT_CHARS } from '../../lib/cli/decode';
import { repoRoot, runInProcess, seedPath, tempDir } from './helpers';

const tmp = tempDir();
afterAll(() => tmp.cleanup());

describe('CLI against hostile use', () => {
  it('`| head`: a pipe closed early ends the run quietly with exit 0', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(repoRoot, 'lib/cli/verify.ts'), seedPath('002_4ec4b0ae00f95d62.txt')], {
      cwd: repoRoot,
      env: { ...process.env, NO_COLOR: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    // Read the first chunk, then close our end, as `head -1` does.
    await new Promise<void>((resolve) => child.stdout.once('data', () => resolve()));
    child.stdout.destroy();
    const code = await new Promise<number | null>((resolve) => child.on('close', (c) => resolve(c)));
    expect(stderr).toBe('');
    expect(code).toBe(0);
  }, 60_000);

  it('text over the character limit is refused with a one-line message, before the engine runs', async () => {
    const file = tmp.write('long.txt', '中'.repeat(MAX_TEXT_CHARS + 1));
    const r = await runInProcess([file]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/long\.txt: too long \(6,000,001 characters of text; the limit is 6,000,000\)/);
  }, 60_000);

  it('one-byte input under the byte limit but over the character limit is refused too', async () => {
    const file = tmp.write('ascii.txt', 'a'.repeat(MAX_INPUT_CHARS + 1));
    const r = await runInProcess([file]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/ascii\.txt: too long \(16,000,001 characters of input; the limit is 16,000,000\)/);
  }, 60_000);

  it('a short text is still verified', async () => {
    const file = tmp.write('ok.txt', '春'.repeat(1000));
    expect((await runInProcess([file])).code).toBe(0);
  });
});
