package org.rapport.interaction;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Adds a whole imported chunk to the customers' figures in one statement: the chunk's
 * interactions are aggregated per customer (and per customer and channel for the last
 * contacts) in one pass over the chunk, then merged into customer_figures exactly as
 * recording one interaction does, so figures after an import equal figures after
 * recording the same interactions one by one.
 */
@Repository
class ImportFigures {

	private static final String UPSERT = """
			WITH chunk AS (
			  SELECT i.customer_id, i.kind, i.channel, i.occurred_at, i.total, i.currency
			  FROM unnest(:ids::uuid[]) AS n(id) JOIN interaction i ON i.id = n.id),
			contact AS (
			  SELECT customer_id, jsonb_object_agg(channel, last) AS last_contact
			  FROM (SELECT customer_id, channel, max(occurred_at) AS last FROM chunk GROUP BY customer_id, channel) c
			  GROUP BY customer_id),
			d AS (
			  SELECT customer_id,
			    min(occurred_at) FILTER (WHERE kind = 'PURCHASE') AS first_purchase_at,
			    max(occurred_at) FILTER (WHERE kind = 'PURCHASE') AS last_purchase_at,
			    count(*) FILTER (WHERE kind = 'PURCHASE') AS purchases,
			    coalesce(sum(total) FILTER (WHERE kind = 'PURCHASE' AND currency = :currency), 0)
			      - coalesce(sum(total) FILTER (WHERE kind = 'RETURN' AND currency = :currency), 0) AS revenue,
			    count(*) FILTER (WHERE kind = 'RETURN') AS returns,
			    coalesce(sum(total) FILTER (WHERE kind = 'RETURN' AND currency = :currency), 0) AS returned_amount
			  FROM chunk GROUP BY customer_id)
			INSERT INTO customer_figures AS f (customer_id, first_purchase_at, last_purchase_at, purchases, revenue,
			  returns, returned_amount, average_basket, last_contact, updated_at)
			SELECT d.customer_id, d.first_purchase_at, d.last_purchase_at, d.purchases, d.revenue, d.returns,
			  d.returned_amount, CASE WHEN d.purchases > 0 THEN round(d.revenue / d.purchases, 2) END,
			  c.last_contact, :now
			FROM d JOIN contact c ON c.customer_id = d.customer_id
			ORDER BY d.customer_id
			ON CONFLICT (customer_id) DO UPDATE SET
			  first_purchase_at = least(f.first_purchase_at, excluded.first_purchase_at),
			  last_purchase_at = greatest(f.last_purchase_at, excluded.last_purchase_at),
			  purchases = f.purchases + excluded.purchases,
			  revenue = f.revenue + excluded.revenue,
			  returns = f.returns + excluded.returns,
			  returned_amount = f.returned_amount + excluded.returned_amount,
			  average_basket = CASE WHEN f.purchases + excluded.purchases > 0
			    THEN round((f.revenue + excluded.revenue) / (f.purchases + excluded.purchases), 2) END,
			  last_contact = (SELECT coalesce(jsonb_object_agg(e.key, e.last), '{}') FROM (
			    SELECT key, max(value::timestamptz) AS last FROM (
			      SELECT * FROM jsonb_each_text(f.last_contact)
			      UNION ALL SELECT * FROM jsonb_each_text(coalesce(excluded.last_contact, '{}'))) a
			    GROUP BY key) e),
			  updated_at = excluded.updated_at
			""";

	private final JdbcClient jdbc;

	private final String currency;

	ImportFigures(JdbcClient jdbc, IngestionSettings settings) {
		this.jdbc = jdbc;
		this.currency = settings.businessCurrency();
	}

	void add(Collection<UUID> interactionIds, Instant now) {
		if (interactionIds.isEmpty()) {
			return;
		}
		this.jdbc.sql(UPSERT)
			.param("ids", interactionIds.toArray(UUID[]::new))
			.param("currency", this.currency)
			.param("now", OffsetDateTime.ofInstant(now, ZoneOffset.UTC))
			.update();
	}

}
