-- Loyalty rewards, vouchers, partners (docs/adr/0012-rewards-and-vouchers.md)

-- A cancelled redemption gives its points back in a CANCEL movement.
ALTER TABLE loyalty_movement DROP CONSTRAINT loyalty_movement_kind_check;
ALTER TABLE loyalty_movement ADD CONSTRAINT loyalty_movement_kind_check
  CHECK (kind IN ('EARN', 'PENDING', 'ACTIVATE', 'REDEEM', 'EXPIRE', 'REVERSE', 'ADJUST', 'TRANSFER', 'CANCEL'));

-- The reward catalogue of a programme. stock NULL = unlimited; limit_count NULL = no per-member limit.
CREATE TABLE loyalty_reward
(
  id                 uuid PRIMARY KEY,
  programme_id       uuid        NOT NULL REFERENCES loyalty_programme (id),
  name               text        NOT NULL,
  description        text        NOT NULL DEFAULT '',
  cost_points        bigint      NOT NULL CHECK (cost_points > 0),
  stock              int CHECK (stock >= 0),
  valid_from         timestamptz,
  valid_to           timestamptz,
  limit_count        int CHECK (limit_count > 0),
  limit_period       text        NOT NULL DEFAULT 'LIFETIME' CHECK (limit_period IN ('DAY', 'MONTH', 'YEAR', 'LIFETIME')),
  voucher_valid_days int         NOT NULL DEFAULT 30 CHECK (voucher_valid_days BETWEEN 1 AND 3650),
  active             boolean     NOT NULL DEFAULT TRUE,
  created_at         timestamptz NOT NULL,
  updated_at         timestamptz NOT NULL,
  UNIQUE (programme_id, name)
);

-- Partners of a coalition: an API client acting for a partner outlet in one programme.
CREATE TABLE loyalty_partner
(
  id            uuid PRIMARY KEY,
  programme_id  uuid        NOT NULL REFERENCES loyalty_programme (id),
  code          text        NOT NULL UNIQUE,
  name          text        NOT NULL,
  api_client_id uuid        NOT NULL UNIQUE,
  created_at    timestamptz NOT NULL
);

-- Which partner made a movement (earn or burn through the partner API).
CREATE TABLE loyalty_partner_movement
(
  movement_id uuid PRIMARY KEY REFERENCES loyalty_movement (id),
  partner_id  uuid NOT NULL REFERENCES loyalty_partner (id),
  account_id  uuid NOT NULL REFERENCES loyalty_account (id)
);
CREATE INDEX loyalty_partner_movement_idx ON loyalty_partner_movement (partner_id, movement_id DESC);

-- A redemption: a reward (or points paying part of a purchase when reward_id is NULL) and its
-- single-use voucher. Only the SHA-256 hash of the voucher code is stored, and its last four characters.
CREATE TABLE loyalty_redemption
(
  id                 uuid PRIMARY KEY,
  account_id         uuid          NOT NULL REFERENCES loyalty_account (id),
  programme_id       uuid          NOT NULL REFERENCES loyalty_programme (id),
  reward_id          uuid REFERENCES loyalty_reward (id),
  points             bigint        NOT NULL CHECK (points > 0),
  value              numeric(14, 2) NOT NULL,
  currency           char(3)       NOT NULL,
  movement_id        uuid          NOT NULL REFERENCES loyalty_movement (id),
  idempotency_key    text          NOT NULL,
  voucher_hash       text          NOT NULL UNIQUE,
  voucher_hint       text          NOT NULL,
  status             text          NOT NULL CHECK (status IN ('ISSUED', 'CONSUMED', 'CANCELLED')),
  redeemed_at        timestamptz   NOT NULL,
  expires_at         timestamptz   NOT NULL,
  consumed_at        timestamptz,
  consumed_by        text,
  consume_key        text,
  cancelled_at       timestamptz,
  cancel_movement_id uuid REFERENCES loyalty_movement (id),
  UNIQUE (account_id, idempotency_key)
);
CREATE INDEX loyalty_redemption_reward_idx ON loyalty_redemption (reward_id, account_id, redeemed_at);
CREATE INDEX loyalty_redemption_account_idx ON loyalty_redemption (account_id, redeemed_at DESC);
