-- Tiers: ladder per programme, member tier state and its history; programme migration (docs/adr/0013-tiers.md)

-- The ladder's rules: what qualifies (points EARNED, never the balance; spend; number of purchases), over which
-- window, and how many months a tier is kept after the end of the period it was qualified for.
CREATE TABLE loyalty_tier_ladder
(
  programme_id uuid PRIMARY KEY REFERENCES loyalty_programme (id),
  measure      text        NOT NULL CHECK (measure IN ('POINTS_EARNED', 'SPEND', 'PURCHASES')),
  qualification_window text NOT NULL CHECK (qualification_window IN ('ROLLING_12_MONTHS', 'CALENDAR_YEAR')),
  grace_months int         NOT NULL DEFAULT 0 CHECK (grace_months BETWEEN 0 AND 36),
  version      int         NOT NULL DEFAULT 1,
  updated_at   timestamptz NOT NULL
);

-- The tiers, lowest rank first; rank 0 is "no tier" and is not stored.
CREATE TABLE loyalty_tier
(
  programme_id     uuid          NOT NULL REFERENCES loyalty_programme (id),
  code             text          NOT NULL,
  rank             int           NOT NULL CHECK (rank >= 1),
  name             text          NOT NULL,
  threshold        numeric(16, 2) NOT NULL CHECK (threshold > 0),
  earn_multiplier  numeric(6, 3) NOT NULL DEFAULT 1 CHECK (earn_multiplier >= 1),
  discount_percent numeric(5, 2) NOT NULL DEFAULT 0 CHECK (discount_percent BETWEEN 0 AND 100),
  priority_service boolean       NOT NULL DEFAULT FALSE,
  gifts            text,
  PRIMARY KEY (programme_id, code),
  UNIQUE (programme_id, rank)
);

-- A member's tier now. tier_code NULL: no tier. QUALIFIED tiers are kept until qualified_until + the ladder's
-- grace; an OVERRIDE holds until override_until, then the next re-qualification puts the qualified tier back.
CREATE TABLE loyalty_member_tier
(
  account_id      uuid PRIMARY KEY REFERENCES loyalty_account (id),
  programme_id    uuid        NOT NULL REFERENCES loyalty_programme (id),
  tier_code       text,
  since           timestamptz NOT NULL,
  qualified_until timestamptz,
  source          text        NOT NULL CHECK (source IN ('QUALIFIED', 'OVERRIDE')),
  override_until  timestamptz,
  override_reason text,
  CHECK (source = 'QUALIFIED' OR override_until IS NOT NULL)
);
CREATE INDEX loyalty_member_tier_programme_idx ON loyalty_member_tier (programme_id);

-- Every tier change, append-only: the member's tier history and the TierChanged events' record.
CREATE TABLE loyalty_tier_change
(
  id          uuid PRIMARY KEY,
  account_id  uuid        NOT NULL REFERENCES loyalty_account (id),
  from_tier   text,
  to_tier     text,
  source      text        NOT NULL,
  reason      text        NOT NULL,
  changed_at  timestamptz NOT NULL
);
CREATE INDEX loyalty_tier_change_account_idx ON loyalty_tier_change (account_id, changed_at);

-- Programme migration: the old account stays (with its ledger) as MIGRATED, merged_into the new one.
ALTER TABLE loyalty_account DROP CONSTRAINT loyalty_account_status_check;
ALTER TABLE loyalty_account ADD CONSTRAINT loyalty_account_status_check
  CHECK (status IN ('ACTIVE', 'MERGED', 'ERASED', 'MIGRATED'));
CREATE INDEX loyalty_account_programme_idx ON loyalty_account (programme_id) WHERE status = 'ACTIVE';
CREATE INDEX loyalty_account_merged_idx ON loyalty_account (merged_into) WHERE merged_into IS NOT NULL;
CREATE INDEX loyalty_purchase_account_idx ON loyalty_purchase (account_id, occurred_at);
