// Sending references to the reference service: a pack (lib/pack format) or a
// JSON-lines file of references ({headline, publisher, date, text, sourceUrl?}
// per line), in batches. Ingest is idempotent on the service (SHA-256), and a
// journal (FILE.ingest-journal) remembers the batches the service confirmed,
// so a run stopped by Ctrl-C or by a database outage resumes where it was,
// and nothing is stored twice in any case.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { LookupError, request, type ServerConfig } from '../online/client';
import { describePackProblem, readPack } from '../pack';

export interface WireReference {
  headline: string;
  publisher: string;
  date: string;
  text: string;
  sourceUrl?: string;
}

export interface IngestOutcome {
  added: number;
  existing: number;
  batches: number;
}

export class IngestInputError extends Error {}

/** The references in a pack or a JSON-lines file. */
export async function readReferences(file: string): Promise<WireReference[]> {
  const text = readFileSync(file, 'utf8');
  const start = text.trimStart();
  if (start.startsWith('{') && /"format"\s*:\s*"yuanwen-pack"/.test(text.slice(0, 2000))) {
    const result = await readPack(text);
    if (!result.ok) throw new IngestInputError(`${file}: ${describePackProblem(result.problem)}`);
    return result.pack.texts.flatMap((t) =>
      t.articles
        .filter((a) => a.role === 'reference')
        .map((a) => {
          const url = a.sources?.find((s) => s.url)?.url;
          return { headline: a.headline, publisher: a.publisher, date: a.date, text: t.content.slice(a.start, a.end), ...(url ? { sourceUrl: url } : {}) };
        }),
    );
  }
  const refs: WireReference[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    if (lines[i]!.trim() === '') continue;
    try {
      refs.push(JSON.parse(lines[i]!) as WireReference);
    } catch {
      throw new IngestInputError(`${file}: line ${i + 1} is not JSON (expected a pack or one reference per line)`);
    }
  }
  return refs;
}

export interface IngestIo {
  stderr: { write(chunk: string): unknown };
  signal?: AbortSignal;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Sends references in batches; waits out an unavailable service for up to giveUpAfterMs per batch. */
export async function ingestReferences(
  refs: readonly WireReference[],
  server: ServerConfig,
  io: IngestIo,
  opts: { batchSize?: number; journal?: string; giveUpAfterMs?: number; onBatch?: (done: number) => void } = {},
): Promise<IngestOutcome> {
  const batchSize = opts.batchSize ?? 200;
  const giveUp = opts.giveUpAfterMs ?? 300_000;
  let first = 0;
  if (opts.journal && existsSync(opts.journal)) {
    const j = JSON.parse(readFileSync(opts.journal, 'utf8')) as { sent: number; total: number };
    if (j.total === refs.length) first = j.sent;
    if (first > 0) io.stderr.write(`resuming: ${first} of ${refs.length} references already sent\n`);
  }
  const outcome: IngestOutcome = { added: 0, existing: 0, batches: 0 };
  for (let at = first; at < refs.length; at += batchSize) {
    const batch = refs.slice(at, at + batchSize);
    const body = batch.map((r) => JSON.stringify(r)).join('\n');
    let delay = 500;
    const since = Date.now();
    let reported = false;
    for (;;) {
      if (io.signal?.aborted) throw new IngestInputError(`interrupted: ${at} of ${refs.length} references sent; run again to resume`);
      try {
        const r = await request<{ added: string[]; existing: string[] }>({ timeoutMs: 180_000, ...server }, 'POST', 'v1/references', body, 'application/x-ndjson');
        outcome.added += r.added.length;
        outcome.existing += r.existing.length;
        outcome.batches++;
        if (reported) io.stderr.write('service back, going on\n');
        break;
      } catch (error) {
        if (!(error instanceof LookupError) || !error.retryable || Date.now() - since > giveUp) throw error;
        if (!reported) io.stderr.write(`${error.message}: waiting and retrying (batch from reference ${at + 1})\n`);
        reported = true;
        await sleep(delay);
        delay = Math.min(delay * 2, 8_000);
      }
    }
    if (opts.journal) writeFileSync(opts.journal, JSON.stringify({ sent: Math.min(at + batchSize, refs.length), total: refs.length }));
    opts.onBatch?.(Math.min(at + batchSize, refs.length));
  }
  return outcome;
}
