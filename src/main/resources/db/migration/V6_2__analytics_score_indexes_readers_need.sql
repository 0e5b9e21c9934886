-- Analytics: a run's partition keeps only the indexes its readers need (docs/adr/0040); each
-- index is built once per full run over every active customer (3.7M rows at 10M purchases).
--  * The primary key leads with the customer: a partition holds one run, so (customer_id,
--    run_id) serves the look-up of one customer in a run, the pages in customer order and the
--    deletion of a customer's rows in every partition (merges, erasure), for which the index on
--    customer_id alone was kept. ON CONFLICT (run_id, customer_id) finds the key by its columns,
--    in any order.
--  * The partial index on class_index goes: a class holds a sizeable share of the buyers (k is at
--    most 8), so its rows are read through the revenue order (pages) or by a scan (counts).
ALTER TABLE analytics_customer_score DROP CONSTRAINT analytics_customer_score_pkey;
ALTER TABLE analytics_customer_score ADD PRIMARY KEY (customer_id, run_id);
DROP INDEX analytics_score_customer_idx;
DROP INDEX analytics_score_class_idx;
