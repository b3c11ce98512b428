// The extension's online lookup (option "online lookup", off by default):
// the page's winnowed fingerprints go to the reader's configured reference
// service, the served references come back, and the page is verified here
// against them. Answers are cached per page (by its fingerprints), so a page
// checked again or re-rendered costs no request. When the service cannot be
// reached the page is verified against the bundled corpus instead, and the
// result says so, for the UI to mention quietly.
import { verify, type CorpusIndex, type Lexicon, type Report, type Sensitivity } from '../engine';

/** The page checked against the local corpus (the bundled seeds and the reader's library). */
export type LocalVerify = () => Report | Promise<Report>;
import type { OnlineLookup } from '../settings';
import type { CandidatesResponse } from './api';
import { describeFailure, fetchCandidates, indexFromCandidates, LookupError, lookupHashes } from './client';

export type LookupSource =
  | { kind: 'local' }
  | { kind: 'online'; server: string; references: number }
  /** The service could not answer: verified against the bundled corpus. */
  | { kind: 'fallback'; server: string; reason: string };

export interface LookupResult {
  report: Report;
  source: LookupSource;
}

/** Pages whose answers are kept (least recently used go first). */
const CACHE_PAGES = 50;
/** How long a cached answer is used (milliseconds): a corpus grows. */
const CACHE_MS = 10 * 60_000;

export class OnlineLookupClient {
  private readonly cache = new Map<string, { at: number; index: CorpusIndex; references: number }>();

  constructor(private readonly lexicon: Lexicon) {}

  /** Requests sent so far (for tests of the cache). */
  requests = 0;

  async verify(text: string, online: OnlineLookup, local: LocalVerify, sensitivity: Sensitivity): Promise<LookupResult> {
    if (!online.enabled || !online.serverUrl) return { report: await local(), source: { kind: 'local' } };
    const hashes = lookupHashes(text, this.lexicon);
    const cacheKey = `${online.serverUrl}\n${digest(hashes)}`;
    let hit = this.cache.get(cacheKey);
    if (hit && Date.now() - hit.at > CACHE_MS) hit = undefined;
    if (!hit) {
      let response: CandidatesResponse;
      try {
        this.requests++;
        response = await fetchCandidates({ url: online.serverUrl, key: online.key || undefined, timeoutMs: 8_000 }, hashes);
      } catch (error) {
        const reason = error instanceof LookupError ? describeFailure(error.failure) : String(error);
        return { report: await local(), source: { kind: 'fallback', server: online.serverUrl, reason } };
      }
      hit = { at: Date.now(), index: indexFromCandidates(response, this.lexicon), references: response.references.length };
      this.cache.delete(cacheKey);
      this.cache.set(cacheKey, hit);
      while (this.cache.size > CACHE_PAGES) this.cache.delete(this.cache.keys().next().value!);
    }
    return { report: verify(text, hit.index, { sensitivity }), source: { kind: 'online', server: online.serverUrl, references: hit.references } };
  }
}

/** A short digest of a page's fingerprints: the cache key (FNV-1a over the hashes). */
function digest(hashes: readonly number[]): string {
  let h = 0x811c9dc5;
  for (const x of hashes) h = Math.imul(h ^ x, 0x01000193) >>> 0;
  return `${hashes.length}:${h.toString(16)}`;
}
