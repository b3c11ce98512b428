// The client of the reference service: sends a page's winnowed fingerprints
// (never its text), gets the best references with the corpus figures, and
// verifies the page locally against them with the same engine. Pure: only
// fetch, so the command line and the extension's background share it.
import { buildIndex, bundledLexicon, pageFingerprints, verify, type CorpusIndex, type EngineOptions, type Lexicon, type Report, type Sensitivity } from '../engine';
import type { ArticleEntry, CorpusSource } from '../engine/types';
import { DEFAULT_CANDIDATES, LIMITS, type CandidatesResponse, type ServedReference } from './api';

export interface ServerConfig {
  /** Base URL, e.g. https://refs.example.org (no trailing /v1). */
  url: string;
  /** API key, sent as Authorization: Bearer KEY. */
  key?: string;
  /** Per request (default 10 s): a server that stops answering must not stall the client. */
  timeoutMs?: number;
  /** Cancels requests in flight (Ctrl-C of a crawl check). */
  signal?: AbortSignal;
}

export type LookupFailure =
  /** No answer: connection refused, reset, DNS, or the timeout. Retry later. */
  | { kind: 'unreachable'; detail: string }
  /** The service is up but its database is not (503), or it asks to slow down (429). Retry later. */
  | { kind: 'unavailable'; status: number; detail: string; retryAfterSeconds?: number }
  /** The request was refused (400, 401, 403, 413, ...): retrying the same request will not help. */
  | { kind: 'refused'; status: number; detail: string };

export class LookupError extends Error {
  constructor(readonly failure: LookupFailure) {
    super(describeFailure(failure));
  }

  /** Whether the same request may succeed later. */
  get retryable(): boolean {
    return this.failure.kind !== 'refused';
  }
}

export function describeFailure(f: LookupFailure): string {
  switch (f.kind) {
    case 'unreachable':
      return `reference service unreachable (${f.detail})`;
    case 'unavailable':
      return `reference service unavailable (HTTP ${f.status}: ${f.detail})`;
    case 'refused':
      return `reference service refused the request (HTTP ${f.status}: ${f.detail})`;
  }
}

const DEFAULT_TIMEOUT_MS = 10_000;

/** One request to the service; JSON in and out; every failure a LookupError. */
export async function request<T>(server: ServerConfig, method: 'GET' | 'POST', path: string, body?: unknown, contentType = 'application/json'): Promise<T> {
  const headers: Record<string, string> = {};
  if (body !== undefined) headers['content-type'] = contentType;
  if (server.key) headers.authorization = `Bearer ${server.key}`;
  let response: Response;
  try {
    response = await fetch(new URL(path, server.url.endsWith('/') ? server.url : `${server.url}/`), {
      method,
      headers,
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
      signal: server.signal
        ? AbortSignal.any([AbortSignal.timeout(server.timeoutMs ?? DEFAULT_TIMEOUT_MS), server.signal])
        : AbortSignal.timeout(server.timeoutMs ?? DEFAULT_TIMEOUT_MS),
    });
  } catch (error) {
    const e = error as Error & { cause?: { code?: string } };
    throw new LookupError({ kind: 'unreachable', detail: e.name === 'TimeoutError' ? `no answer in ${server.timeoutMs ?? DEFAULT_TIMEOUT_MS} ms` : (e.cause?.code ?? e.message) });
  }
  let data: unknown;
  try {
    data = JSON.parse(await response.text());
  } catch {
    throw new LookupError({ kind: 'unreachable', detail: `HTTP ${response.status} with a body that is not JSON` });
  }
  if (!response.ok) {
    const detail = (data as { error?: string }).error ?? response.statusText;
    if (response.status === 503 || response.status === 429 || response.status >= 500) {
      const retry = Number(response.headers.get('retry-after'));
      throw new LookupError({ kind: 'unavailable', status: response.status, detail, ...(Number.isFinite(retry) && retry > 0 ? { retryAfterSeconds: retry } : {}) });
    }
    throw new LookupError({ kind: 'refused', status: response.status, detail });
  }
  return data as T;
}

/** The page's winnowed fingerprints: all the service ever sees of a page. */
export function lookupHashes(pageText: string, lexicon: Lexicon = bundledLexicon()): number[] {
  return Array.from(pageFingerprints(pageText, lexicon));
}

export async function fetchCandidates(server: ServerConfig, hashes: readonly number[], limit = DEFAULT_CANDIDATES): Promise<CandidatesResponse> {
  if (hashes.length > LIMITS.maxHashes) hashes = hashes.slice(0, LIMITS.maxHashes);
  return request<CandidatesResponse>(server, 'POST', 'v1/candidates', { hashes, limit });
}

/** The served references as a corpus: one file per reference, named by its id, holding exactly its text. */
export function servedCorpus(references: readonly ServedReference[]): CorpusSource {
  const files: Record<string, string> = {};
  const entries: ArticleEntry[] = references.map((r) => {
    files[r.id] = r.text;
    return { id: r.id, file: r.id, start: 0, end: r.text.length, headline: r.headline, publisher: r.publisher, date: r.date, role: 'reference' };
  });
  return { entries, files };
}

/** An index of the served references that weighs fingerprints as the whole corpus on the server does. */
export function indexFromCandidates(response: CandidatesResponse, lexicon: Lexicon = bundledLexicon()): CorpusIndex {
  const df = new Map<number, number>();
  const { hashes, counts } = response.corpus.df;
  for (let i = 0; i < hashes.length; i++) df.set(hashes[i]!, counts[i]!);
  return buildIndex(servedCorpus(response.references), undefined, lexicon, {
    references: response.corpus.references,
    df: (h) => df.get(h),
    spunInReferences: response.corpus.spunForms,
  });
}

export interface OnlineResult {
  report: Report;
  /** The references the service sent; report reference offsets index their texts. */
  references: ServedReference[];
  corpus: CorpusSource;
}

/** Verifies a page against the service's corpus: lookup by fingerprints, alignment here. */
export async function verifyOnline(
  pageText: string,
  server: ServerConfig,
  lexicon: Lexicon = bundledLexicon(),
  options?: Partial<EngineOptions> & { sensitivity?: Sensitivity },
): Promise<OnlineResult> {
  const response = await fetchCandidates(server, lookupHashes(pageText, lexicon));
  const index = indexFromCandidates(response, lexicon);
  return { report: verify(pageText, index, options), references: response.references, corpus: servedCorpus(response.references) };
}
