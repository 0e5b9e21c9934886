-- The vouchers a member holds unused, however old: the counter lists them under the member's
-- card and the API answers them (?open=true), soonest to expire first. Only issued vouchers
-- are in the index; a voucher leaves it when used or cancelled.
CREATE INDEX loyalty_redemption_issued_idx ON loyalty_redemption (account_id, expires_at) WHERE status = 'ISSUED';
