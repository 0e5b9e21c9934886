-- Loyalty engine core: programme, rules, accounts, cards, append-only ledger, lots (docs/adr/0009-loyalty-ledger.md)

-- UUID v7 generated in SQL, for rows written by the set-based jobs (activation, expiry).
CREATE FUNCTION loyalty_uuid_v7() RETURNS uuid AS $$
  SELECT encode(set_bit(set_bit(overlay(uuid_send(gen_random_uuid()) PLACING
    substring(int8send(floor(extract(epoch FROM clock_timestamp()) * 1000)::bigint) FROM 3) FROM 1 FOR 6),
    52, 1), 53, 1), 'hex')::uuid
$$ LANGUAGE sql VOLATILE;

CREATE TABLE loyalty_programme
(
  id                 uuid PRIMARY KEY,
  code               text        NOT NULL UNIQUE,
  name               text        NOT NULL,
  currency           char(3)     NOT NULL,
  point_name         text        NOT NULL,
  point_value        numeric(14, 6) NOT NULL CHECK (point_value >= 0),
  return_window_days int         NOT NULL CHECK (return_window_days BETWEEN 0 AND 365),
  expiry_policy      text        NOT NULL CHECK (expiry_policy IN ('NONE', 'ROLLING', 'END_OF_PERIOD')),
  expiry_months      int         NOT NULL DEFAULT 0 CHECK (expiry_months BETWEEN 0 AND 120),
  expiry_period_months int       NOT NULL DEFAULT 12 CHECK (expiry_period_months IN (1, 3, 6, 12)),
  negative_balance   text        NOT NULL CHECK (negative_balance IN ('ALLOW', 'CAP_AT_ZERO')),
  required_consent   text,
  combination        jsonb       NOT NULL DEFAULT '{}',
  card_prefix        text        NOT NULL DEFAULT '600',
  version            int         NOT NULL DEFAULT 1,
  created_at         timestamptz NOT NULL,
  updated_at         timestamptz NOT NULL
);

-- Every version of a programme's settings as it was saved (the audit keeps who and why).
CREATE TABLE loyalty_programme_version
(
  programme_id uuid        NOT NULL REFERENCES loyalty_programme (id),
  version      int         NOT NULL,
  changed_at   timestamptz NOT NULL,
  changed_by   text        NOT NULL,
  settings     jsonb       NOT NULL,
  PRIMARY KEY (programme_id, version)
);

CREATE TABLE loyalty_rule
(
  id           uuid PRIMARY KEY,
  programme_id uuid        NOT NULL REFERENCES loyalty_programme (id),
  kind         text        NOT NULL,
  rule_group   text        NOT NULL,
  name         text        NOT NULL,
  params       jsonb       NOT NULL,
  valid_from   timestamptz,
  valid_to     timestamptz,
  active       boolean     NOT NULL DEFAULT TRUE,
  created_at   timestamptz NOT NULL,
  updated_at   timestamptz NOT NULL
);
CREATE INDEX loyalty_rule_programme_idx ON loyalty_rule (programme_id);

CREATE TABLE loyalty_account
(
  id                  uuid PRIMARY KEY,
  programme_id        uuid        NOT NULL REFERENCES loyalty_programme (id),
  customer_id         uuid,
  status              text        NOT NULL CHECK (status IN ('ACTIVE', 'MERGED', 'ERASED')),
  enrolled_at         timestamptz NOT NULL,
  referred_by         uuid REFERENCES loyalty_account (id),
  first_purchase_at   timestamptz,
  merged_into         uuid REFERENCES loyalty_account (id)
);
CREATE UNIQUE INDEX loyalty_account_member_idx ON loyalty_account (customer_id, programme_id) WHERE status = 'ACTIVE';

-- The balance of an account, kept equal to the sum of its ledger in the same transaction;
-- the row every debit locks (SELECT ... FOR UPDATE).
CREATE TABLE loyalty_balance
(
  account_id uuid PRIMARY KEY REFERENCES loyalty_account (id),
  available  bigint      NOT NULL DEFAULT 0,
  pending    bigint      NOT NULL DEFAULT 0 CHECK (pending >= 0),
  updated_at timestamptz NOT NULL
);

