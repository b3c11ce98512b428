// The connection pool and the schema migrations (lib/server/migrations/*.sql,
// applied in name order, each once, each in its own transaction).
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

export const migrationsDir = join(dirname(fileURLToPath(import.meta.url)), 'migrations');

/** How long a request may wait on the database before it fails (milliseconds). */
export const DB_TIMEOUTS = {
  connect: 3_000,
  /** A lookup takes tens of milliseconds: ten seconds means the database is in trouble. */
  statement: 10_000,
  /** An ingest batch writes up to a few hundred thousand fingerprint rows: it gets longer, but still an end. */
  ingest: 30_000,
  /**
   * The client side of each: PostgreSQL enforces statement_timeout itself, and
   * this cuts off a server that stopped answering altogether (no reply comes
   * to enforce anything), a little after the server would have given up.
   */
  grace: 2_000,
};

export function createPool(url: string, max = 8): pg.Pool {
  const pool = new pg.Pool({
    connectionString: url,
    max,
    connectionTimeoutMillis: DB_TIMEOUTS.connect,
    // Idle connections are kept, not closed after pg's default 10 s: a new one is a new PostgreSQL backend
    // with cold catalog caches and none of the prepared statements, and a lookup that met one took 70-170
    // ms instead of about 35 (100,006 references; a lookup uses up to two connections at once and the
    // figures read beside it two more, so the pool grew and shrank every few seconds). See
    // ReferenceStore.warm.
    idleTimeoutMillis: 0,
    // Client-side too: a server that stops answering must not hold a request
    // forever. Ingest statements pass their own, longer one (store.ts).
    query_timeout: DB_TIMEOUTS.statement + DB_TIMEOUTS.grace,
    statement_timeout: DB_TIMEOUTS.statement,
    // jit=off: JIT compilation cost 190 ms of a 950 ms lookup at 10,000
    // references and never paid back on these short statements. (No statement
    // aggregates over `reference` since migration 007, so the partitionwise
    // aggregate its corpus count needed is no longer set.)
    options: '-c jit=off',
  });
  // An idle client whose server went away emits 'error'; the pool drops it. Without a listener Node would exit.
  pool.on('error', () => {});
  return pool;
}

/** Applies the migrations not applied yet; returns the names applied now. */
export async function migrate(pool: pg.Pool, dir: string = migrationsDir): Promise<string[]> {
  const client = await pool.connect();
  const applied: string[] = [];
  try {
    // One migrator at a time, whichever process gets there first.
    await client.query('select pg_advisory_lock(727100)');
    await client.query('create table if not exists schema_migration (name text primary key, applied_at timestamptz not null default now())');
    const done = new Set((await client.query<{ name: string }>('select name from schema_migration')).rows.map((r) => r.name));
    for (const name of readdirSync(dir).filter((f) => f.endsWith('.sql')).sort()) {
      if (done.has(name)) continue;
      await client.query('begin');
      try {
        await client.query(readFileSync(join(dir, name), 'utf8'));
        await client.query('insert into schema_migration (name) values ($1)', [name]);
        await client.query('commit');
      } catch (error) {
        await client.query('rollback');
        throw new Error(`migration ${name} failed: ${(error as Error).message}`);
      }
      applied.push(name);
    }
  } finally {
    await client.query('select pg_advisory_unlock(727100)').catch(() => {});
    client.release();
  }
  return applied;
}
