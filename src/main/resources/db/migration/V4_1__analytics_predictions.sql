-- Analytics: the value model of a run, customer classes and the explanatory churn model
-- (docs/adr/0014).

-- The value model fitted in a run (BG/NBD and Gamma-Gamma): per model its parameters,
-- standard errors, log-likelihood, customers and convergence, as JSON; or why predictions
-- are unavailable (too few buyers, no convergence). Incremental updates predict from the
-- stored parameters of the current run.
ALTER TABLE analytics_run ADD COLUMN value_model JSONB;
ALTER TABLE analytics_run ADD COLUMN predictions_unavailable TEXT;

-- One-to-class clustering of a run: the features, the choice of k with its curve and the
-- profile of every class, as JSON; or why there are no classes.
ALTER TABLE analytics_run ADD COLUMN class_model JSONB;
ALTER TABLE analytics_run ADD COLUMN classes_unavailable TEXT;

-- Per customer: the class (index into the run's class profiles; buyers only), and the
-- churn model's probability with the conditions of the tree path that led to it.
ALTER TABLE analytics_customer_score ADD COLUMN class_index SMALLINT;
ALTER TABLE analytics_customer_score ADD COLUMN churn_probability NUMERIC(7, 6);
ALTER TABLE analytics_customer_score ADD COLUMN churn_path TEXT[];
CREATE INDEX analytics_score_class_idx ON analytics_customer_score (run_id, class_index) WHERE class_index IS NOT NULL;

-- The explanatory churn model of a run: trained on monthly snapshots of a seeded sample
-- of buyers (features at the snapshot date, label = no purchase in the following
-- horizon), scored on the snapshots after the cut-off next to recency alone.
CREATE TABLE analytics_churn_model
(
  run_id              UUID PRIMARY KEY REFERENCES analytics_run (id) ON DELETE CASCADE,
  trained_at          TIMESTAMPTZ NOT NULL,
  horizon_days        INT         NOT NULL,
  first_snapshot      DATE,
  last_snapshot       DATE,
  cut_off             DATE,
  sampled_customers   INT         NOT NULL DEFAULT 0,
  training_rows       INT         NOT NULL DEFAULT 0,
  test_rows           INT         NOT NULL DEFAULT 0,
  training_churn_rate NUMERIC(7, 6),
  test_churn_rate     NUMERIC(7, 6),
  tree_auc            NUMERIC(7, 6),
  baseline_auc        NUMERIC(7, 6),
  features            TEXT[]      NOT NULL DEFAULT '{}',
  tree                JSONB,
  rules               TEXT,
  unavailable         TEXT
);
