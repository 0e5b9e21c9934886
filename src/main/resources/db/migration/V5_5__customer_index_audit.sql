-- Index audit of the tables the customer bulk load writes (ADR 0028). Every index entry is work for
-- every writer, and a bulk load of generated customers made about 41 per customer. Each index left
-- on these tables is listed below with the statements that use it; what was dropped or narrowed and
-- why is said where it happens.
--
-- customer
--   customer_pkey                         every read by id
--   customer_tags_idx (gin)               list filter by tag (tags @> ...)
--   customer_stage_idx (partial)          counts by stage (dashboard), list filter by stage
--   customer_sort_name_idx / _created_idx / _updated_idx (partial)
--                                         the six list orders, first page without a sort
--   customer_merged_into_idx (partial)    customers merged into a survivor (merge chains)
--   customer_assigned_idx                 narrowed below
--   customer_household_idx                narrowed below
--   customer_birth_date_idx               dropped below
-- customer_identity
--   primary key (customer_id, id)         changed below
--   unique (type, value, source)          changed below
--   customer_identity_match_idx           narrowed below
-- customer_address
--   primary key (customer_id, id)         changed below
--   customer_address_match_idx            duplicate suggestions by similar name and address
-- customer_consent
--   primary key (customer_id, channel, purpose)  current consents of a customer, upserts
-- customer_consent_history
--   primary key (customer_id, id)         changed below
-- customer_note
--   primary key (id), customer_note_customer_idx (customer_id, created_at DESC)
--                                         notes of a customer newest first, paged
-- customer_search_token
--   primary key (token, customer_id)      name search by token prefix
--   customer_search_token_customer_idx    replacing a customer's tokens (rename, merge, erasure)
-- household
--   primary key (id)                      household name, members

-- Nothing filters or sorts customers by birth date: the duplicate rule "same name and birth date"
-- reads customer_name_key (customer_name_key_birth_idx), and the list has no birth date filter.
DROP INDEX customer_birth_date_idx;

-- Members of a household and the erasure's emptied-household check look up one household id; a
-- customer without a household needs no entry. (household_id = x implies household_id IS NOT NULL,
-- so the planner uses the partial index for those queries.)
DROP INDEX customer_household_idx;
CREATE INDEX customer_household_idx ON customer (household_id) WHERE household_id IS NOT NULL;

-- The "assigned to" filter, the per-staff count and reassignment look up one staff id among active
-- customers; unassigned customers need no entry.
DROP INDEX customer_assigned_idx;
CREATE INDEX customer_assigned_idx ON customer (assigned_staff_id)
  WHERE status = 'ACTIVE' AND assigned_staff_id IS NOT NULL;

-- Identities. Every statement that reads one identity by its id names its customer too
-- (IdentityRepository: WHERE customer_id = ? AND id = ?), and every other read by customer reads
-- all of that customer's identities; one key (customer_id, id) serves both, in place of the key on
-- id and the separate index on customer_id. Ids stay unique: they are UUID v7 made by Ids (ADR 0003).
ALTER TABLE customer_identity DROP CONSTRAINT customer_identity_pkey;
ALTER TABLE customer_identity ADD CONSTRAINT customer_identity_pkey PRIMARY KEY (customer_id, id);
DROP INDEX customer_identity_customer_idx;

-- The identity rule of uniqueness is unchanged, (type, source, value); its index now leads with the
-- value, so it also finds an identity by type and value whatever its source: the console's search
-- by e-mail, phone or card, and duplicate suggestions by card or external id, whose match key is
-- the value itself.
ALTER TABLE customer_identity DROP CONSTRAINT customer_identity_type_source_value_key;
ALTER TABLE customer_identity ADD CONSTRAINT customer_identity_type_value_source_key UNIQUE (type, value, source);

-- Match keys differ from values only for e-mails (+tags, gmail dots) and phones (national part);
-- the duplicate rule reads cards and external ids through the unique index above, so the match
-- index keeps e-mails and phones only.
DROP INDEX customer_identity_match_idx;
CREATE INDEX customer_identity_match_idx ON customer_identity (type, match_key) WHERE type IN ('EMAIL', 'PHONE');

-- Addresses: read by customer, one by (customer_id, id) (ContactDataRepository); same as identities.
ALTER TABLE customer_address DROP CONSTRAINT customer_address_pkey;
ALTER TABLE customer_address ADD CONSTRAINT customer_address_pkey PRIMARY KEY (customer_id, id);
DROP INDEX customer_address_customer_idx;

-- Consent history is read per customer only (newest first, the export oldest first); a customer has
-- a handful of entries, sorted after the key's range. The key (customer_id, id) replaces the key on
-- id, which nothing read, and the index on (customer_id, changed_at).
ALTER TABLE customer_consent_history DROP CONSTRAINT customer_consent_history_pkey;
ALTER TABLE customer_consent_history ADD CONSTRAINT customer_consent_history_pkey PRIMARY KEY (customer_id, id);
DROP INDEX customer_consent_history_customer_idx;
