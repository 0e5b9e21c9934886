-- Folded name keys for duplicate detection. Names are folded in the application (NameFolding)
-- so that accents, case and non-Latin scripts fold exactly as the name search does; a key is
-- refreshed whenever the customer's updated_at moves past source_updated_at.
CREATE TABLE customer_name_key
(
  customer_id       UUID PRIMARY KEY REFERENCES customer (id),
  full_name         TEXT        NOT NULL,
  family_name       TEXT        NOT NULL,
  given_initial     TEXT        NOT NULL,
  birth_date        DATE,
  source_updated_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX customer_name_key_birth_idx ON customer_name_key (full_name, birth_date) WHERE birth_date IS NOT NULL;
CREATE INDEX customer_name_key_family_idx ON customer_name_key (family_name, given_initial);

-- Review and clean-up look candidates up from either side.
CREATE INDEX duplicate_candidate_b_idx ON duplicate_candidate (customer_b);
CREATE INDEX customer_merge_survivor_idx ON customer_merge (survivor_id);
CREATE INDEX customer_merge_merged_idx ON customer_merge (merged_id);
CREATE INDEX customer_merged_into_idx ON customer (merged_into) WHERE merged_into IS NOT NULL;