CREATE TABLE loyalty_card
(
  id                uuid PRIMARY KEY,
  account_id        uuid        NOT NULL REFERENCES loyalty_account (id),
  number            text        UNIQUE,
  kind              text        NOT NULL CHECK (kind IN ('PHYSICAL', 'VIRTUAL')),
  status            text        NOT NULL CHECK (status IN ('ACTIVE', 'BLOCKED', 'LOST', 'REPLACED')),
  identity_id       uuid,
  replaces          uuid REFERENCES loyalty_card (id),
  issued_at         timestamptz NOT NULL,
  status_changed_at timestamptz NOT NULL
);
CREATE INDEX loyalty_card_account_idx ON loyalty_card (account_id);

-- The ledger: append-only. available_delta and pending_delta are the movement's effect on
-- the two balances (an activation moves points from pending to available in one row).
CREATE TABLE loyalty_movement
(
  id              uuid PRIMARY KEY,
  account_id      uuid        NOT NULL REFERENCES loyalty_account (id),
  kind            text        NOT NULL CHECK (kind IN ('EARN', 'PENDING', 'ACTIVATE', 'REDEEM', 'EXPIRE', 'REVERSE',
                                                       'ADJUST', 'TRANSFER')),
  available_delta bigint      NOT NULL,
  pending_delta   bigint      NOT NULL,
  reason          text        NOT NULL,
  source_type     text        NOT NULL CHECK (source_type IN ('INTERACTION', 'STAFF', 'CAMPAIGN', 'SYSTEM', 'ACCOUNT',
                                                              'API_CLIENT')),
  source_id       text,
  idempotency_key text        NOT NULL,
  occurred_at     timestamptz NOT NULL,
  recorded_at     timestamptz NOT NULL,
  lot_id          uuid,
  explanation     jsonb,
  UNIQUE (account_id, idempotency_key)
);
CREATE INDEX loyalty_movement_account_idx ON loyalty_movement (account_id, occurred_at DESC, id DESC);

CREATE FUNCTION loyalty_movement_append_only() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION 'loyalty_movement is append-only: % is not allowed', TG_OP USING ERRCODE = 'restrict_violation';
END
$$ LANGUAGE plpgsql;

CREATE TRIGGER loyalty_movement_no_change BEFORE UPDATE OR DELETE ON loyalty_movement
  FOR EACH ROW EXECUTE FUNCTION loyalty_movement_append_only();
CREATE TRIGGER loyalty_movement_no_truncate BEFORE TRUNCATE ON loyalty_movement
  FOR EACH STATEMENT EXECUTE FUNCTION loyalty_movement_append_only();

-- Points credited to the available balance (or waiting in pending) form lots; debits and
-- expiry consume the oldest lots first. remaining is what is left of the lot.
CREATE TABLE loyalty_lot
(
  id           uuid PRIMARY KEY,
  account_id   uuid        NOT NULL REFERENCES loyalty_account (id),
  status       text        NOT NULL CHECK (status IN ('PENDING', 'AVAILABLE', 'EXPIRED')),
  points       bigint      NOT NULL CHECK (points >= 0),
  remaining    bigint      NOT NULL CHECK (remaining >= 0),
  earned_at    timestamptz NOT NULL,
  available_at timestamptz,
  expires_at   timestamptz
);
CREATE INDEX loyalty_lot_account_idx ON loyalty_lot (account_id, earned_at, id) WHERE remaining > 0;
CREATE INDEX loyalty_lot_pending_idx ON loyalty_lot (available_at) WHERE status = 'PENDING';
CREATE INDEX loyalty_lot_expiry_idx ON loyalty_lot (expires_at) WHERE status = 'AVAILABLE' AND remaining > 0;

-- What each purchase earned for an account, so that returns reverse proportionally and never more.
CREATE TABLE loyalty_purchase
(
  account_id      uuid          NOT NULL REFERENCES loyalty_account (id),
  interaction_id  uuid          NOT NULL,
  lot_id          uuid,
  total           numeric(14, 2) NOT NULL,
  points_earned   bigint        NOT NULL,
  returned_amount numeric(14, 2) NOT NULL DEFAULT 0,
  points_reversed bigint        NOT NULL DEFAULT 0,
  occurred_at     timestamptz   NOT NULL,
  PRIMARY KEY (account_id, interaction_id)
);
CREATE INDEX loyalty_purchase_interaction_idx ON loyalty_purchase (interaction_id);

-- Answers of writes already done, by idempotency key, so that a retried request answers the original.
CREATE TABLE loyalty_request
(
  idempotency_key text        NOT NULL,
  operation       text        NOT NULL,
  response        jsonb       NOT NULL,
  created_at      timestamptz NOT NULL,
  PRIMARY KEY (operation, idempotency_key)
);
