-- Each reference keeps its own distinct fingerprints as an array beside its
-- text. A lookup returns the document frequency of every fingerprint of the
-- references it serves; reading them from `posting` by ref_id has no index to
-- use (posting's key leads with hash, for the ranking) and scanned every
-- partition: 950 ms at 10,000 references. The array comes with the row that
-- is read anyway, and costs one value per reference at ingest.
alter table reference add column hashes integer[];
-- References stored before this migration: their fingerprints from posting
-- (a join on the distribution column, co-located under Citus).
update reference r set hashes = coalesce((select array_agg(p.hash order by p.hash) from posting p where p.ref_id = r.ref_id), '{}');
alter table reference alter column hashes set not null;
