// `npm run verify -- DIR --jsonl [--server URL]`: checks a whole crawl.
//
// Every .txt/.html/.htm file under DIR gets one JSON line in the results file
// (default DIR.yuanwen.jsonl, or --out FILE): the report as --json prints it,
// plus "file" (the path under DIR), or {"file", "error"} when the file cannot
// be read. A line is written only when its file is finished, in one write, so
// the results file is also the journal a resumed run reads: files with a line
// are skipped, a line cut short by a crash is dropped and its file done again.
// Nothing is lost and nothing is counted twice.
//
// With --server, a lookup the service cannot answer now (unreachable, its
// database stopped: 503) is retried with backoff; the run says so on stderr,
// waits, and goes on when the service is back. After --give-up-after seconds
// it stops, and the same command resumes later.
import { closeSync, existsSync, ftruncateSync, openSync, readdirSync, readFileSync, statSync, writeSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { loadCorpus } from '../corpus/node';
import { buildIndex, verify, type CorpusIndex } from '../engine';
import type { Report, Verdict } from '../engine/types';
import { LookupError, verifyOnline, type ServerConfig } from '../online/client';
import { InputError, readInput, type InputKind } from './decode';
import { htmlToText } from './html';
import { ProgressBar } from './progress';

export interface CrawlOptions {
  dir: string;
  /** The results file (JSON lines); also what a resumed run reads. */
  out: string;
  server?: ServerConfig;
  kind?: InputKind;
  /** Files in flight at once (lookups overlap; alignment runs one at a time). */
  parallel: number;
  /** Stop retrying an unavailable service after this long (milliseconds). */
  giveUpAfterMs: number;
}

export interface CrawlIo {
  stderr: { write(chunk: string): unknown };
  stderrIsTTY: boolean;
  /** Aborted on Ctrl-C: the run stops at once; files in flight are done again on resume. */
  signal?: AbortSignal;
}

export const EXIT_CRAWL_OK = 0;
/** The service stayed unavailable: run the same command again to resume. */
export const EXIT_CRAWL_UNAVAILABLE = 3;
export const EXIT_CRAWL_INTERRUPTED = 130;

const PAGE_FILE = /\.(txt|html?)$/i;

export const defaultResultsFile = (dir: string): string => `${resolve(dir)}.yuanwen.jsonl`;

/** Every page file under dir, as paths relative to it, sorted. Hidden files and folders are skipped. */
export function crawlFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string): void => {
    for (const entry of readdirSync(d, { withFileTypes: true })) {
      if (entry.name.startsWith('.')) continue;
      const path = join(d, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.isFile() && PAGE_FILE.test(entry.name)) out.push(relative(dir, path));
    }
  };
  walk(dir);
  return out.sort();
}

interface JournalLine {
  file: string;
  verdict?: Verdict;
  error?: string;
}

/** Reads the results of earlier runs; cuts off a last line a crash left unfinished. */
export function readJournal(out: string): Map<string, JournalLine> {
  const done = new Map<string, JournalLine>();
  if (!existsSync(out)) return done;
  const text = readFileSync(out, 'utf8');
  const complete = text.lastIndexOf('\n') + 1;
  if (complete < text.length) {
    const fd = openSync(out, 'r+');
    ftruncateSync(fd, Buffer.byteLength(text.slice(0, complete), 'utf8'));
    closeSync(fd);
  }
  for (const line of text.slice(0, complete).split('\n')) {
    if (line.trim() === '') continue;
    try {
      const parsed = JSON.parse(line) as JournalLine;
      if (typeof parsed.file === 'string') done.set(parsed.file, parsed);
    } catch {
      // A damaged line: its file is done again.
    }
  }
  return done;
}

const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve) => {
    const t = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => (clearTimeout(t), resolve()), { once: true });
  });

class Interrupted extends Error {}
class GaveUp extends Error {}

