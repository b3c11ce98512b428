// The reference store on PostgreSQL: ingest (idempotent by SHA-256), candidate
// references for a page's fingerprints, one reference by id.
//
// Every statement is a single-table statement filtered or grouped by the
// distribution column (ref_id) or by hash: no cross-table joins, no
// sequences, no CTE across tables. That keeps each query valid under Citus
// (router or multi-shard queries it pushes down) and under postgres_fdw
// partitions (WHERE and GROUP BY shipped to the remote node).
import { createHash } from 'node:crypto';
import type pg from 'pg';
import { DB_TIMEOUTS } from './db';
import { bundledLexicon, defaultOptions, fingerprintArticle, stockPhraseKeys, type Lexicon } from '../engine';

export interface ReferenceInput {
  headline: string;
  publisher: string;
  /** ISO date, YYYY-MM-DD. */
  date: string;
  text: string;
  sourceUrl?: string;
  /** When given (packs carry one), it must be the SHA-256 of the text's UTF-8 bytes. */
  sha256?: string;
}

export interface StoredReference {
  /** First 16 hex digits of the text's SHA-256. */
  id: string;
  sha256: string;
  headline: string;
  publisher: string;
  date: string;
  sourceUrl: string | null;
  text: string;
}

export interface IngestResult {
  /** References stored by this call... */
  added: string[];
  /** ...and references that were already there (same SHA-256): stored once. */
  existing: string[];
}

export interface CandidateReference extends StoredReference {
  /** Rare fingerprints of the page the reference holds: the ranking score. */
  shared: number;
}

export interface CandidatesResult {
  references: CandidateReference[];
  /** Figures of the whole corpus the client's engine needs (lib/engine CorpusStats). */
  corpus: {
    references: number;
    spunForms: string[];
    /** Document frequency, over the whole corpus, of every fingerprint of the returned references held by more than one. */
    df: { hashes: number[]; counts: number[] };
  };
}

export class IngestError extends Error {}

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** ref_id: the first 8 bytes of the SHA-256, as a signed 64-bit integer (PostgreSQL bigint). */
export function refIdOf(sha: string): bigint {
  return BigInt.asIntN(64, BigInt(`0x${sha.slice(0, 16)}`));
}

export function publicId(refId: string | bigint): string {
  return BigInt.asUintN(64, BigInt(refId)).toString(16).padStart(16, '0');
}

/** Public id (16 hex digits) -> ref_id, or undefined when it is not one. */
export function parsePublicId(id: string): bigint | undefined {
  return /^[0-9a-f]{16}$/.test(id) ? BigInt.asIntN(64, BigInt(`0x${id}`)) : undefined;
}

/** Engine hashes are unsigned 32-bit; PostgreSQL integers are signed. */
export const toSql = (hash: number): number => hash | 0;
export const fromSql = (hash: number): number => hash >>> 0;

interface Row {
  ref_id: string;
  sha256: Buffer;
  headline: string;
  publisher: string;
  date: string;
  source_url: string | null;
  body: string;
}

function toStored(r: Row): StoredReference {
  return { id: publicId(r.ref_id), sha256: r.sha256.toString('hex'), headline: r.headline, publisher: r.publisher, date: r.date, sourceUrl: r.source_url, text: r.body };
}

/**
 * A named (prepared) statement: each connection plans it once and reuses the
 * plan, which over eight partitions took 2-4 ms of every lookup.
 */
function prepared(name: string, text: string, values: unknown[]): pg.QueryConfig {
  return { name: `yw_${name}`, text, values };
}

/** A candidate must share at least this many rare fingerprints with the page: one alone is chance. */
const MIN_SHARED = 2;
/** How long the corpus size and the spun forms may be reused before being read again (milliseconds). */
const CORPUS_FIGURES_TTL = 2_000;

