-- Nightly jobs, second step (docs/adr/0022-nightly-jobs-run-ledger.md).

-- 1. The movements of the jobs (ACTIVATE, EXPIRE) are made exactly once by their lot's change of status, in the same
--    statement and under the account's lock; they no longer enter the idempotency index, so each costs two index
--    entries (primary key, account history) instead of three plus a speculative-insert check. Every other movement
--    keeps its unique (account, key); Ledger.find looks keys up with the same predicate, so it still uses the index.
ALTER TABLE loyalty_movement DROP CONSTRAINT loyalty_movement_account_id_idempotency_key_key;
CREATE UNIQUE INDEX loyalty_movement_key_idx ON loyalty_movement (account_id, idempotency_key)
  WHERE kind NOT IN ('ACTIVATE', 'EXPIRE');

-- A job movement always names the lot whose change it records (checked for new rows; no index needed).
ALTER TABLE loyalty_movement ADD CONSTRAINT loyalty_movement_job_names_lot
  CHECK (kind NOT IN ('ACTIVATE', 'EXPIRE') OR lot_id IS NOT NULL) NOT VALID;

-- 2. The run ledger of the jobs: the account ranges of one run (a job as of a moment), written when the run starts,
--    each marked done in the transaction that did its work. A rerun or a resumed run as of the same moment uses the
--    same ranges and skips the ranges already done.
CREATE TABLE loyalty_job_range
(
  job       text        NOT NULL CHECK (job IN ('activation', 'expiry')),
  as_of     timestamptz NOT NULL,
  after_id  uuid        NOT NULL,
  up_to     uuid        NOT NULL,
  done_at   timestamptz,
  lots      bigint,
  movements bigint,
  points    bigint,
  PRIMARY KEY (job, as_of, after_id)
);
