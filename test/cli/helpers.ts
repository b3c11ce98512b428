// Helpers for the CLI tests: encoders Node lacks, temp files, and running the
// CLI both in-process and as a real child process.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CliIo } from '../../lib/cli/main';

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const seedPath = (file: string): string => join(repoRoot, 'seeds', file);
export const seedText = (file: string): string => readFileSync(seedPath(file), 'utf8');

let gbTable: Map<string, number[]> | undefined;

/** GB18030 encoder (GBK is its two-byte part) built by inverting Node's own
 *  decoder over every two-byte code and every four-byte BMP code (Node ships
 *  decoders only), so the tests need no iconv and no binary fixtures.
 *  Characters beyond the BMP follow the standard's linear four-byte mapping. */
export function encodeGb18030(text: string, { gbkOnly = false } = {}): Uint8Array {
  if (!gbTable) {
    gbTable = new Map();
    const decoder = new TextDecoder('gb18030', { fatal: true });
    const add = (bytes: number[]): void => {
      let ch: string;
      try {
        ch = decoder.decode(Uint8Array.from(bytes));
      } catch {
        return;
      }
      if (ch.length === 1 && !gbTable!.has(ch)) gbTable!.set(ch, bytes);
    };
    for (let lead = 0x81; lead <= 0xfe; lead++) {
      for (let trail = 0x40; trail <= 0xfe; trail++) if (trail !== 0x7f) add([lead, trail]);
    }
    for (let b1 = 0x81; b1 <= 0x84; b1++)
      for (let b2 = 0x30; b2 <= 0x39; b2++)
        for (let b3 = 0x81; b3 <= 0xfe; b3++) for (let b4 = 0x30; b4 <= 0x39; b4++) add([b1, b2, b3, b4]);
  }
  const out: number[] = [];
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    if (cp < 0x80) {
      out.push(cp);
      continue;
    }
    let bytes = gbTable.get(ch);
    if (!bytes && cp >= 0x10000) {
      const i = cp - 0x10000;
      bytes = [0x90 + Math.floor(i / 12600), 0x30 + (Math.floor(i / 1260) % 10), 0x81 + (Math.floor(i / 10) % 126), 0x30 + (i % 10)];
    }
    if (!bytes || (gbkOnly && bytes.length !== 2)) throw new Error(`${gbkOnly ? 'GBK' : 'GB18030'} cannot encode U+${cp.toString(16)}`);
    out.push(...bytes);
  }
  return Uint8Array.from(out);
}

let big5Table: Map<string, number[]> | undefined;

/** Big5 encoder, built like encodeGb18030 by inverting Node's decoder. */
export function encodeBig5(text: string): Uint8Array {
  if (!big5Table) {
    big5Table = new Map();
    const decoder = new TextDecoder('big5', { fatal: true });
    for (let lead = 0x81; lead <= 0xfe; lead++) {
      for (let trail = 0x40; trail <= 0xfe; trail++) {
        if (trail > 0x7e && trail < 0xa1) continue;
        try {
          const ch = decoder.decode(Uint8Array.from([lead, trail]));
          if (ch.length === 1 && !big5Table.has(ch)) big5Table.set(ch, [lead, trail]);
        } catch {
          // unmapped code
        }
      }
    }
  }
  const out: number[] = [];
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    const bytes = cp < 0x80 ? [cp] : big5Table.get(ch);
    if (!bytes) throw new Error(`Big5 cannot encode U+${cp.toString(16)}`);
    out.push(...bytes);
  }
  return Uint8Array.from(out);
}

export function encodeUtf16(text: string, endian: 'le' | 'be', bom = true): Uint8Array {
  const out = new Uint8Array((bom ? 2 : 0) + text.length * 2);
  let o = 0;
  if (bom) {
    out[o++] = endian === 'le' ? 0xff : 0xfe;
    out[o++] = endian === 'le' ? 0xfe : 0xff;
  }
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    out[o++] = endian === 'le' ? c & 0xff : c >> 8;
    out[o++] = endian === 'le' ? c >> 8 : c & 0xff;
  }
  return out;
}

export interface TempDir {
  path: string;
  write(name: string, content: string | Uint8Array): string;
  cleanup(): void;
}

export function tempDir(): TempDir {
  const path = mkdtempSync(join(tmpdir(), 'yuanwen-cli-'));
  return {
    path,
    write(name, content) {
      const file = join(path, name);
      writeFileSync(file, content);
      return file;
    },
    cleanup() {
      rmSync(path, { recursive: true, force: true });
    },
  };
}

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the CLI's main() in this process with captured streams. */
export async function runInProcess(argv: string[], opts: { tty?: boolean; env?: Record<string, string | undefined> } = {}): Promise<RunResult> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    stdout: { write: (s: string) => (stdout += s) },
    stderr: { write: (s: string) => (stderr += s) },
    stdoutIsTTY: opts.tty ?? false,
    env: opts.env ?? {},
  };
  // Imported lazily so the decoding tests do not load the engine.
  const { main } = await import('../../lib/cli/main');
  const code = await main(argv, io);
  return { code, stdout, stderr };
}

/** Runs the real entry point as a child process (node --import tsx, not npx:
 *  npm prints its own warnings on stderr and a banner on stdout). */
export function runCli(argv: string[], timeoutMs = 120_000): RunResult {
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(repoRoot, 'lib/cli/verify.ts'), ...argv], {
    cwd: repoRoot,
    encoding: 'utf8',
    timeout: timeoutMs,
    maxBuffer: 256 * 1024 * 1024,
    env: { ...process.env, NO_COLOR: '1' },
  });
  if (r.error) throw r.error;
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}
