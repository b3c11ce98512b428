// Starting and stopping the whole service: database (a throwaway cluster
// unless a URL is given), migrations, optional seed references, keys, HTTP.
import type { FastifyInstance } from 'fastify';
import type pg from 'pg';
import { loadCorpus } from '../corpus/node';
import { buildService, type ServiceOptions } from './app';
import { startCluster, type Cluster } from './cluster';
import { createPool, migrate } from './db';
import { addKey } from './keys';
import { attachWorker, workerFromUrl } from './nodes';
import { ReferenceStore, type ReferenceInput } from './store';

export interface StartOptions extends Partial<Omit<ServiceOptions, 'store' | 'pool'>> {
  /** A real deployment; without it a throwaway cluster is started in a temporary folder. */
  databaseUrl?: string;
  /** A second node holding half of the partitions (nodes.ts); with no databaseUrl, 2 starts a throwaway worker too. */
  workerUrl?: string;
  nodes?: 1 | 2;
  /** 0 (default): a free port. */
  port?: number;
  host?: string;
  /** Load the bundled seed references (default: only on a throwaway cluster). */
  seed?: boolean;
  /** Keys to store (hashed) at start: name -> { key, canIngest }. */
  keys?: Record<string, { key: string; canIngest: boolean }>;
}

export interface RunningService {
  url: string;
  port: number;
  app: FastifyInstance;
  pool: pg.Pool;
  store: ReferenceStore;
  /** The throwaway cluster, when one was started... */
  cluster?: Cluster;
  /** ...and the throwaway worker node. */
  worker?: Cluster;
  close(): Promise<void>;
}

/** The bundled seeds as references: one per article of role "reference". */
export function seedReferences(): ReferenceInput[] {
  const corpus = loadCorpus();
  return corpus.entries
    .filter((e) => e.role === 'reference')
    .map((e) => ({ headline: e.headline, publisher: e.publisher, date: e.date, text: corpus.files[e.file]!.slice(e.start, e.end) }));
}

export async function startService(options: StartOptions = {}): Promise<RunningService> {
  const cluster = options.databaseUrl ? undefined : await startCluster();
  const worker = !options.workerUrl && !options.databaseUrl && options.nodes === 2 ? await startCluster().catch(async (e: unknown) => (await cluster?.destroy(), Promise.reject(e))) : undefined;
  const pool = createPool(options.databaseUrl ?? cluster!.url);
  const workerUrl = options.workerUrl ?? worker?.url;
  try {
    // The worker first: a migration on the coordinator may read its partitions through postgres_fdw.
    if (workerUrl) {
      const workerPool = createPool(workerUrl, 1);
      try {
        await migrate(workerPool);
      } finally {
        await workerPool.end();
      }
    }
    await migrate(pool);
    if (workerUrl) await attachWorker(pool, workerFromUrl(workerUrl));
    const store = new ReferenceStore(pool);
    if (options.seed ?? cluster !== undefined) await store.ingest(seedReferences());
    for (const [name, k] of Object.entries(options.keys ?? {})) await addKey(pool, name, k.key, k.canIngest);
    const app = await buildService({
      store,
      pool,
      readAccess: options.readAccess ?? 'open',
      ratePerMinute: options.ratePerMinute ?? 600,
      extensionOrigins: options.extensionOrigins ?? [],
      log: options.log ?? false,
    });
    await store.warm();
    const host = options.host ?? '127.0.0.1';
    await app.listen({ port: options.port ?? 0, host });
    const address = app.server.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    let closed = false;
    return {
      url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
      port,
      app,
      pool,
      store,
      cluster,
      worker,
      async close() {
        if (closed) return;
        closed = true;
        await app.close().catch(() => {});
        await pool.end().catch(() => {});
        await Promise.all([cluster?.destroy(), worker?.destroy()]);
      },
    };
  } catch (error) {
    await pool.end().catch(() => {});
    await Promise.all([cluster?.destroy(), worker?.destroy()]);
    throw error;
  }
}