/**
 * When posting_recent is folded into posting and fingerprint_df
 * (ReferenceStore.fold). A fold walks the posting and fingerprint_df indexes
 * in key order, touching pages in proportion to their size, so it waits for a
 * share of the corpus rather than a fixed number: the work per reference
 * stays flat as the corpus grows, and posting_recent, which every lookup
 * probes, stays a small fraction of it.
 */
export const FOLD = {
  /** Fold once this share of the corpus waits in posting_recent... */
  corpusShare: 1 / 16,
  /** ...but never for fewer than this many references (small corpora)... */
  minReferences: 500,
  /** ...or once no ingest came for this long (milliseconds). */
  quietMs: 2_000,
  /** Memory for the sort of one fold's postings (a few million rows at 100,000 references). */
  workMem: '256MB',
  /** Advisory lock key of the one folder. */
  lock: 727101,
};

export class ReferenceStore {
  private readonly lexicon: Lexicon = bundledLexicon();
  private readonly stock = stockPhraseKeys(this.lexicon);
  private figures?: { at: number; references: number; spunForms: string[] };
  /** References this instance ingested since its last fold. */
  private unfolded = 0;
  /** The corpus size last read (figures are dropped at every ingest; the fold schedule needs a size anyway). */
  private knownSize = 0;
  private foldTimer?: NodeJS.Timeout;
  private folding?: Promise<void>;
  private foldAgain = false;
  private closing = false;

  constructor(private readonly pool: pg.Pool) {}

  /** Stores references not stored yet, with their fingerprints, in one transaction. */
  async ingest(inputs: readonly ReferenceInput[]): Promise<IngestResult> {
    const bySha = new Map<string, ReferenceInput>();
    for (const input of inputs) {
      const sha = sha256Hex(input.text);
      if (input.sha256 !== undefined && input.sha256.toLowerCase() !== sha) {
        throw new IngestError(`reference "${input.headline}": sha256 ${input.sha256} does not match its text (${sha})`);
      }
      bySha.set(sha, input);
    }
    const shas = [...bySha.keys()];
    // Fingerprinted before the transaction (0.6 ms per reference), so no connection waits on it;
    // a reference already stored is fingerprinted for nothing, which is cheaper than asking first.
    const prints = shas.map((sha) => {
      const fp = fingerprintArticle(bySha.get(sha)!.text, this.lexicon, this.stock, defaultOptions);
      return { hashes: Int32Array.from(new Set(fp.hashes), toSql).sort(), spun: fp.spun };
    });
    const client = await this.pool.connect();
    // A connection lost between two statements is reported by the next one; the event itself needs a listener.
    const ignore = (): void => {};
    client.on('error', ignore);
    const query = <R extends pg.QueryResultRow>(text: string, values?: unknown[]) =>
      client.query<R>({ text, values, query_timeout: DB_TIMEOUTS.ingest + DB_TIMEOUTS.grace } as pg.QueryConfig);
    try {
      await query('begin');
      await query(`set local statement_timeout = ${DB_TIMEOUTS.ingest}`);
      // A commit lost in a crash (the last few hundred milliseconds) loses whole batches, never half of one,
      // and the client re-sends a batch it got no answer for: stored by SHA-256, nothing is lost or doubled.
      await query('set local synchronous_commit = off');
      const inserted = await query<{ ref_id: string }>(
        `insert into reference (ref_id, sha256, headline, publisher, date, source_url, body, hashes)
         select ref_id, sha256, headline, publisher, date, source_url, body, string_to_array(hashes, ',')::integer[]
         from unnest($1::bigint[], $2::bytea[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[])
           as t(ref_id, sha256, headline, publisher, date, source_url, body, hashes)
         on conflict do nothing
         returning ref_id`,
        [
          shas.map((s) => refIdOf(s).toString()),
          shas.map((s) => Buffer.from(s, 'hex')),
          shas.map((s) => bySha.get(s)!.headline),
          shas.map((s) => bySha.get(s)!.publisher),
          shas.map((s) => bySha.get(s)!.date),
          shas.map((s) => bySha.get(s)!.sourceUrl ?? null),
          shas.map((s) => bySha.get(s)!.text),
          // unnest cannot take an array of arrays of different lengths: each reference's hashes travel as one text.
          prints.map((p) => p.hashes.join(',')),
        ],
      );
      const added = new Set(inserted.rows.map((r) => publicId(r.ref_id)));
      const postHash: number[] = [];
      const postRef: string[] = [];
      const spun = new Set<string>();
      shas.forEach((sha, i) => {
        if (!added.has(publicId(refIdOf(sha)))) return;
        const refId = refIdOf(sha).toString();
        for (const h of prints[i]!.hashes) {
          postHash.push(h);
          postRef.push(refId);
        }
        for (const form of prints[i]!.spun) spun.add(form);
      });
      if (postHash.length > 0) {
        // Into posting_recent (migration 004); fold() moves them on. Sorted, so the btree is walked in key order.
        await query('insert into posting_recent (hash, ref_id) select * from unnest($1::integer[], $2::bigint[]) order by 1, 2', [postHash, postRef]);
      }
      if (spun.size > 0) await query('insert into spun_form (form) select unnest($1::text[]) on conflict do nothing', [[...spun].sort()]);
      await query('commit');
      if (added.size > 0) {
        this.figures = undefined;
        this.unfolded += added.size;
        this.scheduleFold();
      }
      const ids = shas.map((s) => publicId(refIdOf(s)));
      return { added: ids.filter((id) => added.has(id)), existing: ids.filter((id) => !added.has(id)) };
    } catch (error) {
      await client.query('rollback').catch(() => {});
      throw error;
    } finally {
      client.off('error', ignore);
      client.release();
    }
  }

