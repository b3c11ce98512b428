// The reference store on PostgreSQL: ingest (idempotent by SHA-256), candidate
// references for a page's fingerprints, one reference by id.
//
// Every statement is a single-table statement filtered or grouped by the
// distribution column (ref_id) or by hash: no cross-table joins, no
// sequences, no CTE across tables. That keeps each query valid under Citus
// (router or multi-shard queries it pushes down) and under postgres_fdw
// partitions (WHERE shipped to the remote node). Tables: `reference`
// (distributed by ref_id) and `fingerprint` (by hash, migration 004).
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
    /**
     * Document frequency, over the whole corpus, of every fingerprint of the returned references held by more
     * than one. Exact up to LISTED_UP_TO; LISTED_UP_TO + 1 means "more than LISTED_UP_TO" (migration 005), which
     * the engine treats alike: it ignores every fingerprint held by more than min(256, corpus/2).
     */
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

/**
 * An integer array parameter as PostgreSQL's array text ({1,-2,3}). Given a
 * JavaScript array, pg builds the same text through a call per element: about
 * 1 ms of the event loop for a page's 4,500 hashes.
 */
export const intArrayLiteral = (xs: Iterable<number>): string => `{${Array.from(xs).join(',')}}`;

/** The integers of a comma-separated text (array_to_string), none for an empty one. */
export const splitIntegers = (text: string): number[] => (text === '' ? [] : text.split(',').map(Number));

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


/** A candidate must share at least this many rare fingerprints with the page: one alone is chance. */
const MIN_SHARED = 2;
/**
 * A lookup reads by hash (the lists of the page's fingerprints, the
 * frequencies of the served references' earlier ones) in this many parts at
 * once, each on its own connection (ReferenceStore.inParts). PostgreSQL 15
 * descends the index once per element of `= ANY`, on one core per statement.
 * Measured at 100,006 synthetic references on the 2-core machine (seed 002,
 * 3,386 fingerprints): one statement counting the lists 12.8-15.3 ms at the
 * median, two halves on two connections counted by the service 8.2-11.0 ms.
 * More parts than cores only queue.
 */
export const LOOKUP_PARTS = 2;
/** How long the corpus size and the spun forms may be reused before being read again (milliseconds). */
const CORPUS_FIGURES_TTL = 2_000;
/**
 * The corpus tally (migration 007) is folded into one row when it has more
 * rows than this: its sum then visits at most about this many rows (under a
 * millisecond), and a fold is rare (one per this many ingests).
 */
export const TALLY_COMPACT_AT = 1_000;
/** How long the service's copy of the frequent fingerprints is used before being read again (milliseconds). */
const FREQUENT_TTL = 5_000;

/**
 * A fingerprint keeps its list of references while its df is at most this:
 * the engine never ranks by one held by more (maxRefsPerFingerprint), and df
 * only grows, so a longer list would never be read.
 */
export const LISTED_UP_TO = defaultOptions.maxRefsPerFingerprint;

/**
 * The statements of a lookup and of the figures read beside it, each named
 * (prepared): each connection plans it once and reuses the plan, which over
 * eight partitions took 2-4 ms of every lookup. `sample` is a harmless
 * argument list that ReferenceStore.warm runs it with.
 */
const STATEMENTS = {
  rank_lists: {
    text: `select hash, df, array_to_string(refs, ',') as refs from fingerprint where hash = any($1::integer[]) and df <= $2`,
    sample: ['{0}', 1],
  },
  // `earlier` as one text: pg's array parser costs a callback per element on the event loop.
  served: {
    text: `select ref_id, sha256, headline, publisher, date, source_url, body, array_to_string(earlier, ',') as earlier from reference where ref_id = any($1::bigint[])`,
    // Ids in every partition (hash partitioning spreads 0..63 over all eight), so that a warmed connection
    // has opened the postgres_fdw connection to the worker node too.
    sample: [intArrayLiteral(Array.from({ length: 64 }, (_, i) => i))],
  },
  first_held: { text: 'select hash, df from fingerprint where refs[1] = any($1::bigint[]) and df > 1', sample: ['{0}'] },
  shared_df: { text: 'select hash, df from fingerprint where hash = any($1::integer[]) and df > 1', sample: ['{0}'] },
  tally: { text: 'select coalesce(sum(added), 0)::integer as n, count(*)::integer as rows from corpus_tally', sample: [] },
  spun_forms: { text: 'select form from spun_form order by form', sample: [] },
  frequent: { text: `select string_agg(hash::text, ',') as hashes from fingerprint where df > ${LISTED_UP_TO}`, sample: [] },
} as const;
type Statement = keyof typeof STATEMENTS;

