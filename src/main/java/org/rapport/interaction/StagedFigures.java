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
	 * ids; parameters: the update instant, then the business currency four times.
	 */
	static String sql(String stage, String inserted) {
		return sql(stage, inserted, "s.customer_id");
	}

	/**
	 * {@link #sql(String, String)} for a staging table whose customers are named by
	 * {@code customer}, an expression over the staged row {@code s} and the inserted row
	 * {@code n} (an import's staged rows learn their customers when they are inserted).
	 */
	static String sql(String stage, String inserted, String customer) {
		return joined("%s s JOIN %s n ON n.id = s.id".formatted(stage, inserted), customer);
	}

	/**
	 * {@link #sql(String, String)} over any join of staged rows {@code s} with the
	 * customer expression {@code customer}: {@code from} names what was inserted (an
	 * import whose every staged row was inserted joins its staged rows with their
	 * customers only).
	 */
	static String joined(String from, String customer) {
		return """
				INSERT INTO customer_figures AS f (customer_id, first_purchase_at, last_purchase_at, purchases, revenue,
				  returns, returned_amount, average_basket, last_contact, updated_at, purchases_in_currency)
				SELECT d.customer_id, d.first_purchase_at, d.last_purchase_at, d.purchases, d.revenue, d.returns,
				  d.returned_amount, %3$s, d.last_contact, ?, d.purchases_in_currency
				FROM (
				  SELECT c.customer_id, min(c.first_purchase_at) AS first_purchase_at,
				    max(c.last_purchase_at) AS last_purchase_at, sum(c.purchases) AS purchases,
				    sum(c.purchases_in_currency) AS purchases_in_currency, sum(c.revenue) AS revenue,
				    sum(c.returns) AS returns, sum(c.returned_amount) AS returned_amount,
				    jsonb_object_agg(c.channel, c.last) AS last_contact
				  FROM (
				    SELECT %2$s AS customer_id, s.channel,
				      min(s.occurred_at) FILTER (WHERE s.kind = 'PURCHASE') AS first_purchase_at,
				      max(s.occurred_at) FILTER (WHERE s.kind = 'PURCHASE') AS last_purchase_at,
				      count(*) FILTER (WHERE s.kind = 'PURCHASE') AS purchases,
				      count(*) FILTER (WHERE s.kind = 'PURCHASE' AND s.currency = ?) AS purchases_in_currency,
				      coalesce(sum(s.total) FILTER (WHERE s.kind = 'PURCHASE' AND s.currency = ?), 0)
				        - coalesce(sum(s.total) FILTER (WHERE s.kind = 'RETURN' AND s.currency = ?), 0) AS revenue,
				      count(*) FILTER (WHERE s.kind = 'RETURN') AS returns,
				      coalesce(sum(s.total) FILTER (WHERE s.kind = 'RETURN' AND s.currency = ?), 0) AS returned_amount,
				      max(s.occurred_at) AS last
				    FROM %1$s
				    GROUP BY 1, s.channel) c
				  GROUP BY c.customer_id) d
				ORDER BY d.customer_id
				""".formatted(from, customer, FiguresStore.averageBasket("d.revenue", "d.purchases_in_currency"))
				+ FiguresStore.MERGE;
	}

	/** Runs {@link #sql} on the connection, in its open transaction. */
	static void add(Connection connection, String sql, Instant now, String currency) throws SQLException {
		try (PreparedStatement figures = connection.prepareStatement(sql)) {
			figures.setObject(1, OffsetDateTime.ofInstant(now, ZoneOffset.UTC));
			figures.setString(2, currency);
			figures.setString(3, currency);
			figures.setString(4, currency);
			figures.setString(5, currency);
			figures.executeUpdate();
		}
	}

}