  async get(id: string): Promise<StoredReference | undefined> {
    const refId = parsePublicId(id);
    if (refId === undefined) return undefined;
    const r = await this.pool.query<Row>('select ref_id, sha256, headline, publisher, date, source_url, body from reference where ref_id = $1', [refId.toString()]);
    return r.rows[0] && toStored(r.rows[0]);
  }

  async count(): Promise<number> {
    return (await this.corpusFigures()).references;
  }

  private async corpusFigures(): Promise<{ references: number; spunForms: string[] }> {
    const now = Date.now();
    if (!this.figures || now - this.figures.at > CORPUS_FIGURES_TTL) {
      const [n, forms] = await Promise.all([
        this.pool.query<{ n: number }>('select count(*)::integer as n from reference'),
        this.pool.query<{ form: string }>('select form from spun_form order by form'),
      ]);
      this.figures = { at: now, references: n.rows[0]!.n, spunForms: forms.rows.map((r) => r.form) };
      this.knownSize = this.figures.references;
    }
    return this.figures;
  }

  /**
   * The references sharing the most rare fingerprints with a page. "Rare" is
   * the engine's own rule (lib/engine candidates: held by at most
   * maxRefsPerFingerprint references, and by at most boilerplateDocShare of
   * the corpus), so stock phrasing does not rank.
   *
   * All statements run in one REPEATABLE READ snapshot, so a fold committing
   * meanwhile (rows leaving posting_recent, counts arriving in fingerprint_df)
   * is seen wholly or not at all.
   */
  async candidates(pageHashes: readonly number[], limit: number): Promise<CandidatesResult> {
    const figures = await this.corpusFigures();
    const n = figures.references;
    const maxDf = Math.min(defaultOptions.maxRefsPerFingerprint, n >= 4 ? Math.max(1, Math.floor(n * defaultOptions.boilerplateDocShare)) : n);
    const hashes = [...new Set(pageHashes.map(toSql))];
    const empty: CandidatesResult = { references: [], corpus: { references: n, spunForms: figures.spunForms, df: { hashes: [], counts: [] } } };
    const client = await this.pool.connect();
    const ignore = (): void => {};
    client.on('error', ignore);
    const query = <R extends pg.QueryResultRow>(name: string, text: string, values: unknown[]) => client.query<R>(prepared(name, text, values));
    let done = false;
    try {
      await client.query('begin isolation level repeatable read read only');
      const pageDf = await this.frequencies(query, 'page', hashes, 'all');
      const rare = hashes.filter((h) => pageDf.get(h)! <= maxDf && pageDf.get(h)! > 0);
      if (rare.length === 0) return empty;
      // A reference's postings are all in one table or all in the other: the two top lists merge exactly.
      const rank = (table: string) =>
        query<{ ref_id: string; shared: number }>(
          `rank_${table}`,
          `select ref_id, count(*)::integer as shared from ${table} where hash = any($1::integer[])
           group by ref_id having count(*) >= $2 order by shared desc, ref_id limit $3`,
          [rare, MIN_SHARED, limit],
        );
      const ranked = [...(await rank('posting')).rows, ...(await rank('posting_recent')).rows]
        .sort((a, b) => b.shared - a.shared || compareBigint(a.ref_id, b.ref_id))
        .slice(0, limit);
      if (ranked.length === 0) return empty;
      const rows = await query<Row & { hashes: number[] }>(
        'served',
        'select ref_id, sha256, headline, publisher, date, source_url, body, hashes from reference where ref_id = any($1::bigint[])',
        [ranked.map((r) => r.ref_id)],
      );
      const refHashes = new Set<number>();
      for (const r of rows.rows) for (const h of r.hashes) refHashes.add(h);
      const servedDf = await this.frequencies(query, 'served', [...refHashes], 'shared');
      await client.query('commit');
      done = true;
      const byId = new Map(rows.rows.map((r) => [r.ref_id, r]));
      const shared = [...servedDf].filter(([, df]) => df > 1).sort((a, b) => a[0] - b[0]);
      return {
        references: ranked.flatMap((r) => {
          const row = byId.get(r.ref_id);
          return row ? [{ ...toStored(row), shared: r.shared }] : [];
        }),
        corpus: {
          references: n,
          spunForms: figures.spunForms,
          df: { hashes: shared.map(([h]) => fromSql(h)), counts: shared.map(([, df]) => df) },
        },
      };
    } finally {
      // Read only: ending it any way is the same; after an error the connection may be gone.
      if (!done) await client.query('rollback').catch(() => {});
      client.off('error', ignore);
      client.release();
    }
  }

