// Shared by the service tests: a real service on a throwaway PostgreSQL
// cluster (never a mock), keys, synthetic references, and a raw HTTP helper.
import { loadCorpus } from '../../lib/corpus/node';
import type { CorpusSource } from '../../lib/engine/types';
import type { WireReference } from '../../lib/cli/ingest';
import { startService, type RunningService, type StartOptions } from '../../lib/server/service';
import { syntheticCorpus } from '../bench/synth';

export const INGEST_KEY = 'yw_test_ingest_key_0123456789';
export const READ_KEY = 'yw_test_read_key_0123456789';

export function startTestService(options: StartOptions = {}): Promise<RunningService> {
  return startService({
    seed: true,
    keys: { ingest: { key: INGEST_KEY, canIngest: true }, reader: { key: READ_KEY, canIngest: false } },
    ...options,
  });
}

/** The seeds plus n synthetic references (test/bench/synth.ts), and the same as wire references. */
export function testCorpus(n: number, seed = 11): { corpus: CorpusSource; references: WireReference[] } {
  const corpus = syntheticCorpus(loadCorpus(), n, seed);
  const references = corpus.entries
    .filter((e) => e.role === 'reference')
    .map((e) => ({ headline: e.headline, publisher: e.publisher, date: e.date, text: corpus.files[e.file]!.slice(e.start, e.end) }));
  return { corpus, references };
}

export interface RawResponse {
  status: number;
  headers: Headers;
  body: { error?: string } & Record<string, unknown>;
}

export async function http(url: string, method: string, body?: string | object, headers: Record<string, string> = {}): Promise<RawResponse> {
  const h: Record<string, string> = { ...headers };
  if (body !== undefined && !h['content-type']) h['content-type'] = 'application/json';
  const r = await fetch(url, { method, headers: h, body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body), signal: AbortSignal.timeout(30_000) });
  const text = await r.text();
  let parsed: RawResponse['body'];
  try {
    parsed = JSON.parse(text) as RawResponse['body'];
  } catch {
    parsed = { error: `not JSON: ${text.slice(0, 80)}` };
  }
  return { status: r.status, headers: r.headers, body: parsed };
}

export const bearer = (key: string): Record<string, string> => ({ authorization: `Bearer ${key}` });
