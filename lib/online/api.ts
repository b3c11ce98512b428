// The reference service's wire format (lib/server), shared by the service and
// its clients (the command line and the extension's online lookup). Only
// winnowed fingerprint hashes go to the service, never page text.

/** POST /v1/candidates */
export interface CandidatesRequest {
  /** The page's winnowed fingerprints (lib/engine pageFingerprints), unsigned 32-bit. */
  hashes: number[];
  /** How many references at most (default DEFAULT_CANDIDATES). */
  limit?: number;
}

export interface ServedReference {
  /** First 16 hex digits of the text's SHA-256. */
  id: string;
  sha256: string;
  headline: string;
  publisher: string;
  date: string;
  sourceUrl: string | null;
  text: string;
}

export interface CandidatesResponse {
  /** Best first. */
  references: Array<ServedReference & { shared: number }>;
  /** Figures of the whole corpus (lib/engine CorpusStats), so the page is weighed as against the whole corpus. */
  corpus: {
    references: number;
    spunForms: string[];
    df: { hashes: number[]; counts: number[] };
  };
}

/** The service's limits, also checked by clients before they send. */
export const LIMITS = {
  /** Hashes per candidates request: a 1 MB page has about 100,000 winnowed fingerprints. */
  maxHashes: 200_000,
  /** Candidates body (JSON numbers of up to 10 digits). */
  candidatesBodyBytes: 4 * 1024 * 1024,
  /** Ingest body: a pack or a batch of JSON lines. */
  ingestBodyBytes: 64 * 1024 * 1024,
  maxCandidates: 100,
};

export const DEFAULT_CANDIDATES = 20;
