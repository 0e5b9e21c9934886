-- Programme figures from a monthly roll-up (docs/adr/0061-programme-figures-from-a-monthly-roll-up.md).
-- Closed months (before the current UTC month) are kept per programme in loyalty_figures_month; the current month
-- and later are read from the ledger through the BRIN indexes below. Everything here is derived from
-- loyalty_movement and loyalty_purchase and can be deleted at any time: the next read fills it again.

-- What each programme's movements and purchases came to in a closed month. active = accounts with a movement of
-- their own (not an activation, expiry or transfer) or a purchase in the month.
CREATE TABLE loyalty_figures_month
(
  programme_id uuid   NOT NULL REFERENCES loyalty_programme (id),
  month        date   NOT NULL CHECK (extract(day FROM month) = 1),
  issued       bigint NOT NULL,
  redeemed     bigint NOT NULL,
  expired      bigint NOT NULL,
  net          bigint NOT NULL,
  active       bigint NOT NULL,
  PRIMARY KEY (programme_id, month)
);

-- How far the roll-up reaches (one row): every month before open_from is in it, counted from the movements and
-- purchases recorded up to recorded_through (by their version 7 ids); the next refresh looks at what was recorded
-- after that, less a margin for transactions that drew their ids before it and committed after.
CREATE TABLE loyalty_figures_state
(
  singleton        boolean     PRIMARY KEY DEFAULT true CHECK (singleton),
  open_from        date        NOT NULL,
  recorded_through timestamptz NOT NULL,
  refreshed_at     timestamptz NOT NULL
);

-- Rows are appended roughly in the order of occurred_at, so a block-range index finds a month's rows at almost no
-- cost to the writers (no entry per row; 96 kB for 13 million movements); a block range is summarised as soon
-- as it is full.
CREATE INDEX loyalty_movement_occurred_brin ON loyalty_movement USING brin (occurred_at) WITH (autosummarize = on);
CREATE INDEX loyalty_purchase_occurred_brin ON loyalty_purchase USING brin (occurred_at) WITH (autosummarize = on);
