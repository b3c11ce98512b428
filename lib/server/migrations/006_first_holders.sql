-- A lookup returns the document frequency of every fingerprint held by more
-- than one reference among the fingerprints of the references it serves.
-- Before this migration it probed every fingerprint of those references:
-- about 16,000 probes for 20 references, nine in ten of them for nothing,
-- since 98.5% of fingerprints are held by one reference only. Now a
-- reference's shared fingerprints are found in two smaller ways:
--
-- * the fingerprints it holds first: the first reference in a fingerprint's
--   list (refs[1]) is the one that brought it. An index over refs[1] of the
--   shared rows finds the fingerprints a reference holds first and that
--   another reference came to hold since; and
-- * the fingerprints it does not hold first (`earlier`, written at ingest:
--   another reference held them when it arrived, or came first in the same
--   batch), a tenth of its fingerprints, most of them frequent.
--
-- Every shared fingerprint of a reference is in one of the two. For refs[1]
-- to name the first holder for good, a fingerprint that becomes frequent
-- (df > 256) keeps its first holder (refs[1:1]) instead of an empty list; the
-- ranking never reads a frequent fingerprint's list (df <= maxDf <= 256).

alter table reference add column earlier integer[] not null default '{}';

-- References stored before this migration: their fingerprints held by more
-- than one reference whose first listed holder is another reference, or
-- whose list was emptied (frequent before this migration, so no first
-- holder is known). A one-off join on one node; under Citus run it before
-- create_distributed_table (README, "Beyond one machine").
update reference r set earlier = coalesce((
  select array_agg(f.hash order by f.hash) from fingerprint f
  where f.hash = any(r.hashes) and f.df > 1 and (cardinality(f.refs) = 0 or f.refs[1] <> r.ref_id)
), '{}');

-- Only shared rows have entries: one when a second reference comes to hold
-- the fingerprint, and one for each later version of its row, which the
-- upsert writes anyway (df is in the index, so no update of it is HOT).
create index fingerprint_first_holder on fingerprint ((refs[1])) include (df) where df > 1;
