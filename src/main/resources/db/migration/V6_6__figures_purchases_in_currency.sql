-- Interaction figures: a customer's average basket is the revenue divided by the purchases that
-- revenue counts, those in the business currency, not by every purchase (docs/adr/0048). The count
-- is kept beside the count of all purchases (which staff keep seeing), on every path that keeps
-- the figures.
--
-- The rows already stored get the count, and their average basket again, from their interactions.
-- The business currency is configuration (rapport.interactions.business-currency, default EUR):
-- application.yml hands it to this script as the Flyway placeholder business-currency. A
-- customer without a purchase in it has no average basket.
ALTER TABLE customer_figures ADD COLUMN purchases_in_currency INT NOT NULL DEFAULT 0;

UPDATE customer_figures f
SET purchases_in_currency = c.n, average_basket = round(f.revenue / c.n, 2)
FROM (SELECT i.customer_id, count(*)::int AS n FROM interaction i
      WHERE i.kind = 'PURCHASE' AND i.currency = '${business-currency}'
      GROUP BY i.customer_id) c
WHERE f.customer_id = c.customer_id;

UPDATE customer_figures SET average_basket = NULL
WHERE purchases_in_currency = 0 AND average_basket IS NOT NULL;
