-- Nightly jobs (docs/adr/0034-nightly-jobs-by-the-lot-tables-pages.md): a range of activation or expiry updates
-- the balance rows of its accounts, which lie together, so every row of a balance page gets a new version in the
-- same transaction. With fillfactor 70 a page has room for the new versions of fewer than half of its rows; the
-- others are not HOT updates (a new version on another page and a new primary-key entry). At 45 the new version
-- of every row fits on its page. Applies to pages written from now on; an existing table gets the room when it is
-- rewritten (VACUUM FULL loyalty_balance, in a maintenance window).
ALTER TABLE loyalty_balance SET (fillfactor = 45);
