-- The risk × value priority list (the start page's "Needs attention", the analytics customer list in priority order)
-- read from an index in its order rather than by sorting a run's every score
-- (docs/adr/0069-the-priority-list-read-from-an-index.md): the order's first two keys; ties on both are ordered as
-- they are read. Built here on the partitions there are; a new run builds it on its own partition before attaching
-- it, and the attach adopts it.
CREATE INDEX analytics_score_priority_idx ON analytics_customer_score
  ((CASE risk_category WHEN 'HIGH' THEN 0 WHEN 'MEDIUM' THEN 1 WHEN 'CHURNED' THEN 2 WHEN 'LOW' THEN 3 ELSE 4 END),
   predicted_clv DESC NULLS LAST);