  /**
   * Document frequencies of `hashes`: folded counts (fingerprint_df) plus the
   * postings not folded yet (posting_recent). `shared` asks only for those
   * held by more than one reference, the ones a served reference's weights
   * need: the folded part is then read from the partial index
   * fingerprint_df_shared (migration 003), and only hashes also in
   * posting_recent, a few, are probed in the whole table.
   */
  private async frequencies(
    query: <R extends pg.QueryResultRow>(name: string, text: string, values: unknown[]) => Promise<pg.QueryResult<R>>,
    name: string,
    hashes: number[],
    which: 'all' | 'shared',
  ): Promise<Map<number, number>> {
    const df = new Map<number, number>(hashes.map((h) => [h, 0]));
    const folded = await query<{ hash: number; df: number }>(
      `${name}_df`,
      which === 'all' ? 'select hash, df from fingerprint_df where hash = any($1::integer[])' : 'select hash, df from fingerprint_df where hash = any($1::integer[]) and df > 1',
      [hashes],
    );
    for (const r of folded.rows) df.set(r.hash, r.df);
    const recent = await query<{ hash: number; n: number }>(
      `${name}_recent`,
      'select hash, count(*)::integer as n from posting_recent where hash = any($1::integer[]) group by hash',
      [hashes],
    );
    if (which === 'shared') {
      // Held once in fingerprint_df and again in posting_recent: the partial index left the folded 1 out.
      const unread = recent.rows.map((r) => r.hash).filter((h) => df.get(h) === 0);
      if (unread.length > 0) {
        const once = await query<{ hash: number; df: number }>(`${name}_once`, 'select hash, df from fingerprint_df where hash = any($1::integer[])', [unread]);
        for (const r of once.rows) df.set(r.hash, r.df);
      }
    }
    for (const r of recent.rows) df.set(r.hash, df.get(r.hash)! + r.n);
    return df;
  }

