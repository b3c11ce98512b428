// npx tsx test/bench/server-profile.ts [--refs N] [--tree DIR] [--pg NAME=VALUE ...] [--keep]
//
// Where the reference service's time goes, without HTTP: N synthetic references
// (test/bench/synth.ts) ingested in process by ReferenceStore (two concurrent
// senders, batches of 100) on a throwaway cluster with pg_stat_statements;
// then the statements by total time, the CPU per reference of this process
// and of PostgreSQL (/proc), 100 lookups of seed 002 (p50, p99, per-statement
// time and buffers) and EXPLAIN (ANALYZE, BUFFERS) of each lookup statement.
// --tree DIR runs the lib/server of another checkout (an older commit's, say)
// in the same conditions, to compare two versions side by side.
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { loadCorpus } from '../../lib/corpus/node';
import { bundledLexicon, defaultOptions, fingerprintArticle, pageFingerprints, stockPhraseKeys } from '../../lib/engine';
import { intArrayLiteral, refIdOf, sha256Hex, UPSERT_FINGERPRINTS } from '../../lib/server/store';
import { startCluster } from '../../lib/server/cluster';
import { syntheticCorpus } from './synth';

const { values } = parseArgs({ options: { tree: { type: 'string', default: '' }, refs: { type: 'string', default: '4000' }, keep: { type: 'boolean', default: false }, pg: { type: 'string', multiple: true, default: [] } } });
// PostgreSQL settings over lib/server/cluster.ts THROWAWAY_SETTINGS (repeatable NAME=VALUE), as bench:server's --pg.
const pgSettings = Object.fromEntries(values.pg.map((kv) => [kv.slice(0, kv.indexOf('=')), kv.slice(kv.indexOf('=') + 1)]));
const root = values.tree ? resolve(values.tree) : resolve(import.meta.dirname, '../..');
const label = values.tree || 'this checkout';
const { createPool, migrate } = await import(join(root, 'lib/server/db.ts'));
const { ReferenceStore, LOOKUP_PARTS = 1 } = await import(join(root, 'lib/server/store.ts'));
const N = Number(values.refs);
const seeds = loadCorpus();
const corpus = syntheticCorpus(seeds, N);
const refs = corpus.entries.filter((e) => e.role === 'reference').map((e) => ({ headline: e.headline, publisher: e.publisher, date: e.date, text: corpus.files[e.file]!.slice(e.start, e.end) }));
const cluster = await startCluster({ settings: { shared_preload_libraries: 'pg_stat_statements', track_io_timing: 'on', ...pgSettings } });
const pmPid = Number(readFileSync(join(cluster.dir, 'data', 'postmaster.pid'), 'utf8').split('\n')[0]);
const cpuOf = (pid: number, children: boolean) => {
  let total = 0;
  const stat = (p: string | number) => { const s = readFileSync(`/proc/${p}/stat`, 'utf8'); return s.slice(s.lastIndexOf(')') + 2).split(' '); };
  const own = stat(pid);
  total += Number(own[11]) + Number(own[12]) + Number(own[13]) + Number(own[14]);
  if (children) for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try { const f = stat(d); if (Number(f[1]) === pid) total += Number(f[11]) + Number(f[12]); } catch { /* gone */ }
  }
  return total / 100;
};
const pool = createPool(cluster.url);
try {
  await migrate(pool);
  await pool.query('create extension pg_stat_statements');
  const store = new ReferenceStore(pool);
  const t0 = performance.now();
  const c0 = { me: process.cpuUsage(), pg: cpuOf(pmPid, true) };
  const halves = [refs.slice(0, refs.length >> 1), refs.slice(refs.length >> 1)];
  let done = 0;
  const tick = setInterval(() => process.stderr.write(`  ${done} at ${((performance.now() - t0) / 1000).toFixed(0)} s\n`), 10_000);
  await Promise.all(halves.map(async (h) => { for (let i = 0; i < h.length; i += 100) { await store.ingest(h.slice(i, i + 100)); done += Math.min(100, h.length - i); } }));
  clearInterval(tick);
  const wall = (performance.now() - t0) / 1000;
  const me = process.cpuUsage(c0.me);
  const pgCpu = cpuOf(pmPid, true) - c0.pg;
  console.log(`[${label}] ingest ${refs.length} in ${wall.toFixed(1)} s = ${(refs.length / wall).toFixed(0)}/s; node CPU ${((me.user + me.system) / 1000 / refs.length).toFixed(2)} ms/ref, PG CPU ${((pgCpu * 1000) / refs.length).toFixed(2)} ms/ref`);
  const top = await pool.query(`select calls, round(total_exec_time::numeric,0) as ms, round((total_exec_time/calls)::numeric,1) as per, rows, shared_blks_hit hit, shared_blks_read rd, shared_blks_dirtied dirt, wal_bytes, left(regexp_replace(query, '\\s+', ' ', 'g'), 90) q from pg_stat_statements order by total_exec_time desc limit 8`);
  console.table(top.rows);
  {
    // The pool's statement timeout (10 s) is shorter than a vacuum of 100,000 references.
    const c = await pool.connect();
    await c.query('set statement_timeout = 0');
    await c.query('vacuum analyze');
    await c.query('reset statement_timeout');
    c.release();
  }
  const size = (await pool.query('select pg_database_size(current_database()) s')).rows[0].s;
  console.log(`db ${(size / 1024 / 1024).toFixed(0)} MB = ${(size / refs.length / 1024).toFixed(1)} KB/ref`);
  const hashes = Array.from(pageFingerprints(seeds.files['002_4ec4b0ae00f95d62.txt']!, bundledLexicon()));
  for (let i = 0; i < 10; i++) await store.candidates(hashes, 20);
  await pool.query('select pg_stat_statements_reset()');
  const xs: number[] = [];
  let last;
  for (let i = 0; i < 100; i++) { const t = performance.now(); last = await store.candidates(hashes, 20); xs.push(performance.now() - t); }
  xs.sort((a, b) => a - b);
  console.log(`[${label}] candidates p50 ${xs[50]!.toFixed(1)} p99 ${xs[98]!.toFixed(1)} ms; refs ${last.references.length} top ${last.references.slice(0, 3).map((r: { id: string; shared: number }) => `${r.id}:${r.shared}`).join(' ')}; df ${last.corpus.df.hashes.length}`);
  const top2 = await pool.query(`select calls, round((total_exec_time/calls)::numeric,2) as per, rows/calls as rows, shared_blks_hit/calls hit, left(regexp_replace(query, '\\s+', ' ', 'g'), 100) q from pg_stat_statements order by total_exec_time desc limit 6`);
  console.table(top2.rows);
  {
    const n = (await pool.query('select count(*)::int n from reference')).rows[0].n;
    const freq = new Set((await pool.query('select hash from fingerprint where df > 256')).rows.map((r: { hash: number }) => r.hash));
    const look = [...new Set(hashes.map((h) => h | 0))].filter((h) => !freq.has(h));
    const maxDf = Math.min(256, Math.floor(n * 0.5));
    const ex = async (label: string, sql: string, params: unknown[]) => {
      const r = await pool.query(`explain (analyze, buffers, timing off) ${sql}`, params);
      console.log(`--- ${label}\n${r.rows.map((x: Record<string, string>) => x['QUERY PLAN']).join('\n')}`);
    };
    // One of the LOOKUP_PARTS parts the service reads at once (lib/server/store.ts rank).
    const part = look.filter((_, i) => i % LOOKUP_PARTS === 0);
    await ex(`rank_lists (one part of ${LOOKUP_PARTS}: ${part.length} of ${look.length} fingerprints)`, "select hash, df, array_to_string(refs, ',') as refs from fingerprint where hash = any($1::integer[]) and df <= $2", [part, maxDf]);
    const ids = last.references.map((r: { id: string }) => BigInt.asIntN(64, BigInt('0x' + r.id)).toString());
    await ex('served', 'select ref_id, sha256, headline, publisher, date, source_url, body, earlier from reference where ref_id = any($1::bigint[])', [ids]);
    await ex('first_held', 'select hash, df from fingerprint where refs[1] = any($1::bigint[]) and df > 1', [ids]);
    const early: number[] = (await pool.query('select earlier from reference where ref_id = any($1::bigint[])', [ids])).rows.flatMap((r: { earlier: number[] }) => r.earlier);
    const probed = [...new Set(early)].filter((h) => !freq.has(h)).sort((a, b) => a - b);
    await ex(`shared_df (the served references' earlier fingerprints not known to be frequent: ${probed.length})`, 'select hash, df from fingerprint where hash = any($1::integer[]) and df > 1', [probed]);
  }
  {
    // What one more batch of 100 new references costs at this size, in transactions rolled back: the upsert as
    // ingest sends it, and the probe of the same fingerprints alone (an index-only lookup of each, no write),
    // the least any layout pays that keeps a frequency per fingerprint. Each twice; the second is printed
    // (the first after a checkpoint also writes a full-page image of every index leaf it touches).
    const lexicon = bundledLexicon();
    const stock = stockPhraseKeys(lexicon);
    const freq = new Set((await pool.query('select hash from fingerprint where df > 256')).rows.map((r: { hash: number }) => r.hash));
    const batch = (seed: number) => {
      const more = syntheticCorpus(seeds, 100, seed);
      return more.entries.filter((e) => e.file.startsWith('synthetic')).map((e) => {
        const text = more.files[e.file]!.slice(e.start, e.end);
        const hashes = [...new Set(Array.from(fingerprintArticle(text, lexicon, stock, defaultOptions).hashes, (h) => h | 0))].filter((h) => !freq.has(h)).sort((a, b) => a - b);
        return { id: refIdOf(sha256Hex(text)).toString(), hashes };
      });
    };
    const c = await pool.connect();
    try {
      for (const [round, seed] of [[0, 1001], [1, 1002]] as const) {
        const b = batch(seed);
        const n = b.reduce((a, r) => a + r.hashes.length, 0);
        const run = async (sql: string, params: unknown[]) => {
          await c.query('begin');
          const r = await c.query(`explain (analyze, buffers, wal, timing off) ${sql}`, params);
          await c.query('rollback');
          return r.rows.map((x: Record<string, string>) => x['QUERY PLAN']).find((l: string) => l.startsWith('Execution Time'))!;
        };
        const upsert = await run(UPSERT_FINGERPRINTS, [b.map((r) => r.hashes.join(',')), b.map((r) => r.id), 256]);
        const probe = await run('select count(*) from fingerprint where hash = any($1::integer[])', [intArrayLiteral(b.flatMap((r) => r.hashes).sort((x, y) => x - y))]);
        if (round === 1) console.log(`[${label}] one more batch of 100 (${n} fingerprints not frequent): upsert ${upsert}; probe alone ${probe}`);
      }
    } finally {
      c.release();
    }
  }
  if (values.keep) { console.log(`kept: ${cluster.url}`); await new Promise(() => {}); }
} finally {
  await pool.end();
  if (!values.keep) await cluster.destroy();
}
