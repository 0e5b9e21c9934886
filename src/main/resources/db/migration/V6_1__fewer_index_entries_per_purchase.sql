-- Fewer index entries per recorded purchase (ADR 0039).
--
-- The durable event log keeps only what is still to be delivered: a completed publication is
-- deleted (completion-mode delete, ADR 0024; in batches, ADR 0031), so event_publication holds a
-- few incomplete rows at any time. Every recording writes one row per listener, and each row also
-- went into two secondary indexes: a hash of the whole serialized event (Modulith's look-up of a
-- publication by event and listener, which the registry uses only when it did not start the
-- delivery itself) and completion_date (null in every row kept). Both look-ups now read the
-- small table instead; the primary key stays for the completions by id (every delivery's path).
DROP INDEX IF EXISTS event_publication_serialized_event_hash_idx;
DROP INDEX IF EXISTS event_publication_by_completion_date_idx;

-- Purchase lines are read by their interaction (the primary key), never by SKU: no query of any
-- module filters or joins interaction_line on sku, so its index was one more entry per line on
-- every write path (API, batch, import, generator) for nothing.
DROP INDEX IF EXISTS interaction_line_sku_idx;
