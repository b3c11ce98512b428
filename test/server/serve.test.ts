// `npm run serve` with no configuration: a throwaway cluster, the seeds
// loaded, exactly one line on stdout, and a clean stop on SIGTERM.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { repoRoot } from '../cli/helpers';

it('prints one line, serves the seeds, and stops with its cluster on SIGTERM', async () => {
  const child = spawn(process.execPath, ['--import', 'tsx', join(repoRoot, 'lib/server/main.ts')], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, PORT: '' } });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const start = Date.now();
  while (!stdout.includes('\n') && Date.now() - start < 60_000) await new Promise((r) => setTimeout(r, 50));
  const url = /^listening on (http:\/\/127\.0\.0\.1:\d+)\n$/.exec(stdout)?.[1];
  expect(url, `stdout: ${stdout} stderr: ${stderr}`).toBeDefined();
  const health = (await (await fetch(`${url}/v1/health`)).json()) as { ok: boolean; references: number };
  expect(health).toEqual({ ok: true, references: 6 });
  child.kill('SIGTERM');
  expect(await exited).toBe(0);
  expect(stdout.split('\n').filter(Boolean)).toHaveLength(1);
  await expect(fetch(`${url}/v1/health`, { signal: AbortSignal.timeout(2_000) })).rejects.toThrow();
}, 90_000);
