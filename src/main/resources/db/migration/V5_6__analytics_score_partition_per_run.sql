-- Analytics: the per-customer scores of each run in a partition of their own (docs/adr/0032).
-- analytics_customer_score becomes a table partitioned by LIST (run_id) with the same columns;
-- a run writes its rows into a fresh table without indexes, builds the indexes once and
-- attaches it as its partition; a superseded or failed run's partition is dropped instead of
-- its rows being deleted one by one. A partition is named analytics_customer_score_ and the
-- run's id without dashes (RunStore.partition).

ALTER TABLE analytics_customer_score RENAME TO analytics_customer_score_v4;
ALTER INDEX analytics_customer_score_pkey RENAME TO analytics_customer_score_v4_pkey;
ALTER INDEX analytics_score_customer_idx RENAME TO analytics_score_v4_customer_idx;
ALTER INDEX analytics_score_revenue_idx RENAME TO analytics_score_v4_revenue_idx;
ALTER INDEX analytics_score_class_idx RENAME TO analytics_score_v4_class_idx;

CREATE TABLE analytics_customer_score
(
  LIKE analytics_customer_score_v4 INCLUDING DEFAULTS,
  PRIMARY KEY (run_id, customer_id),
  FOREIGN KEY (run_id) REFERENCES analytics_run (id) ON DELETE CASCADE
) PARTITION BY LIST (run_id);
-- Every partition holds one run: the run is the partition key, the other indexes need not
-- repeat it.
CREATE INDEX analytics_score_customer_idx ON analytics_customer_score (customer_id);
CREATE INDEX analytics_score_revenue_idx ON analytics_customer_score (revenue DESC, customer_id);
CREATE INDEX analytics_score_class_idx ON analytics_customer_score (class_index) WHERE class_index IS NOT NULL;

-- The existing rows, a partition per run.
DO
$$
  DECLARE
    run UUID;
  BEGIN
    FOR run IN SELECT DISTINCT run_id FROM analytics_customer_score_v4
      LOOP
        EXECUTE format('CREATE TABLE %I PARTITION OF analytics_customer_score FOR VALUES IN (%L)',
                       'analytics_customer_score_' || replace(run::text, '-', ''), run);
      END LOOP;
  END
$$;
INSERT INTO analytics_customer_score SELECT * FROM analytics_customer_score_v4 ORDER BY run_id, customer_id;
DROP TABLE analytics_customer_score_v4;
