-- Updates that empty or shrink a lot stay on its page (docs/adr/0062-lot-and-tier-updates-stay-on-their-page.md).
--
-- 1. The account index of the lots covered only lots with points left (WHERE remaining > 0). A column named in an
--    index predicate blocks PostgreSQL's heap-only (HOT) update just as a key column does, so every update of
--    `remaining` — expiry (a million lots a night at a million members), debits oldest first, reversals of a
--    return — wrote a new version on another page plus a new primary-key entry, where activation (status only)
--    stays on its page. Without the predicate those updates are HOT whenever the page has room (fillfactor 80).
--    Readers keep their `remaining > 0` condition and read it from the row.
DROP INDEX loyalty_lot_account_idx;
CREATE INDEX loyalty_lot_account_idx ON loyalty_lot (account_id, earned_at, id);

-- 2. The nightly re-qualification renews every qualified member's row (qualified_until) each night: with
--    fillfactor 80 a page had room for the new versions of a fifth of its rows, so most went to another page
--    with new entries in both indexes. 45, as for the balance rows (V5_8), leaves room for all of them.
ALTER TABLE loyalty_member_tier SET (fillfactor = 45);