  /**
   * Moves every posting of posting_recent that this transaction sees into
   * `posting`, sorted by hash, and adds their counts to fingerprint_df. One
   * folder at a time (all service instances): a session advisory lock, taken
   * before the snapshot, so the snapshot sees the previous fold committed.
   * REPEATABLE READ: the rows deleted are exactly the rows copied; ingests
   * committing meanwhile stay for the next fold. Returns the postings moved,
   * or undefined when another folder holds the lock.
   */
  async fold(): Promise<number | undefined> {
    const client = await this.pool.connect();
    const ignore = (): void => {};
    client.on('error', ignore);
    const query = (text: string) => client.query({ text, query_timeout: DB_TIMEOUTS.fold + DB_TIMEOUTS.grace } as pg.QueryConfig);
    let locked = false;
    try {
      locked = (await query(`select pg_try_advisory_lock(${FOLD.lock}) as ok`)).rows[0].ok === true;
      if (!locked) return undefined;
      await query('begin isolation level repeatable read');
      await query(`set local statement_timeout = ${DB_TIMEOUTS.fold}`);
      // The sort of a fold's postings in memory rather than in temporary files.
      await query(`set local work_mem = '${FOLD.workMem}'`);
      await query('set local synchronous_commit = off');
      const moved = await query('insert into posting (hash, ref_id) select hash, ref_id from posting_recent order by hash, ref_id');
      if (moved.rowCount) {
        await query(
          `insert into fingerprint_df (hash, df) select hash, count(*) from posting_recent group by hash order by hash
           on conflict (hash) do update set df = fingerprint_df.df + excluded.df`,
        );
        await query('delete from posting_recent');
      }
      await query('commit');
      return moved.rowCount ?? 0;
    } catch (error) {
      await client.query('rollback').catch(() => {});
      throw error;
    } finally {
      if (locked) await client.query(`select pg_advisory_unlock(${FOLD.lock})`).catch(() => {});
      client.off('error', ignore);
      client.release();
    }
  }

  /** Folds when enough references wait (a share of the corpus), or once ingest has been quiet for a moment. */
  private scheduleFold(): void {
    if (this.closing) return;
    clearTimeout(this.foldTimer);
    const due = Math.max(FOLD.minReferences, Math.floor(this.knownSize * FOLD.corpusShare));
    if (this.unfolded >= due) void this.runFold();
    else this.foldTimer = setTimeout(() => void this.runFold(), FOLD.quietMs);
  }

  private async runFold(): Promise<void> {
    if (this.folding) {
      this.foldAgain = true;
      return this.folding;
    }
    const pending = this.unfolded;
    this.folding = (async () => {
      try {
        // Another instance folding: its fold takes these rows too.
        await this.fold();
        this.unfolded = Math.max(0, this.unfolded - pending);
      } catch {
        // Database down or restarted: the rows wait in posting_recent, exact for lookups, for the next fold.
      } finally {
        this.folding = undefined;
      }
    })();
    await this.folding;
    if (this.foldAgain && !this.closing) {
      this.foldAgain = false;
      this.scheduleFold();
    }
  }

  /** Stops scheduling folds and waits for one in progress (before the pool ends). */
  async close(): Promise<void> {
    this.closing = true;
    clearTimeout(this.foldTimer);
    await this.folding;
  }
}

function compareBigint(a: string, b: string): number {
  const x = BigInt(a);
  const y = BigInt(b);
  return x < y ? -1 : x > y ? 1 : 0;
}
