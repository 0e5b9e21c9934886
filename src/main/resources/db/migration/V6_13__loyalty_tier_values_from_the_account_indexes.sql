-- The account indexes of the rows a tier value is summed from carry the columns the sum needs
-- (docs/adr/0076-tier-values-read-range-by-range-from-the-account-index.md). The nightly re-qualification reads
-- each range's qualifying values by an index-only scan of these entries, in account order, instead of one pass over
-- every page of the table (the rows of any range of accounts lie on nearly all of them). The keys are unchanged, so
-- every other reader (a member's history, the upgrade after earning) keeps its order; the entries grow by the
-- included columns. New entries land all over both indexes (every account earns), which leaves their pages about
-- 70 % full; the indexes are built that full, so the nights after this migration do not split nearly every page.
DROP INDEX loyalty_movement_account_idx;
CREATE INDEX loyalty_movement_account_idx ON loyalty_movement (account_id, occurred_at DESC, id DESC)
  INCLUDE (kind, available_delta, pending_delta) WITH (fillfactor = 70);

DROP INDEX loyalty_purchase_account_idx;
CREATE INDEX loyalty_purchase_account_idx ON loyalty_purchase (account_id, occurred_at) INCLUDE (total, returned_amount)
  WITH (fillfactor = 70);
