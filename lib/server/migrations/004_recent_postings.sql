-- Ingest writes postings here, not into `posting`, and no longer keeps
-- fingerprint_df in its own transaction. Measured (two senders, batches of
-- 100, on top of 5,000 references): with the df upsert in every ingest
-- transaction 45 references/s, the postings alone 256 references/s. 98.5% of
-- fingerprints are new, so every df row is a random btree insert, and the
-- shared ones are locked by both senders' transactions, which then wait on
-- each other.
--
-- posting_recent holds the postings of references not yet folded: one
-- statement of the service (ReferenceStore.fold, one folder at a time under
-- an advisory lock, REPEATABLE READ) moves all its visible rows into
-- `posting`, sorted by hash, adds their counts to fingerprint_df and deletes
-- them, in one transaction. A lookup reads both tables in one snapshot:
-- df = fingerprint_df.df + the count in posting_recent, and a reference's
-- postings are wholly in one table or the other, so answers are exact
-- whether or not a fold has run.
--
-- Not partitioned: it is small (a share of the corpus, see FOLD in
-- store.ts) and a lookup counts page hashes in it, one probe per hash
-- instead of one per hash and partition. Distribution column under Citus:
-- hash, co-located with fingerprint_df. In the two-node demonstration it
-- stays on the coordinator (a staging table); the fold sends the rows to
-- the partitions of each node.
create table posting_recent (
  hash   integer not null,
  ref_id bigint  not null,
  primary key (hash, ref_id)
) with (
  -- Rows are deleted a fold at a time: vacuum after each fold's worth rather
  -- than after 20% of the table, so lookups do not wade through dead entries.
  autovacuum_vacuum_scale_factor = 0,
  autovacuum_vacuum_threshold = 100000,
  autovacuum_vacuum_insert_scale_factor = 0,
  autovacuum_vacuum_insert_threshold = 100000
);
