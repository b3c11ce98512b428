// `npm run serve`: the reference service.
//
//   npm run serve                         throwaway PostgreSQL in a temporary folder, bundled seeds loaded
//   DATABASE_URL=postgres://… npm run serve   a real deployment (migrations applied at start)
//   npm run serve -- add-key NAME [--ingest]  (with DATABASE_URL) create a key; printed once, stored hashed
//   npm run serve -- ingest FILE --server URL [--key KEY]   send a pack or a JSON-lines file of references
//
// Environment: PORT (default: a free port), HOST (default 127.0.0.1),
// YUANWEN_INGEST_KEY (stored at start as key "ingest", may add references),
// YUANWEN_WORKER_URL (a second PostgreSQL holding half of the partitions
// through postgres_fdw, see nodes.ts; a fresh deployment only),
// YUANWEN_READ=key (lookups need a key too), YUANWEN_RATE (requests per
// minute per key, default 600), YUANWEN_EXTENSION_ORIGINS (comma-separated
// chrome-extension://… / moz-extension://… origins allowed by CORS; default
// any extension origin), YUANWEN_LOG=1 (method, route and status per request
// on stderr; never bodies).
import { parseArgs } from 'node:util';
import { IngestInputError, ingestReferences, readReferences } from '../cli/ingest';
import { LookupError } from '../online/client';
import { createPool, migrate } from './db';
import { addKey, newKey } from './keys';
import { startService } from './service';

const env = process.env;

async function addKeyCommand(argv: string[]): Promise<number> {
  const { positionals, values } = parseArgs({ args: argv, allowPositionals: true, options: { ingest: { type: 'boolean', default: false } } });
  const name = positionals[0];
  if (!name || !env.DATABASE_URL) {
    process.stderr.write('usage: DATABASE_URL=postgres://… npm run serve -- add-key NAME [--ingest]\n');
    return 2;
  }
  const pool = createPool(env.DATABASE_URL);
  try {
    await migrate(pool);
    const key = newKey();
    await addKey(pool, name, key, values.ingest === true);
    process.stdout.write(`${key}\n`);
  } finally {
    await pool.end();
  }
  return 0;
}

async function ingestCommand(argv: string[]): Promise<number> {
  const { positionals, values } = parseArgs({ args: argv, allowPositionals: true, options: { server: { type: 'string' }, key: { type: 'string' }, batch: { type: 'string' } } });
  const file = positionals[0];
  if (!file || !values.server) {
    process.stderr.write('usage: npm run serve -- ingest FILE --server URL [--key KEY] [--batch N]   (FILE: a pack or JSON lines; key also from YUANWEN_KEY)\n');
    return 2;
  }
  const controller = new AbortController();
  process.once('SIGINT', () => controller.abort());
  try {
    const refs = await readReferences(file);
    const started = Date.now();
    const out = await ingestReferences(
      refs,
      { url: values.server, key: values.key ?? env.YUANWEN_KEY },
      { stderr: process.stderr, signal: controller.signal },
      {
        journal: `${file}.ingest-journal`,
        batchSize: values.batch ? Number(values.batch) : undefined,
        onBatch: (done) => process.stderr.write(`\r${done}/${refs.length} references sent`),
      },
    );
    const seconds = (Date.now() - started) / 1000;
    process.stderr.write(`\n${out.added} added, ${out.existing} already there, in ${seconds.toFixed(1)} s\n`);
    return 0;
  } catch (error) {
    if (error instanceof IngestInputError || error instanceof LookupError) {
      process.stderr.write(`yuanwen ingest: ${error.message}\n`);
      return error instanceof LookupError ? 3 : 2;
    }
    throw error;
  }
}

async function serve(): Promise<void> {
  const port = env.PORT ? Number(env.PORT) : 0;
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT must be a port number (got ${env.PORT})`);
  const service = await startService({
    databaseUrl: env.DATABASE_URL,
    workerUrl: env.YUANWEN_WORKER_URL,
    port,
    host: env.HOST,
    readAccess: env.YUANWEN_READ === 'key' ? 'key' : 'open',
    ratePerMinute: env.YUANWEN_RATE ? Number(env.YUANWEN_RATE) : undefined,
    extensionOrigins: env.YUANWEN_EXTENSION_ORIGINS ? env.YUANWEN_EXTENSION_ORIGINS.split(',').map((s) => s.trim()).filter(Boolean) : [],
    log: env.YUANWEN_LOG === '1',
    keys: env.YUANWEN_INGEST_KEY ? { ingest: { key: env.YUANWEN_INGEST_KEY, canIngest: true } } : {},
  });
  process.stdout.write(`listening on ${service.url}\n`);
  let stopping = false;
  const stop = (): void => {
    if (stopping) return;
    stopping = true;
    service.close().then(
      () => process.exit(0),
      (error: unknown) => {
        process.stderr.write(`yuanwen serve: while stopping: ${(error as Error).message}\n`);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

const argv = process.argv.slice(2);
if (argv[0] === 'add-key') {
  process.exitCode = await addKeyCommand(argv.slice(1));
} else if (argv[0] === 'ingest') {
  process.exitCode = await ingestCommand(argv.slice(1));
} else if (argv.length > 0) {
  process.stderr.write(`yuanwen serve: unknown argument ${argv[0]}\nusage: npm run serve   |   npm run serve -- add-key NAME [--ingest]   |   npm run serve -- ingest FILE --server URL\n`);
  process.exitCode = 2;
} else {
  await serve().catch((error: unknown) => {
    process.stderr.write(`yuanwen serve: ${(error as Error).message}\n`);
    process.exitCode = 1;
  });
}
