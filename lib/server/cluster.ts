// Throwaway PostgreSQL clusters from Debian's binaries, in a temporary folder,
// on a free loopback port: the embedded default of `npm run serve`, and the
// nodes the tests and the benchmark start. Never used for a real deployment
// (that one is reached through DATABASE_URL).
//
// PostgreSQL refuses to run as root, so when this process is root the server
// binaries run as the `postgres` user in a folder that user owns.
import { execFile } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export class ClusterError extends Error {}

/** The directory of Debian's server binaries (newest major version), or PG_BIN. */
export function serverBinDir(env: Readonly<Record<string, string | undefined>> = process.env): string {
  if (env.PG_BIN) return env.PG_BIN;
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root) ? readdirSync(root).filter((v) => existsSync(join(root, v, 'bin', 'initdb'))) : [];
  versions.sort((a, b) => Number(b) - Number(a));
  if (versions.length === 0) {
    throw new ClusterError('PostgreSQL server binaries not found under /usr/lib/postgresql: run `bash .ci/setup` (installs Debian\'s postgresql) or set DATABASE_URL');
  }
  return join(root, versions[0]!, 'bin');
}

/** A free TCP port on 127.0.0.1, chosen by the kernel. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const address = s.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      s.close(() => resolve(port));
    });
  });
}

export interface Cluster {
  /** postgres://yw@127.0.0.1:PORT/yuanwen */
  url: string;
  port: number;
  dir: string;
  /** Stops the server and keeps the data (for fault tests: start() again). */
  stop(mode?: 'fast' | 'immediate'): Promise<void>;
  start(): Promise<void>;
  /** Stops the server and removes the folder. */
  destroy(): Promise<void>;
}

/**
 * Settings of a throwaway cluster, for a bulk load on one machine: buffers
 * large enough to hold the fingerprint index's upper levels, checkpoints rare
 * during a load (the default max_wal_size of 1 GB forces one every few seconds
 * of ingest), and planner costs of local storage (with the default
 * random_page_cost a 19,000-hash lookup of frequencies chose a sequential
 * scan of the table). A real deployment sets its own in postgresql.conf.
 */
export const THROWAWAY_SETTINGS: Readonly<Record<string, string>> = {
  // At 40,000 references `fingerprint` and its indexes are about 3 GB: 2 GB keeps the upper levels and much
  // of the leaves in PostgreSQL's own cache (the rest is in the kernel's). Memory is touched only as it is
  // used, so small test clusters do not take it.
  shared_buffers: '2GB',
  max_wal_size: '8GB',
  checkpoint_timeout: '30min',
  wal_compression: 'on',
  random_page_cost: '1.1',
  effective_cache_size: '4GB',
};

const USER = 'yw';
const DATABASE = 'yuanwen';

export async function startCluster(options: { bin?: string; settings?: Record<string, string> } = {}): Promise<Cluster> {
  const bin = options.bin ?? serverBinDir();
  const asRoot = process.getuid?.() === 0;
  const dir = mkdtempSync(join(tmpdir(), 'yuanwen-pg-'));
  const data = join(dir, 'data');
  if (asRoot) {
    const { stdout } = await run('id', ['-u', 'postgres']);
    const { stdout: gid } = await run('id', ['-g', 'postgres']);
    chownSync(dir, Number(stdout.trim()), Number(gid.trim()));
  }
  const pg = (tool: string, args: string[]) =>
    asRoot ? run('runuser', ['-u', 'postgres', '--', join(bin, tool), ...args]) : run(join(bin, tool), args);
  try {
    await pg('initdb', ['-D', data, '-A', 'trust', '-U', USER, '-E', 'UTF8', '--locale=C', '--no-sync']);
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw new ClusterError(`initdb failed: ${(error as Error).message}`);
  }
  let port = 0;
  let running = false;
  const settings = { listen_addresses: '127.0.0.1', unix_socket_directories: `'${dir}'`, ...THROWAWAY_SETTINGS, ...options.settings };
  const start = async (): Promise<void> => {
    // A port is free when asked for but can be taken before the server binds it: try a few.
    for (let attempt = 0; ; attempt++) {
      port ||= await freePort();
      const opts = [`-p ${port}`, ...Object.entries(settings).map(([k, v]) => `-c ${k}=${v}`)].join(' ');
      try {
        await pg('pg_ctl', ['-D', data, '-o', opts, '-l', join(dir, 'log'), '-w', '-t', '30', 'start']);
        running = true;
        return;
      } catch (error) {
        if (attempt >= 3) throw new ClusterError(`pg_ctl start failed: ${(error as Error).message}`);
        port = 0;
      }
    }
  };
  await start();
  const cluster: Cluster = {
    get url() {
      return `postgres://${USER}@127.0.0.1:${port}/${DATABASE}`;
    },
    get port() {
      return port;
    },
    dir,
    async stop(mode = 'fast') {
      if (!running) return;
      running = false;
      await pg('pg_ctl', ['-D', data, '-m', mode, '-w', 'stop']);
    },
    start,
    async destroy() {
      try {
        await cluster.stop('immediate');
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
  try {
    await run(join(bin, 'createdb'), ['-h', '127.0.0.1', '-p', String(port), '-U', USER, DATABASE]);
  } catch (error) {
    await cluster.destroy();
    throw new ClusterError(`createdb failed: ${(error as Error).message}`);
  }
  return cluster;
}
