-- Analytics: per-customer scores and population views, computed in snapshots (runs).
-- Read model (tables of other modules read here, never written): customer (id, status) and
-- interaction (kind, occurred_at, total, currency, outcome, attributes) — docs/adr/0010.

-- One snapshot. A full run (scope ALL) becomes the current snapshot when it completes; a
-- scoped run (scope CUSTOMERS) scores only the listed customers and is read by its id.
-- Thresholds are stored so that incremental updates score against the same cut points.
CREATE TABLE analytics_run
(
  id                        UUID PRIMARY KEY,
  scope                     TEXT        NOT NULL CHECK (scope IN ('ALL', 'CUSTOMERS')),
  scope_customers           UUID[],
  model_version             TEXT        NOT NULL,
  as_of                     TIMESTAMPTZ NOT NULL,
  status                    TEXT        NOT NULL CHECK (status IN ('RUNNING', 'COMPLETED', 'FAILED', 'SUPERSEDED')),
  started_at                TIMESTAMPTZ NOT NULL,
  heartbeat_at              TIMESTAMPTZ NOT NULL,
  finished_at               TIMESTAMPTZ,
  started_by                TEXT        NOT NULL,
  customers_total           BIGINT      NOT NULL DEFAULT 0,
  customers_done            BIGINT      NOT NULL DEFAULT 0,
  error                     TEXT,
  settings                  JSONB       NOT NULL DEFAULT '{}',
  rfm_bins                  INT         NOT NULL,
  r_cuts                    NUMERIC[],
  f_cuts                    NUMERIC[],
  m_cuts                    NUMERIC[],
  loyalty_threshold         NUMERIC,
  profitability_threshold   NUMERIC,
  buyers                    BIGINT,
  revenue                   NUMERIC(18, 2),
  top20_share               NUMERIC(7, 6),
  gini                      NUMERIC(7, 6)
);
-- At most one full run at a time; a second one is refused until the first ends.
CREATE UNIQUE INDEX analytics_run_one_full_idx ON analytics_run (scope) WHERE status = 'RUNNING' AND scope = 'ALL';
CREATE INDEX analytics_run_current_idx ON analytics_run (finished_at DESC) WHERE status = 'COMPLETED';

-- Per customer and snapshot. Money in the business currency; days as fractional days.
-- computed_at is the instant the row describes (the run's as-of, or the time of an
-- incremental update). expected_purchases, p_alive and predicted_clv come from the value
-- predictor and stay NULL while none is available.
CREATE TABLE analytics_customer_score
(
  run_id             UUID          NOT NULL REFERENCES analytics_run (id) ON DELETE CASCADE,
  customer_id        UUID          NOT NULL,
  model_version      TEXT          NOT NULL,
  computed_at        TIMESTAMPTZ   NOT NULL,
  first_purchase_at  TIMESTAMPTZ,
  last_purchase_at   TIMESTAMPTZ,
  purchases          INT           NOT NULL,
  purchase_days      INT           NOT NULL,
  revenue            NUMERIC(16, 2) NOT NULL,
  average_basket     NUMERIC(14, 2),
  tenure_days        NUMERIC(10, 2),
  recency_days       NUMERIC(10, 2),
  mean_gap_days      NUMERIC(10, 2),
  purchase_rate      NUMERIC(12, 6),
  has_contact        BOOLEAN       NOT NULL,
  promoter           BOOLEAN       NOT NULL,
  signals            TEXT[]        NOT NULL DEFAULT '{}',
  r_score            SMALLINT,
  f_score            SMALLINT,
  m_score            SMALLINT,
  rfm_segment        TEXT,
  lifecycle_stage    TEXT          NOT NULL,
  loyalty_class      TEXT,
  risk_category      TEXT,
  risk_reasons       TEXT[]        NOT NULL DEFAULT '{}',
  value_tier         TEXT,
  expected_purchases NUMERIC(12, 6),
  p_alive            NUMERIC(7, 6),
  predicted_clv      NUMERIC(16, 2),
  PRIMARY KEY (run_id, customer_id)
);
CREATE INDEX analytics_score_customer_idx ON analytics_customer_score (customer_id);
CREATE INDEX analytics_score_revenue_idx ON analytics_customer_score (run_id, revenue DESC, customer_id);

-- Lorenz curve points of a snapshot: the bottom population_share of buyers hold revenue_share.
CREATE TABLE analytics_lorenz
(
  run_id           UUID          NOT NULL REFERENCES analytics_run (id) ON DELETE CASCADE,
  population_share NUMERIC(5, 4) NOT NULL,
  revenue_share    NUMERIC(7, 6) NOT NULL,
  PRIMARY KEY (run_id, population_share)
);

-- Cohort retention: buyers whose first purchase fell in cohort_month, and how many of them
-- purchased in the month months_since later (0 = the cohort month itself).
CREATE TABLE analytics_cohort
(
  run_id       UUID NOT NULL REFERENCES analytics_run (id) ON DELETE CASCADE,
  cohort_month DATE NOT NULL,
  months_since INT  NOT NULL,
  cohort_size  INT  NOT NULL,
  customers    INT  NOT NULL,
  PRIMARY KEY (run_id, cohort_month, months_since)
);

-- Month-by-month lifecycle flows: customers in from_stage at the end of the previous month
-- and in to_stage at the end of month (both equal: stayed).
CREATE TABLE analytics_stage_flow
(
  run_id     UUID NOT NULL REFERENCES analytics_run (id) ON DELETE CASCADE,
  month      DATE NOT NULL,
  from_stage TEXT NOT NULL,
  to_stage   TEXT NOT NULL,
  customers  INT  NOT NULL,
  PRIMARY KEY (run_id, month, from_stage, to_stage)
);

-- Customers whose interactions changed since their scores were computed; the incremental
-- update takes them from here.
CREATE TABLE analytics_dirty
(
  customer_id UUID PRIMARY KEY,
  marked_at   TIMESTAMPTZ NOT NULL
);
CREATE INDEX analytics_dirty_marked_idx ON analytics_dirty (marked_at);