function prepared(name: Statement, values: readonly unknown[]): pg.QueryConfig {
  return { name: `yw_${name}`, text: STATEMENTS[name].text, values: [...values] };
}

/**
 * The batch's fingerprints into `fingerprint` (migrations 004 to 006): $1 each reference's fingerprints as one
 * comma-separated text, $2 its ref_id, $3 LISTED_UP_TO. Answers the shared rows touched, with their first holder.
 */
export const UPSERT_FINGERPRINTS = `with touched as (
   insert into fingerprint (hash, df, refs)
   select hash, count(*), case when count(*) <= $3 then array_agg(ref_id) else (array_agg(ref_id))[1:1] end
   from unnest($1::text[], $2::bigint[]) as t(hashes, ref_id), unnest(string_to_array(hashes, ',')::integer[]) as hash
   group by hash order by hash
   on conflict (hash) do update set df = fingerprint.df + excluded.df,
     refs = case when fingerprint.df + excluded.df <= $3 then fingerprint.refs || excluded.refs else fingerprint.refs[1:1] end
   returning hash, df, refs[1] as first
 )
 select hash, coalesce(first::text, '') as first from touched where df > 1`;

/** Writes the batch's `earlier` lists (migration 006): $1 the ref_ids, $2 a JSON object of ref_id -> hashes. */
export const UPDATE_EARLIER = `update reference set earlier = translate($2::json ->> ref_id::text, '[]', '{}')::integer[] where ref_id = any($1::bigint[])`;

