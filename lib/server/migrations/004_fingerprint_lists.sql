-- One row per distinct fingerprint: its document frequency and, while it is
-- rare enough to rank, the references holding it. It replaces `posting` (one
-- row per fingerprint and reference) and `fingerprint_df` (one row per
-- fingerprint), which ingest had to write both: 98.5% of fingerprints are
-- held by one reference, so every reference cost about 810 new posting rows
-- and 810 new df rows, each a heap tuple and a random btree entry. Measured
-- on top of 5,000 references, two senders, batches of 100 (the machine
-- shared, load average 7 to 10): 78 references/s with posting +
-- fingerprint_df, 127 references/s with this table.
--
-- refs is kept only while df <= 256 (lib/engine maxRefsPerFingerprint): a
-- fingerprint held by more references is never rare again (df only grows),
-- so its list is emptied and only df stays. Raising maxRefsPerFingerprint
-- above 256 would need the lists rebuilt from reference.hashes.
--
-- Distribution column under Citus: hash. Ingest upserts the rows of a
-- batch's fingerprints sorted by hash, so two concurrent batches lock shared
-- rows in the same order and cannot deadlock. In the two-node postgres_fdw
-- demonstration this table stays on the coordinator: postgres_fdw cannot
-- run INSERT ... ON CONFLICT DO UPDATE on a foreign table (Citus can).
create table fingerprint (
  hash integer primary key,
  df   integer not null check (df > 0),
  refs bigint[] not null
);

-- The frequencies a lookup returns for the fingerprints of the references it
-- serves are those held by more than one reference (as migration 003).
create index fingerprint_shared on fingerprint (hash) include (df) where df > 1;

insert into fingerprint (hash, df, refs)
select hash, count(*), case when count(*) <= 256 then array_agg(ref_id order by ref_id) else '{}' end
from posting group by hash;

drop table posting;
drop table fingerprint_df;