export async function crawl(opts: CrawlOptions, io: CrawlIo): Promise<number> {
  const files = crawlFiles(opts.dir).filter((f) => resolve(opts.dir, f) !== resolve(opts.out));
  const journal = readJournal(opts.out);
  const todo = files.filter((f) => !journal.has(f));
  const bar = new ProgressBar(io.stderr, files.length, io.stderrIsTTY, files.length - todo.length);
  if (journal.size > 0 && todo.length > 0) io.stderr.write(`resuming: ${files.length - todo.length} of ${files.length} files already in ${opts.out}\n`);

  let localIndex: CorpusIndex | undefined;
  const check = async (text: string): Promise<Report> => {
    if (!opts.server) return verify(text, (localIndex ??= buildIndex(loadCorpus())));
    return (await verifyOnline(text, { ...opts.server, signal: io.signal })).report;
  };

  const fd = openSync(opts.out, 'a');
  let done = files.length - todo.length;
  let outage: string | undefined;
  const retrying = async (text: string): Promise<Report> => {
    let delay = 500;
    let since: number | undefined;
    for (;;) {
      if (io.signal?.aborted) throw new Interrupted();
      try {
        const report = await check(text);
        if (outage) {
          outage = undefined;
          bar.update(done, 'service back, going on');
        }
        return report;
      } catch (error) {
        if (io.signal?.aborted) throw new Interrupted();
        if (!(error instanceof LookupError) || !error.retryable) throw error;
        since ??= Date.now();
        if (Date.now() - since > opts.giveUpAfterMs) throw new GaveUp(error.message);
        if (outage === undefined) {
          outage = error.message;
          if (io.stderrIsTTY) io.stderr.write('\n');
          io.stderr.write(`${error.message}: waiting and retrying (results so far are kept)\n`);
        }
        const wait = error.failure.kind === 'unavailable' && error.failure.retryAfterSeconds ? Math.min(error.failure.retryAfterSeconds * 1000, 8_000) : delay;
        await sleep(wait, io.signal);
        delay = Math.min(delay * 2, 8_000);
      }
    }
  };

  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < todo.length) {
      if (io.signal?.aborted) throw new Interrupted();
      const file = todo[next++]!;
      let line: Record<string, unknown>;
      try {
        const input = readInput(join(opts.dir, file), opts.kind);
        const text = input.kind === 'html' ? htmlToText(input.text) : input.text;
        if (text.trim() === '') throw new InputError(`${file}: the page has no visible text, nothing to verify`);
        const report = await retrying(text);
        line = { file, ...report, input: { encoding: input.encoding, kind: input.kind, length: text.length } };
      } catch (error) {
        if (error instanceof Interrupted || error instanceof GaveUp) throw error;
        line = { file, error: (error as Error).message.replace(/\s*[\r\n]+\s*/g, ' ') };
      }
      if (io.signal?.aborted) throw new Interrupted();
      writeSync(fd, `${JSON.stringify(line)}\n`);
      journal.set(file, line as unknown as JournalLine);
      done++;
      bar.update(done);
    }
  };

  try {
    bar.update(done);
    await Promise.all(Array.from({ length: Math.max(1, opts.parallel) }, worker));
  } catch (error) {
    bar.finish();
    if (error instanceof Interrupted) {
      io.stderr.write(`interrupted: ${done} of ${files.length} files done, in ${opts.out}; run the same command again to resume\n`);
      return EXIT_CRAWL_INTERRUPTED;
    }
    if (error instanceof GaveUp) {
      io.stderr.write(`stopped: ${error.message} for more than ${Math.round(opts.giveUpAfterMs / 1000)} s; ${done} of ${files.length} files done, in ${opts.out}; run the same command again to resume\n`);
      return EXIT_CRAWL_UNAVAILABLE;
    }
    throw error;
  } finally {
    closeSync(fd);
  }
  bar.finish();
  const tally = new Map<string, number>();
  for (const f of files) {
    const l = journal.get(f);
    const key = l?.error !== undefined ? 'unreadable' : (l?.verdict ?? 'missing');
    tally.set(key, (tally.get(key) ?? 0) + 1);
  }
  io.stderr.write(`${files.length} files: ${[...tally].map(([k, n]) => `${n} ${k}`).join(', ')}; results in ${opts.out}\n`);
  return EXIT_CRAWL_OK;
}

/** Whether a path names a directory (a crawl), without throwing for a missing one. */
export function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}
