-- References and their fingerprints.
--
-- Distribution column: ref_id, on `reference` and `posting` alike, so that a
-- reference and its postings always live on the same node (co-located) and
-- ingesting one reference touches one shard. ref_id is the first 8 bytes of
-- the SHA-256 of the reference text, so every node derives it alike and no
-- sequence is needed (Citus: create_distributed_table('reference', 'ref_id'),
-- create_distributed_table('posting', 'ref_id', colocate_with => 'reference')).
--
-- Both tables are hash-partitioned on ref_id: on one node the partitions are
-- local; in the two-node demonstration (lib/server/nodes.ts) half of them are
-- postgres_fdw foreign tables on a second node. Keys and indexes are
-- therefore declared per partition (a partitioned table with foreign
-- partitions cannot carry a unique index of its own).

create table reference (
  ref_id     bigint      not null,
  sha256     bytea       not null,
  headline   text        not null,
  publisher  text        not null,
  date       text        not null,
  source_url text,
  body       text        not null,
  added_at   timestamptz not null default now()
) partition by hash (ref_id);

-- One row per distinct (fingerprint, reference): the winnowed, stock-filtered
-- hashes of lib/engine fingerprintArticle, stored as signed 32-bit integers.
create table posting (
  hash   integer not null,
  ref_id bigint  not null
) partition by hash (ref_id);

do $$
begin
  for i in 0..7 loop
    execute format('create table reference_p%s partition of reference for values with (modulus 8, remainder %s)', i, i);
    execute format('alter table reference_p%s add primary key (ref_id)', i);
    execute format('create table posting_p%s partition of posting for values with (modulus 8, remainder %s)', i, i);
    -- (hash, ref_id): candidate lookups by hash are index-only scans.
    execute format('alter table posting_p%s add primary key (hash, ref_id)', i);
  end loop;
end $$;

-- Document frequency of each fingerprint over the whole corpus: how many
-- references hold it. Kept at ingest, in the same transaction as the
-- postings, so a query never counts postings (stock phrasing is held by tens
-- of thousands of references). Distribution column under Citus: hash.
create table fingerprint_df (
  hash integer primary key,
  df   integer not null check (df > 0)
);

-- Spun forms (lib/engine lexicon) that occur in some reference text: weak
-- signs of spinning on a page. Small; a Citus reference table.
create table spun_form (
  form text primary key
);

-- API keys, stored as SHA-256 of the key: a leaked table reveals no key.
-- A Citus reference table.
create table api_key (
  key_hash   bytea       primary key,
  name       text        not null unique,
  can_ingest boolean     not null,
  created_at timestamptz not null default now()
);
