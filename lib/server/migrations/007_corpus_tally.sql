-- The corpus size, as a tally of the references each ingest added.
--
-- Each service reads the corpus size beside its lookups every couple of
-- seconds (CORPUS_FIGURES_TTL in lib/server/store.ts). `count(*)` over
-- `reference` visits every reference: 10 ms of a core at 100,000 references
-- (an index-only scan of each partition's key), about 100 ms at a million,
-- and over postgres_fdw partitions a scan on the other node too. While it
-- runs it takes a core from the lookups in flight: the slowest lookups of a
-- run were the ones beside it. A sum over this table visits one row per
-- ingest since the last compaction.
--
-- An ingest that adds references inserts one row (how many it added) in the
-- same transaction as the references, so any snapshot sees both or neither:
-- the sum is exact. Rows are only inserted, never updated, so concurrent
-- ingests never wait on each other here (a counter row would make every
-- ingest wait for the one before it to commit). When the rows grow past
-- TALLY_COMPACT_AT the service folds them into one (ReferenceStore.compactTally,
-- a single DELETE ... RETURNING feeding an INSERT: each row deleted once
-- and counted once, even with two compactions at the same time).
--
-- Under Citus: a reference table (create_reference_table('corpus_tally')),
-- written in the ingest's distributed transaction and summed on any node.
create table corpus_tally (
  added integer not null check (added > 0)
);

-- References stored before this migration.
insert into corpus_tally (added) select count(*) from reference having count(*) > 0;
