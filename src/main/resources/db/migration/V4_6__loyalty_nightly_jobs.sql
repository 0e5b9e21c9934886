-- Nightly jobs that scale (docs/adr/0017-nightly-jobs-at-scale.md): what the jobs write is cheap to write.

-- 1. Activation changes only a lot's status. With no index mentioning status (not even in a predicate) and room on
--    the page, that update is HOT: no index entry is written. The two partial indexes on status are replaced by the
--    account index the jobs walk range by range (loyalty_lot_account_idx: open lots by account, earned_at).
DROP INDEX loyalty_lot_pending_idx;
DROP INDEX loyalty_lot_expiry_idx;
ALTER TABLE loyalty_lot SET (fillfactor = 80);

-- 2. Balance rows change every time their account does; free room on each page keeps those updates HOT too.
ALTER TABLE loyalty_balance SET (fillfactor = 70);
ALTER TABLE loyalty_member_tier SET (fillfactor = 80);

-- 3. The rows the jobs append by the hundred thousand (movements, tier rows and tier history) no longer pay a
--    per-row foreign-key trigger: every such row is written by a statement that reads its account (and programme)
--    in the same statement, and accounts and programmes are never deleted, which the triggers below enforce.
--    loyalty_balance, loyalty_lot and loyalty_purchase keep their foreign keys to the account.
ALTER TABLE loyalty_movement DROP CONSTRAINT loyalty_movement_account_id_fkey;
ALTER TABLE loyalty_member_tier DROP CONSTRAINT loyalty_member_tier_account_id_fkey;
ALTER TABLE loyalty_member_tier DROP CONSTRAINT loyalty_member_tier_programme_id_fkey;
ALTER TABLE loyalty_tier_change DROP CONSTRAINT loyalty_tier_change_account_id_fkey;

CREATE FUNCTION loyalty_never_deleted() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION '% rows are never deleted (the ledger refers to them): % is not allowed', TG_TABLE_NAME, TG_OP
    USING ERRCODE = 'restrict_violation';
END
$$ LANGUAGE plpgsql;

CREATE TRIGGER loyalty_account_no_delete BEFORE DELETE OR TRUNCATE ON loyalty_account
  FOR EACH STATEMENT EXECUTE FUNCTION loyalty_never_deleted();
CREATE TRIGGER loyalty_programme_no_delete BEFORE DELETE OR TRUNCATE ON loyalty_programme
  FOR EACH STATEMENT EXECUTE FUNCTION loyalty_never_deleted();
