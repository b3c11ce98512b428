// Faults, with the real parts: PostgreSQL stopped in the middle of a crawl
// check and of an ingest, the crawler killed and interrupted, the service
// restarted under load. Nothing is lost, nothing is counted twice, nothing
// hangs.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { crawl as runCrawl } from '../../lib/cli/crawl';
import { ingestReferences } from '../../lib/cli/ingest';
import { LookupError, fetchCandidates, lookupHashes } from '../../lib/online/client';
import { startService, type RunningService } from '../../lib/server/service';
import { repoRoot } from '../cli/helpers';
import { INGEST_KEY, startTestService, testCorpus } from './fixture';

const tmp = mkdtempSync(join(tmpdir(), 'yuanwen-faults-'));
let service: RunningService;
const { corpus, references } = testCorpus(60, 31);
const synthetic = references.slice(-60);

beforeAll(async () => {
  service = await startTestService();
  await ingestReferences(synthetic, { url: service.url, key: INGEST_KEY }, { stderr: { write: () => true } });
  // A crawl: the seed files and synthetic references as pages, 25 files.
  const dir = join(tmp, 'crawl');
  mkdirSync(join(dir, 'b'), { recursive: true });
  for (const f of Object.keys(corpus.files).filter((f) => !f.startsWith('synthetic'))) writeFileSync(join(dir, f), corpus.files[f]!);
  for (let i = 0; i < 20; i++) writeFileSync(join(dir, i % 2 ? 'b' : '', `page-${i}.txt`), `首页 > 要闻\n${synthetic[i]!.text}`);
}, 120_000);
afterAll(async () => {
  await service?.close();
  rmSync(tmp, { recursive: true, force: true });
});

interface Run {
  child: ChildProcess;
  stderr: () => string;
  done: Promise<number>;
}

