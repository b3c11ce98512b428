// Sharding without Citus, to show it on one machine: the hash partitions of
// `reference` (migrations/001) are split between two PostgreSQL instances.
// The coordinator keeps remainders 0-3 local and reaches 4-7 on the worker
// through postgres_fdw foreign tables. The service's queries do not change:
// PostgreSQL routes inserts to the partition of each ref_id and prunes
// lookups by ref_id to one partition; async_capable lets both nodes work at
// once. `fingerprint` (migrations/004) stays whole on the coordinator:
// ingest upserts it (INSERT ... ON CONFLICT DO UPDATE), which postgres_fdw
// cannot do on a foreign table; Citus distributes it by hash.
//
// Under Citus the same split is create_distributed_table (README, "Running the
// reference service"); this module is only the stand-in.
import type pg from 'pg';

export interface WorkerNode {
  host: string;
  port: number;
  database: string;
  user: string;
}

export const PARTITIONS = 8;
/** The remainders that live on the worker. */
export const WORKER_REMAINDERS = [4, 5, 6, 7];

export function workerFromUrl(url: string): WorkerNode {
  const u = new URL(url);
  return { host: u.hostname, port: Number(u.port || 5432), database: u.pathname.slice(1) || 'postgres', user: decodeURIComponent(u.username) || 'postgres' };
}

const ident = (s: string) => `"${s.replace(/"/g, '""')}"`;
const literal = (s: string) => `'${s.replace(/'/g, "''")}'`;

/**
 * Moves partitions WORKER_REMAINDERS of `reference` to the worker. Both
 * databases must be migrated and the coordinator's moved partitions empty
 * (a fresh deployment). Idempotent: partitions already foreign are left alone.
 */
export async function attachWorker(coordinator: pg.Pool, worker: WorkerNode): Promise<void> {
  const client = await coordinator.connect();
  try {
    await client.query('begin');
    await client.query('create extension if not exists postgres_fdw');
    const exists = await client.query("select 1 from pg_foreign_server where srvname = 'yuanwen_worker'");
    if (exists.rowCount === 0) {
      await client.query(
        `create server yuanwen_worker foreign data wrapper postgres_fdw options (host ${literal(worker.host)}, port ${literal(String(worker.port))}, dbname ${literal(worker.database)}, async_capable 'true', fetch_size '10000', batch_size '1000')`,
      );
      await client.query(`create user mapping for current_user server yuanwen_worker options (user ${literal(worker.user)})`);
    }
    for (const table of ['reference']) {
      for (const r of WORKER_REMAINDERS) {
        const part = `${table}_p${r}`;
        const kind = await client.query<{ relkind: string }>('select relkind from pg_class where relname = $1', [part]);
        if (kind.rows[0]?.relkind === 'f') continue;
        const rows = await client.query(`select 1 from ${ident(part)} limit 1`);
        if (rows.rowCount) throw new Error(`${part} on the coordinator is not empty: move its rows before attaching a worker`);
        await client.query(`alter table ${ident(table)} detach partition ${ident(part)}`);
        await client.query(`drop table ${ident(part)}`);
        await client.query(
          `create foreign table ${ident(part)} partition of ${ident(table)} for values with (modulus ${PARTITIONS}, remainder ${r}) server yuanwen_worker options (table_name ${literal(part)})`,
        );
      }
    }
    await client.query('commit');
  } catch (error) {
    await client.query('rollback').catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}
