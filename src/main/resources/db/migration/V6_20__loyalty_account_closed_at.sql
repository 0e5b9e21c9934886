-- When an account stopped being a member's active one: migrated into another programme (ADR 0013) or combined into
-- the survivor's account by a customer merge. The member panel lists such accounts as earlier memberships, with the
-- day they closed and links to their ledger (ADR 0093). Earlier closings take the time of the TRANSFER that moved
-- their balance; a migrated account with nothing to move has none, and takes the time of the account it was
-- migrated into, which the migration made (a version 7 id: its first 48 bits are its millisecond).
ALTER TABLE loyalty_account ADD COLUMN closed_at timestamptz;

UPDATE loyalty_account a SET closed_at = COALESCE(
    (SELECT max(m.occurred_at) FROM loyalty_movement m
     WHERE m.account_id = a.id AND m.kind = 'TRANSFER' AND m.source_type = 'ACCOUNT'
       AND m.source_id = a.merged_into::text),
    CASE WHEN a.status = 'MIGRATED' THEN
      to_timestamp((('x' || lpad(left(replace(a.merged_into::text, '-', ''), 12), 16, '0'))::bit(64)::bigint) / 1000.0)
    END)
WHERE a.status IN ('MIGRATED', 'MERGED') AND a.merged_into IS NOT NULL;