function crawl(out: string, extra: string[] = []): Run {
  const child = spawn(process.execPath, ['--import', 'tsx', join(repoRoot, 'lib/cli/verify.ts'), join(tmp, 'crawl'), '--jsonl', '--server', service.url, '--out', out, ...extra], {
    cwd: repoRoot,
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const done = new Promise<number>((resolve) => child.on('exit', (code, signal) => resolve(code ?? (signal === 'SIGKILL' ? -9 : -1))));
  return { child, stderr: () => stderr, done };
}

/** The finished lines of a results file (a line still being written, or cut by a crash, is not one). */
const lines = (file: string): Array<{ file: string; verdict?: string; error?: string; matches?: unknown[] }> => {
  if (!existsSync(file)) return [];
  const text = readFileSync(file, 'utf8');
  return text
    .slice(0, text.lastIndexOf('\n') + 1)
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as { file: string });
};

async function until(what: string, test: () => boolean, ms = 60_000): Promise<void> {
  const start = Date.now();
  while (!test()) {
    if (Date.now() - start > ms) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Every file once, and the same reports as a run without faults. */
function expectComplete(out: string, reference: string): void {
  const got = lines(out);
  const want = lines(reference);
  expect(got).toHaveLength(25);
  expect(new Set(got.map((l) => l.file)).size).toBe(25);
  const byFile = new Map(want.map((l) => [l.file, l]));
  for (const l of got) expect(l).toEqual(byFile.get(l.file));
}

describe('crawl check', () => {
  const reference = join(tmp, 'reference.jsonl');
  beforeAll(async () => {
    // In process: the run without faults that the others are compared with.
    const code = await runCrawl({ dir: join(tmp, 'crawl'), out: reference, server: { url: service.url }, parallel: 4, giveUpAfterMs: 10_000 }, { stderr: { write: () => true }, stderrIsTTY: false });
    expect(code).toBe(0);
    expect(lines(reference).filter((l) => l.verdict && l.verdict !== 'unmatched').length).toBeGreaterThanOrEqual(20);
  }, 120_000);

  it('PostgreSQL stopped mid-crawl: the client says so, waits, and finishes when it is back', async () => {
    const out = join(tmp, 'outage.jsonl');
    const run = crawl(out);
    await until('some results', () => lines(out).length >= 4);
    await service.cluster!.stop('immediate');
    await until('the outage reported', () => /reference service unavailable \(HTTP 503: database unavailable/.test(run.stderr()));
    const during = lines(out).length;
    expect(during).toBeLessThan(25);
    await service.cluster!.start();
    expect(await run.done).toBe(0);
    expect(run.stderr()).toMatch(/service back, going on/);
    expectComplete(out, reference);
  }, 120_000);

  it('PostgreSQL down for longer than --give-up-after: stops with status 3, resumes afterwards, nothing counted twice', async () => {
    const out = join(tmp, 'giveup.jsonl');
    const first = crawl(out, ['--give-up-after', '1']);
    await until('some results', () => lines(out).length >= 4);
    await service.cluster!.stop('immediate');
    expect(await first.done).toBe(3);
    expect(first.stderr()).toMatch(/stopped: .* run the same command again to resume/);
    const partial = lines(out).length;
    await service.cluster!.start();
    const second = crawl(out);
    expect(await second.done).toBe(0);
    expect(second.stderr()).toMatch(new RegExp(`resuming: ${partial} of 25 files`));
    expectComplete(out, reference);
  }, 120_000);

  it('killed (a crash) and interrupted (Ctrl-C): the next run resumes', async () => {
    const out = join(tmp, 'killed.jsonl');
    const first = crawl(out);
    await until('some results', () => lines(out).length >= 3);
    first.child.kill('SIGKILL');
    await first.done;
    // A crash can leave half a line: the next run drops it and does that file again.
    writeFileSync(out, `${readFileSync(out, 'utf8')}{"file":"b/page-1.txt","verd`);
    const second = crawl(out);
    await until('more results', () => lines(out).length >= 8);
    second.child.kill('SIGINT');
    expect(await second.done).toBe(130);
    expect(second.stderr()).toMatch(/interrupted: \d+ of 25 files done/);
    expect(await crawl(out).done).toBe(0);
    expectComplete(out, reference);
  }, 120_000);
});

describe('ingest', () => {
  const dfConsistent = async (s: RunningService) => {
    // Frequencies (migration 004) count each stored reference's fingerprints exactly once.
    const r = await s.pool.query<{ df: string; postings: string; refs: string; distinct: string }>(
      'select (select sum(df) from fingerprint) as df, (select sum(cardinality(hashes)) from reference) as postings, (select count(*) from reference) as refs, (select count(distinct sha256) from reference) as distinct',
    );
    const row = r.rows[0]!;
    expect(row.df).toBe(row.postings);
    expect(row.refs).toBe(row.distinct);
    return Number(row.refs);
  };

  it('PostgreSQL stopped mid-ingest: the client waits and resumes; every reference stored once, document frequencies exact', async () => {
    const fresh = testCorpus(120, 77).references.slice(-120);
    const before = await dfConsistent(service);
    let batches = 0;
    let stderr = '';
    const sending = ingestReferences(fresh, { url: service.url, key: INGEST_KEY }, { stderr: { write: (s: string) => (stderr += s) } }, { batchSize: 10, onBatch: () => batches++ });
    await until('two batches', () => batches >= 2);
    await service.cluster!.stop('immediate');
    await until('the outage reported', () => /unavailable/.test(stderr));
    await service.cluster!.start();
    const outcome = await sending;
    expect(outcome.added + outcome.existing).toBe(120);
    expect(stderr).toMatch(/service back/);
    expect(await dfConsistent(service)).toBe(before + 120);
  }, 120_000);

  it('an ingest that gave up resumes from its journal; sending everything again adds nothing', async () => {
    const fresh = testCorpus(80, 99).references.slice(-80);
    const journal = join(tmp, 'ingest-journal');
    const before = await dfConsistent(service);
    let batches = 0;
    const quiet = { stderr: { write: () => true } };
    const first = ingestReferences(fresh, { url: service.url, key: INGEST_KEY }, quiet, { batchSize: 10, journal, giveUpAfterMs: 500, onBatch: () => batches++ });
    await until('two batches', () => batches >= 2);
    await service.cluster!.stop('immediate');
    await expect(first).rejects.toBeInstanceOf(LookupError);
    await service.cluster!.start();
    const second = await ingestReferences(fresh, { url: service.url, key: INGEST_KEY }, quiet, { batchSize: 10, journal });
    expect(second.batches).toBeLessThan(8);
    expect(await dfConsistent(service)).toBe(before + 80);
    const again = await ingestReferences(fresh, { url: service.url, key: INGEST_KEY }, quiet, { batchSize: 40 });
    expect(again).toEqual({ added: 0, existing: 80, batches: 2 });
    expect(await dfConsistent(service)).toBe(before + 80);
  }, 120_000);
});

describe('the service restarted under load', () => {
  it('no request hangs, lookups fail cleanly while it is down and succeed after; the database stays consistent', async () => {
    const url = service.cluster!.url;
    const port = service.port;
    const hashes = lookupHashes(corpus.files['003_a7f0dd59911b8b69.txt']!);
    const server = { url: service.url, timeoutMs: 5_000 };
    let stop = false;
    const outcomes: string[] = [];
    const load = Promise.all(
      Array.from({ length: 6 }, async () => {
        while (!stop) {
          try {
            const r = await fetchCandidates(server, hashes, 5);
            outcomes.push(r.references.length > 0 ? 'ok' : 'empty');
          } catch (error) {
            outcomes.push(error instanceof LookupError ? error.failure.kind : 'other');
            await new Promise((r) => setTimeout(r, 20));
          }
        }
      }),
    );
    const ingest = ingestReferences(testCorpus(30, 5).references.slice(-30), { url: service.url, key: INGEST_KEY }, { stderr: { write: () => true } }, { batchSize: 5 });
    await until('some answers', () => outcomes.filter((o) => o === 'ok').length >= 10);
    // Stop the HTTP side only (in-flight requests are finished first), then start a new one on the same port and database.
    await service.app.close();
    await new Promise((r) => setTimeout(r, 300));
    const restarted = await startService({ databaseUrl: url, port, seed: false });
    const okBefore = outcomes.filter((o) => o === 'ok').length;
    await until('answers after the restart', () => outcomes.filter((o) => o === 'ok').length >= okBefore + 10);
    stop = true;
    await load;
    await ingest;
    expect(outcomes).toContain('unreachable');
    expect(outcomes).not.toContain('other');
    expect(outcomes).not.toContain('empty');
    const r = await restarted.pool.query<{ df: string; postings: string }>('select (select sum(df) from fingerprint) as df, (select sum(cardinality(hashes)) from reference) as postings');
    expect(r.rows[0]!.df).toBe(r.rows[0]!.postings);
    await restarted.app.close();
    await restarted.pool.end();
  }, 120_000);
});
