-- Customer memory: people and companies, their identities, contact data, household, interests,
-- consents, notes and the search index. Money and behaviour live in other modules' tables.

CREATE TABLE household
(
  id         UUID PRIMARY KEY,
  name       TEXT        NOT NULL,
  created_at TIMESTAMPTZ NOT NULL
);

CREATE TABLE customer
(
  id                 UUID PRIMARY KEY,
  kind               TEXT        NOT NULL CHECK (kind IN ('PERSON', 'COMPANY')),
  status             TEXT        NOT NULL DEFAULT 'ACTIVE' CHECK (status IN ('ACTIVE', 'MERGED', 'ERASED')),
  merged_into        UUID REFERENCES customer (id),
  display_name       TEXT        NOT NULL,
  given_name         TEXT,
  family_name        TEXT,
  company_name       TEXT,
  birth_date         DATE,
  preferred_language TEXT,
  lifecycle_stage    TEXT        NOT NULL DEFAULT 'PROSPECT'
    CHECK (lifecycle_stage IN ('PROSPECT', 'POTENTIAL', 'FIRST_TIME_BUYER', 'REPEAT_BUYER', 'LOYAL', 'PROMOTER', 'LOST')),
  assigned_staff_id  UUID,
  household_id       UUID REFERENCES household (id),
  household_role     TEXT CHECK (household_role IN ('HEAD', 'PARTNER', 'CHILD', 'PARENT', 'OTHER')),
  tags               TEXT[]      NOT NULL DEFAULT '{}',
  attributes         JSONB       NOT NULL DEFAULT '{}',
  created_at         TIMESTAMPTZ NOT NULL,
  updated_at         TIMESTAMPTZ NOT NULL,
  version            INT         NOT NULL DEFAULT 0,
  CHECK ((status = 'MERGED') = (merged_into IS NOT NULL))
);
CREATE INDEX customer_tags_idx ON customer USING gin (tags);
CREATE INDEX customer_assigned_idx ON customer (assigned_staff_id) WHERE status = 'ACTIVE';
CREATE INDEX customer_stage_idx ON customer (lifecycle_stage) WHERE status = 'ACTIVE';
CREATE INDEX customer_household_idx ON customer (household_id);
CREATE INDEX customer_birth_date_idx ON customer (birth_date);

-- Every way a customer is recognised. value is normalised (e-mail lower case, phone E.164, card
-- digits); source names the external system for EXTERNAL ids and is '' otherwise.
-- match_key is a looser form used only to suggest duplicates (e.g. gmail dots and +tags removed).
CREATE TABLE customer_identity
(
  id          UUID PRIMARY KEY,
  customer_id UUID        NOT NULL REFERENCES customer (id),
  type        TEXT        NOT NULL CHECK (type IN ('EMAIL', 'PHONE', 'CARD', 'EXTERNAL')),
  source      TEXT        NOT NULL DEFAULT '',
  value       TEXT        NOT NULL,
  match_key   TEXT        NOT NULL,
  raw_value   TEXT,
  is_primary  BOOLEAN     NOT NULL DEFAULT FALSE,
  created_at  TIMESTAMPTZ NOT NULL,
  UNIQUE (type, source, value)
);
CREATE INDEX customer_identity_customer_idx ON customer_identity (customer_id);
CREATE INDEX customer_identity_match_idx ON customer_identity (type, match_key);

CREATE TABLE customer_address
(
  id           UUID PRIMARY KEY,
  customer_id  UUID        NOT NULL REFERENCES customer (id),
  kind         TEXT        NOT NULL CHECK (kind IN ('HOME', 'WORK', 'BILLING', 'DELIVERY', 'OTHER')),
  line1        TEXT        NOT NULL,
  line2        TEXT,
  city         TEXT,
  region       TEXT,
  postal_code  TEXT,
  country_code CHAR(2),
  match_key    TEXT        NOT NULL,
  created_at   TIMESTAMPTZ NOT NULL
);
CREATE INDEX customer_address_customer_idx ON customer_address (customer_id);
CREATE INDEX customer_address_match_idx ON customer_address (match_key);

