package org.rapport.interaction;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * Adds a bulk chunk to the customers' figures from its staging table, in one statement:
 * the staged interactions that were actually inserted (those named in the chunk's
 * "inserted" table) are aggregated per customer and channel, then per customer, and
 * merged into the kept figures as {@link FiguresStore} does for the API path. Reading the
 * staging table instead of {@code interaction} keeps the cost proportional to the chunk,
 * whatever the size of the history already stored.
 */
final class StagedFigures {

	private StagedFigures() {
	}

	/**
	 * The upsert for a staging table with the interaction columns and a table of inserted
	 * ids; parameters: the update instant, then the business currency three times.
	 */
	static String sql(String stage, String inserted) {
		return """
				INSERT INTO customer_figures AS f (customer_id, first_purchase_at, last_purchase_at, purchases, revenue,
				  returns, returned_amount, average_basket, last_contact, updated_at)
				SELECT d.customer_id, d.first_purchase_at, d.last_purchase_at, d.purchases, d.revenue, d.returns,
				  d.returned_amount, CASE WHEN d.purchases > 0 THEN round(d.revenue / d.purchases, 2) END, d.last_contact, ?
				FROM (
				  SELECT c.customer_id, min(c.first_purchase_at) AS first_purchase_at,
				    max(c.last_purchase_at) AS last_purchase_at, sum(c.purchases) AS purchases, sum(c.revenue) AS revenue,
				    sum(c.returns) AS returns, sum(c.returned_amount) AS returned_amount,
				    jsonb_object_agg(c.channel, c.last) AS last_contact
				  FROM (
				    SELECT s.customer_id, s.channel,
				      min(s.occurred_at) FILTER (WHERE s.kind = 'PURCHASE') AS first_purchase_at,
				      max(s.occurred_at) FILTER (WHERE s.kind = 'PURCHASE') AS last_purchase_at,
				      count(*) FILTER (WHERE s.kind = 'PURCHASE') AS purchases,
				      coalesce(sum(s.total) FILTER (WHERE s.kind = 'PURCHASE' AND s.currency = ?), 0)
				        - coalesce(sum(s.total) FILTER (WHERE s.kind = 'RETURN' AND s.currency = ?), 0) AS revenue,
				      count(*) FILTER (WHERE s.kind = 'RETURN') AS returns,
				      coalesce(sum(s.total) FILTER (WHERE s.kind = 'RETURN' AND s.currency = ?), 0) AS returned_amount,
				      max(s.occurred_at) AS last
				    FROM %s s JOIN %s n ON n.id = s.id
				    GROUP BY s.customer_id, s.channel) c
				  GROUP BY c.customer_id) d
				ORDER BY d.customer_id
				"""
			.formatted(stage, inserted) + FiguresStore.MERGE;
	}

	/** Runs {@link #sql} on the connection, in its open transaction. */
	static void add(Connection connection, String sql, Instant now, String currency) throws SQLException {
		try (PreparedStatement figures = connection.prepareStatement(sql)) {
			figures.setObject(1, OffsetDateTime.ofInstant(now, ZoneOffset.UTC));
			figures.setString(2, currency);
			figures.setString(3, currency);
			figures.setString(4, currency);
			figures.executeUpdate();
		}
	}

}
