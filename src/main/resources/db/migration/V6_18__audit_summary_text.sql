-- An audit entry's summary in the reader's language. The summary column keeps the English it always kept; an
-- entry written from a wording also keeps that wording's bundle key and its values, as text:
-- {"key": "loyalty.audit.adjusted", "values": ["5", "points", "goodwill"]}. The audit log's page and API show the
-- summary in the reader's language from them; an entry without them (written before, or a sentence no wording
-- writes) shows its English. The values may name a person, so an erasure clears them with the summary.
ALTER TABLE audit_event ADD COLUMN summary_text jsonb;
