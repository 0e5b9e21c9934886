-- Every stored interaction is known within its source system by a key
-- (docs/adr/0084-interaction-history-exported-in-the-formats-it-is-imported-from.md). An interaction recorded
-- without an idempotency key or an external id is given its own id as key, `interaction:<id>`, as the recording
-- path now does: a file exported from Rapport and imported back then finds every interaction stored and changes
-- nothing. Only interactions recorded through the API without any key are touched.
UPDATE interaction SET idempotency_key = 'interaction:' || id WHERE idempotency_key IS NULL;
ALTER TABLE interaction ALTER COLUMN idempotency_key SET NOT NULL;