-- A company's contact people (both are customers).
CREATE TABLE customer_contact_person
(
  company_id UUID NOT NULL REFERENCES customer (id),
  person_id  UUID NOT NULL REFERENCES customer (id),
  role       TEXT,
  PRIMARY KEY (company_id, person_id)
);
CREATE INDEX customer_contact_person_person_idx ON customer_contact_person (person_id);

CREATE TABLE customer_interest
(
  customer_id UUID        NOT NULL REFERENCES customer (id),
  topic       TEXT        NOT NULL,
  source      TEXT        NOT NULL CHECK (source IN ('FORM', 'STAFF', 'IMPORT', 'INFERRED')),
  declared_at TIMESTAMPTZ NOT NULL,
  PRIMARY KEY (customer_id, topic)
);

-- Current consent per channel and purpose, and the full history of changes.
CREATE TABLE customer_consent
(
  customer_id UUID        NOT NULL REFERENCES customer (id),
  channel     TEXT        NOT NULL CHECK (channel IN ('EMAIL', 'SMS', 'PHONE', 'POST')),
  purpose     TEXT        NOT NULL CHECK (purpose IN ('MARKETING', 'PROFILING', 'PARTNER_SHARING')),
  granted     BOOLEAN     NOT NULL,
  changed_at  TIMESTAMPTZ NOT NULL,
  source      TEXT        NOT NULL,
  PRIMARY KEY (customer_id, channel, purpose)
);
CREATE TABLE customer_consent_history
(
  id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  customer_id UUID        NOT NULL REFERENCES customer (id),
  channel     TEXT        NOT NULL,
  purpose     TEXT        NOT NULL,
  granted     BOOLEAN     NOT NULL,
  changed_at  TIMESTAMPTZ NOT NULL,
  source      TEXT        NOT NULL,
  recorded_by TEXT        NOT NULL
);
CREATE INDEX customer_consent_history_customer_idx ON customer_consent_history (customer_id, changed_at);

-- Staff notes. author_name is a snapshot so the note reads the same after the author leaves.
CREATE TABLE customer_note
(
  id          UUID PRIMARY KEY,
  customer_id UUID        NOT NULL REFERENCES customer (id),
  author_id   TEXT        NOT NULL,
  author_name TEXT        NOT NULL,
  created_at  TIMESTAMPTZ NOT NULL,
  body        TEXT        NOT NULL
);
CREATE INDEX customer_note_customer_idx ON customer_note (customer_id, created_at DESC);

-- Name search: one row per folded name word (accents removed, lower case), matched by prefix.
CREATE TABLE customer_search_token
(
  token       TEXT COLLATE "C" NOT NULL,
  customer_id UUID             NOT NULL REFERENCES customer (id),
  PRIMARY KEY (token, customer_id)
);
CREATE INDEX customer_search_token_customer_idx ON customer_search_token (customer_id);

-- Suggested duplicates (customer_a < customer_b) and the merges that were made.
CREATE TABLE duplicate_candidate
(
  customer_a  UUID        NOT NULL REFERENCES customer (id),
  customer_b  UUID        NOT NULL REFERENCES customer (id),
  reason      TEXT        NOT NULL,
  score       NUMERIC(4, 3) NOT NULL,
  detected_at TIMESTAMPTZ NOT NULL,
  status      TEXT        NOT NULL DEFAULT 'OPEN' CHECK (status IN ('OPEN', 'DISMISSED', 'MERGED')),
  decided_by  TEXT,
  decided_at  TIMESTAMPTZ,
  PRIMARY KEY (customer_a, customer_b),
  CHECK (customer_a < customer_b)
);
CREATE INDEX duplicate_candidate_open_idx ON duplicate_candidate (score DESC) WHERE status = 'OPEN';

CREATE TABLE customer_merge
(
  id          UUID PRIMARY KEY,
  survivor_id UUID        NOT NULL REFERENCES customer (id),
  merged_id   UUID        NOT NULL REFERENCES customer (id),
  merged_at   TIMESTAMPTZ NOT NULL,
  merged_by   TEXT        NOT NULL
);