export class ReferenceStore {
  private readonly lexicon: Lexicon = bundledLexicon();
  private readonly stock = stockPhraseKeys(this.lexicon);
  private figures?: { at: number; references: number; spunForms: string[] };
  private frequent?: { at: number; set: Set<number> };
  private refreshFrequent?: Promise<void>;
  private refreshFigures?: Promise<void>;
  private figuresGeneration = 0;
  private compacting?: Promise<void>;

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
      const frequent = await this.frequentHashes();
      // Per added reference, the fingerprints of it the upsert touches...
      const posted: Array<{ refId: string; hashes: number[] }> = [];
      const spun = new Set<string>();
      // ...and those it does not hold first (migration 006): known frequent ones now, and below those another
      // reference held already or holds first within this batch.
      const earlier = new Map<string, number[]>();
      shas.forEach((sha, i) => {
        if (!added.has(publicId(refIdOf(sha)))) return;
        const refId = refIdOf(sha).toString();
        const mine: number[] = [];
        const touched: number[] = [];
        earlier.set(refId, mine);
        // Held by more than LISTED_UP_TO references already (migration 005): its df is all it keeps, and
        // "more than LISTED_UP_TO" is all anyone reads of it, so its row is not touched.
        for (const h of prints[i]!.hashes) (frequent.has(h) ? mine : touched).push(h);
        if (touched.length > 0) posted.push({ refId, hashes: touched });
        for (const form of prints[i]!.spun) spun.add(form);
      });
      if (posted.length > 0) {
        // One row per fingerprint (migration 004), sorted by hash: two concurrent ingests lock shared rows in
        // the same order and cannot deadlock. A list is kept while the fingerprint can still be rare; it
        // starts with its first holder (of the batch that brought it, the one listed first), which stays
        // when the fingerprint becomes frequent (migration 006). Each shared row answers with its first holder,
        // which tells every reference of the batch whether it holds that fingerprint first. Only shared rows
        // (about a tenth) come back, so the service does not parse a row for every fingerprint it sent.
        // Each reference's fingerprints travel as one text, unnested in the statement: a (hash, ref_id) pair
        // per fingerprint made the service write, and PostgreSQL parse, the same ref_id 780 times.
        const shared = await query<{ hash: number; first: string }>(
          UPSERT_FINGERPRINTS,
          [posted.map((p) => p.hashes.join(',')), posted.map((p) => p.refId), LISTED_UP_TO],
        );
        // A fingerprint not among them is held by this reference alone. '': a list emptied before migration
        // 006, first holder unknown, so no reference of this batch is it.
        const first = new Map(shared.rows.map((r) => [r.hash, r.first]));
        for (const { refId, hashes } of posted) {
          const mine = earlier.get(refId)!;
          for (const h of hashes) {
            const holder = first.get(h);
            if (holder !== undefined && holder !== refId) mine.push(h);
          }
        }
      }
      const withEarlier = [...earlier].filter(([, hs]) => hs.length > 0);
      if (withEarlier.length > 0) {
        // Filtered by the distribution column: only the partitions (shards) of these references, by their key.
        // Joined with the batch's rows instead (UPDATE ... FROM unnest), the plan scanned every partition,
        // the foreign ones whole, on every batch: the two-node ingest slowed as the corpus grew.
        await query(
          UPDATE_EARLIER,
          [withEarlier.map(([id]) => id), JSON.stringify(Object.fromEntries(withEarlier.map(([id, hs]) => [id, hs.sort((a, b) => a - b)])))],
        );
      }
      if (spun.size > 0) await query('insert into spun_form (form) select unnest($1::text[]) on conflict do nothing', [[...spun].sort()]);
      // The corpus size (migration 007), in the transaction that stores the references it counts.
      if (added.size > 0) await query('insert into corpus_tally (added) values ($1)', [added.size]);
      await query('commit');
      if (added.size > 0) {
        // This service's next lookup counts the references afresh (another service's within CORPUS_FIGURES_TTL).
        this.figures = undefined;
        this.figuresGeneration++;
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

  /**
   * The fingerprints held by more than LISTED_UP_TO references (the partial
   * index fingerprint_frequent, migration 005), read again every
   * FREQUENT_TTL. A fingerprint in it stays there (df only grows), so a stale
   * copy only misses recent ones, whose rows are then updated as before:
   * never a wrong answer.
   */
  private async frequentHashes(): Promise<Set<number>> {
    if (!this.frequent) await this.readFrequent();
    else if (Date.now() - this.frequent.at > FREQUENT_TTL) this.refreshFrequent ??= this.readFrequent().finally(() => (this.refreshFrequent = undefined));
    return this.frequent!.set;
  }

  /**
   * Reads the frequent fingerprints. Past FREQUENT_TTL a caller is answered
   * with the copy it has while a new one is read beside it, so no lookup
   * waits for the read (70 ms on average while two senders ingest at 20,000
   * references: test/bench/server-profile.ts).
   */
  private async readFrequent(): Promise<void> {
    const at = Date.now();
    try {
      // One text, not one row per fingerprint: the service parses rows on its event loop, in one stretch
      // that would hold up any lookup in flight.
      const r = await this.pool.query<{ hashes: string | null }>(prepared('frequent', []));
      this.frequent = { at, set: new Set(splitIntegers(r.rows[0]?.hashes ?? '')) };
    } catch (error) {
      // A read in the background that fails (the database is down) leaves the copy as it was; the next call tries again.
      if (!this.frequent) throw error;
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
    if (!this.figures) await this.readFigures();
    else if (Date.now() - this.figures.at > CORPUS_FIGURES_TTL) this.refreshFigures ??= this.readFigures().finally(() => (this.refreshFigures = undefined));
    return this.figures!;
  }

  /** As readFrequent: past CORPUS_FIGURES_TTL a lookup is answered with the figures it has while new ones are read. */
  private async readFigures(): Promise<void> {
    const at = Date.now();
    const generation = this.figuresGeneration;
    try {
      const [tally, forms] = await Promise.all([
        this.pool.query<{ n: number; rows: number }>(prepared('tally', [])),
        this.pool.query<{ form: string }>(prepared('spun_forms', [])),
      ]);
      const { n, rows } = tally.rows[0]!;
      // Folded beside the lookups, not in their way; a failure leaves the rows as they were, still exact.
      if (rows > TALLY_COMPACT_AT) this.compacting ??= this.compactTally().catch(() => {}).finally(() => (this.compacting = undefined));
      // An ingest by this service meanwhile made these figures old before they arrived.
      if (generation === this.figuresGeneration) this.figures = { at, references: n, spunForms: forms.rows.map((r) => r.form) };
      else if (!this.figures) await this.readFigures();
    } catch (error) {
      if (!this.figures) throw error;
    }
  }

  /**
   * Folds the tally's rows into one (migration 007). Each row is deleted by
   * one statement only (a second compaction at the same time waits for the
   * first's deletions and skips them), and its count goes into the row that
   * statement inserts, so the sum never changes; ingests meanwhile insert rows
   * this statement does not see, and they stay.
   */
  async compactTally(): Promise<void> {
    await this.pool.query('with gone as (delete from corpus_tally returning added) insert into corpus_tally (added) select sum(added) from gone having sum(added) > 0');
  }

  /**
   * The `limit` references holding the most of these fingerprints among those
   * held by at most maxDf references (and at least MIN_SHARED), most first,
   * then by ref_id, and the df of every fingerprint read. The fingerprints are
   * looked up in LOOKUP_PARTS parts at once and the lists counted here: the index
   * descents, one per fingerprint (PostgreSQL 15 starts each element of
   * `= ANY` from the root), are most of a lookup's time, and one statement
   * runs them on one core. Under Citus each part fans out to the shards of
   * its hashes.
   */
  private async rank(hashes: readonly number[], maxDf: number, limit: number): Promise<{ ranked: Array<{ refId: string; shared: number }>; seen: Map<number, number> }> {
    // The lists as text: one string per fingerprint, not a parsed element per reference.
    const rows = await this.inParts<{ hash: number; df: number; refs: string }>('rank_lists', hashes, [maxDf]);
    const seen = new Map(rows.map((r) => [r.hash, r.df]));
    const shared = new Map<string, number>();
    for (const row of rows) for (const id of row.refs === '' ? [] : row.refs.split(',')) shared.set(id, (shared.get(id) ?? 0) + 1);
    // Only references that can be among the first `limit` are sorted: at least MIN_SHARED, and at least the
    // limit-th largest count (thousands of references share two or three fingerprints with a page).
    const counts = Int32Array.from(shared.values()).sort().reverse();
    const floor = Math.max(MIN_SHARED, counts[Math.min(limit, counts.length) - 1] ?? MIN_SHARED);
    const ranked: Array<{ refId: string; shared: number; key: bigint }> = [];
    for (const [refId, n] of shared) if (n >= floor) ranked.push({ refId, shared: n, key: BigInt(refId) });
    // ref_id breaks ties as a number (a signed bigint), so every service ranks alike.
    ranked.sort((a, b) => b.shared - a.shared || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    return { ranked: ranked.slice(0, limit).map(({ refId, shared: n }) => ({ refId, shared: n })), seen };
  }

  /**
   * Runs a statement whose $1 is a list of hashes in LOOKUP_PARTS parts at
   * once, each on its own connection (then $2... are `rest`): the rows of all
   * parts. Under Citus each part fans out to the shards of its hashes.
   */
  private async inParts<R extends pg.QueryResultRow>(name: Statement, hashes: readonly number[], rest: unknown[]): Promise<R[]> {
    const n = Math.min(LOOKUP_PARTS, hashes.length);
    const parts = Array.from({ length: n }, (_, p) => hashes.filter((_, i) => i % n === p));
    const results = await Promise.all(parts.map((part) => this.pool.query<R>(prepared(name, [intArrayLiteral(part), ...rest]))));
    return results.flatMap((r) => r.rows);
  }

  /**
   * Opens every connection of the pool and runs each statement of STATEMENTS
   * on it once with its harmless sample, so that no request is the first on a
   * connection: a new connection is a new PostgreSQL backend with cold
   * catalog caches, nothing prepared and, in the two-node layout, no
   * postgres_fdw connection to the worker yet; a lookup that met one took
   * 70-170 ms instead of about 35 (100,006 references; lib/server/db.ts keeps
   * the connections). A failure is left to the first request to report.
   */
  async warm(): Promise<void> {
    const clients = await Promise.all(Array.from({ length: this.pool.options.max }, () => this.pool.connect().catch(() => undefined)));
    try {
      await Promise.all(
        clients.map(async (c) => {
          for (const name of Object.keys(STATEMENTS) as Statement[]) await c?.query(prepared(name, STATEMENTS[name].sample)).catch(() => {});
        }),
      );
    } finally {
      for (const c of clients) c?.release();
    }
  }

  /**
   * The references sharing the most rare fingerprints with a page. "Rare" is
   * the engine's own rule (lib/engine candidates: held by at most
   * maxRefsPerFingerprint references, and by at most boilerplateDocShare of
   * the corpus), so stock phrasing does not rank.
   */
  async candidates(pageHashes: readonly number[], limit: number): Promise<CandidatesResult> {
    const figures = await this.corpusFigures();
    const n = figures.references;
    const maxDf = Math.min(defaultOptions.maxRefsPerFingerprint, n >= 4 ? Math.max(1, Math.floor(n * defaultOptions.boilerplateDocShare)) : n);
    // Fingerprints known to be frequent are not looked up: their df is above any maxDf.
    const frequent = await this.frequentHashes();
    const hashes = [...new Set(pageHashes.map(toSql))].filter((h) => !frequent.has(h));
    const empty: CandidatesResult = { references: [], corpus: { references: n, spunForms: figures.spunForms, df: { hashes: [], counts: [] } } };
    const { ranked, seen } = await this.rank(hashes, maxDf, limit);
    if (ranked.length === 0) return empty;
    const ids = ranked.map((r) => r.refId);
    // The frequencies of the served references' fingerprints held by more than one reference, found in two
    // ways (migration 006): the fingerprints a served reference holds first and another reference holds too
    // (the index fingerprint_first_holder), and those it does not hold first (its `earlier`, a tenth of its
    // fingerprints, most of them known to be frequent), probed in fingerprint_shared (migration 004). Before,
    // every fingerprint of the served references was probed: about 16,000 for 20 references, nine in ten of
    // them held by that reference alone. The first-held read runs on a second connection beside the served
    // rows and then the probe, so a lookup waits for the longer of the two paths, not for both.
    // Any df above LISTED_UP_TO is given as LISTED_UP_TO + 1 ("more than", all the engine reads of it), so the
    // answer does not depend on how recent this service's copy of the frequent fingerprints is.
    const above = LISTED_UP_TO + 1;
    const servedAndProbed = (async () => {
      const rows = await this.pool.query<Row & { earlier: string }>(prepared('served', [ids]));
      // Known without a probe: the frequent ones (df above LISTED_UP_TO), and those the page holds too, whose
      // rows the ranking has just read (an `earlier` fingerprint was shared when it was written, so its df
      // read then is above 1). A fingerprint one served reference holds first and another holds later is
      // also found by the first-held read; probing it too costs one index entry and gives the same df.
      const known = new Map<number, number>();
      const probe = new Set<number>();
      for (const r of rows.rows)
        for (const h of splitIntegers(r.earlier)) {
          const read = seen.get(h);
          if (frequent.has(h)) known.set(h, above);
          else if (read !== undefined && read > 1) known.set(h, read);
          else probe.add(h);
        }
      const probed = await this.inParts<{ hash: number; df: number }>('shared_df', [...probe], []);
      return { rows: rows.rows, known, probed };
    })();
    const [{ rows, known, probed }, firstHeld] = await Promise.all([
      servedAndProbed,
      this.pool.query<{ hash: number; df: number }>(prepared('first_held', [ids])),
    ]);
    const df = new Map<number, number>();
    for (const [h, n] of known) df.set(h, n);
    for (const r of firstHeld.rows) df.set(r.hash, Math.min(r.df, above));
    for (const r of probed) df.set(r.hash, Math.min(r.df, above));
    const dfs = [...df].sort((a, b) => a[0] - b[0]);
    const byId = new Map(rows.map((r) => [r.ref_id, r]));
    return {
      references: ranked.flatMap((r) => {
        const row = byId.get(r.refId);
        return row ? [{ ...toStored(row), shared: r.shared }] : [];
      }),
      corpus: {
        references: n,
        spunForms: figures.spunForms,
        df: { hashes: dfs.map((d) => fromSql(d[0])), counts: dfs.map((d) => d[1]) },
      },
    };
  }
}
