package org.rapport.interaction;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Per-customer figures, maintained set-based: one upsert adds all interactions of a batch
 * to their customers' figures; one statement recomputes a customer's figures from all
 * their interactions (after a merge). Revenue is net of returns and counts amounts in the
 * business currency only; the average basket divides it by the purchases it counts, those
 * in the business currency ({@code purchases_in_currency}, kept beside the count of all
 * purchases; docs/adr/0048).
 */
@Repository
class FiguresStore {

	/**
	 * The aggregate of a set of interactions per customer, as the source of both upserts.
	 */
	private static final String AGGREGATE = """
			SELECT i.customer_id,
			  min(i.occurred_at) FILTER (WHERE i.kind = 'PURCHASE') AS first_purchase_at,
			  max(i.occurred_at) FILTER (WHERE i.kind = 'PURCHASE') AS last_purchase_at,
			  count(*) FILTER (WHERE i.kind = 'PURCHASE') AS purchases,
			  count(*) FILTER (WHERE i.kind = 'PURCHASE' AND i.currency = :currency) AS purchases_in_currency,
			  coalesce(sum(i.total) FILTER (WHERE i.kind = 'PURCHASE' AND i.currency = :currency), 0)
			    - coalesce(sum(i.total) FILTER (WHERE i.kind = 'RETURN' AND i.currency = :currency), 0) AS revenue,
			  count(*) FILTER (WHERE i.kind = 'RETURN') AS returns,
			  coalesce(sum(i.total) FILTER (WHERE i.kind = 'RETURN' AND i.currency = :currency), 0) AS returned_amount,
			  (SELECT jsonb_object_agg(c.channel, c.last) FROM (
			     SELECT j.channel, max(j.occurred_at) AS last FROM interaction j
			     WHERE j.customer_id = i.customer_id AND %s GROUP BY j.channel) c) AS last_contact
			FROM interaction i WHERE %s
			GROUP BY i.customer_id ORDER BY i.customer_id
			""";

	/**
	 * How new figures are merged into a customer's kept ones; shared by every path that
	 * adds interactions (the API's groups and batches, the bulk writer, the import), so
	 * they all add up the same way. The new last contacts (one or two channels) replace
	 * the kept ones only where they are later, instead of unpacking and regrouping both
	 * maps (the import's merge since ADR 0041, every path's since ADR 0073).
	 */
	static final String MERGE = """
			ON CONFLICT (customer_id) DO UPDATE SET
			  first_purchase_at = least(f.first_purchase_at, excluded.first_purchase_at),
			  last_purchase_at = greatest(f.last_purchase_at, excluded.last_purchase_at),
			  purchases = f.purchases + excluded.purchases,
			  purchases_in_currency = f.purchases_in_currency + excluded.purchases_in_currency,
			  revenue = f.revenue + excluded.revenue,
			  returns = f.returns + excluded.returns,
			  returned_amount = f.returned_amount + excluded.returned_amount,
			  average_basket = %s,
			  last_contact = f.last_contact || coalesce((
			    SELECT jsonb_object_agg(e.key, e.value) FROM jsonb_each(excluded.last_contact) e
			    WHERE coalesce((f.last_contact ->> e.key)::timestamptz < (e.value #>> '{}')::timestamptz, TRUE)), '{}'),
			  updated_at = excluded.updated_at
			""".formatted(averageBasket("(f.revenue + excluded.revenue)",
			"(f.purchases_in_currency + excluded.purchases_in_currency)"));

	private static final String UPSERT = """
			WITH chunk AS (
			  SELECT * FROM unnest(:customers::uuid[], :kinds::text[], :channels::text[], :occurred::timestamptz[],
			    :totals::numeric(14, 2)[], :currencies::char(3)[])
			    AS i(customer_id, kind, channel, occurred_at, total, currency)),
			contact AS (
			  SELECT customer_id, jsonb_object_agg(channel, last) AS last_contact
			  FROM (SELECT customer_id, channel, max(occurred_at) AS last FROM chunk GROUP BY customer_id, channel) c
			  GROUP BY customer_id),
			d AS (
			  SELECT customer_id,
			    min(occurred_at) FILTER (WHERE kind = 'PURCHASE') AS first_purchase_at,
			    max(occurred_at) FILTER (WHERE kind = 'PURCHASE') AS last_purchase_at,
			    count(*) FILTER (WHERE kind = 'PURCHASE') AS purchases,
			    count(*) FILTER (WHERE kind = 'PURCHASE' AND currency = :currency) AS purchases_in_currency,
			    coalesce(sum(total) FILTER (WHERE kind = 'PURCHASE' AND currency = :currency), 0)
			      - coalesce(sum(total) FILTER (WHERE kind = 'RETURN' AND currency = :currency), 0) AS revenue,
			    count(*) FILTER (WHERE kind = 'RETURN') AS returns,
			    coalesce(sum(total) FILTER (WHERE kind = 'RETURN' AND currency = :currency), 0) AS returned_amount
			  FROM chunk GROUP BY customer_id)
			INSERT INTO customer_figures AS f (customer_id, first_purchase_at, last_purchase_at, purchases, revenue,
			  returns, returned_amount, average_basket, last_contact, updated_at, purchases_in_currency)
			SELECT d.customer_id, d.first_purchase_at, d.last_purchase_at, d.purchases, d.revenue, d.returns,
			  d.returned_amount, %s, c.last_contact, :now, d.purchases_in_currency
			FROM d JOIN contact c ON c.customer_id = d.customer_id
			ORDER BY d.customer_id
			""".formatted(averageBasket("d.revenue", "d.purchases_in_currency")) + MERGE;

	private static final String COLUMNS = "customer_id, first_purchase_at, last_purchase_at, purchases, revenue, "
			+ "returns, returned_amount, average_basket, last_contact, updated_at, purchases_in_currency";

	private static final String SELECT = "SELECT d.customer_id, d.first_purchase_at, d.last_purchase_at, d.purchases, "
			+ "d.revenue, d.returns, d.returned_amount, " + averageBasket("d.revenue", "d.purchases_in_currency")
			+ ", d.last_contact, :now, d.purchases_in_currency FROM ";

	/**
	 * The average basket as SQL: the revenue over the purchases it counts (those in the
	 * business currency), rounded to the cent; none (null) without such a purchase. Every
	 * path that keeps the figures derives it with this expression.
	 */
	static String averageBasket(String revenue, String purchasesInCurrency) {
		return "CASE WHEN %2$s > 0 THEN round(%1$s / %2$s, 2) END".formatted(revenue, purchasesInCurrency);
	}

	private final JdbcClient jdbc;

	private final JsonMapper json;

	private final String currency;

	FiguresStore(JdbcClient jdbc, JsonMapper json, IngestionSettings settings) {
		this.jdbc = jdbc;
		this.json = json;
		this.currency = settings.businessCurrency();
	}

	/**
	 * Adds the given, newly recorded interactions to their customers' figures in one
	 * statement: the interactions are aggregated per customer (and per customer and
	 * channel for the last contacts) in one pass, then merged into customer_figures. The
	 * values are those just written, passed as written (the total with the column's
	 * scale, the currency as stored), so the rows are not read back (ADR 0073). The API's
	 * groups and batches use it; the bulk paths merge with the same {@link #MERGE}.
	 */
	void add(List<Prepared> written, Instant now) {
		if (written.isEmpty()) {
			return;
		}
		int n = written.size();
		UUID[] customers = new UUID[n];
		String[] kinds = new String[n];
		String[] channels = new String[n];
		String[] occurred = new String[n];
		String[] totals = new String[n];
		String[] currencies = new String[n];
		for (int i = 0; i < n; i++) {
			NewInteraction item = written.get(i).item();
			customers[i] = written.get(i).customerId();
			kinds[i] = item.kind().name();
			channels[i] = item.channel();
			occurred[i] = item.occurredAt().toString();
			totals[i] = (item.total() == null) ? null : item.total().toPlainString();
			currencies[i] = item.currency();
		}
		this.jdbc.sql(UPSERT)
			.param("customers", customers)
			.param("kinds", kinds)
			.param("channels", channels)
			.param("occurred", occurred)
			.param("totals", totals)
			.param("currencies", currencies)
			.param("currency", this.currency)
			.param("now", OffsetDateTime.ofInstant(now, java.time.ZoneOffset.UTC))
			.update();
	}

	/**
	 * Recomputes a customer's figures from all of their interactions (none: the row
	 * goes).
	 */
	void recompute(UUID customerId, Instant now) {
		this.jdbc.sql("DELETE FROM customer_figures WHERE customer_id = ?").param(customerId).update();
		String aggregate = AGGREGATE.formatted("TRUE", "i.customer_id = :customer");
		this.jdbc.sql("INSERT INTO customer_figures (" + COLUMNS + ") " + SELECT + "(" + aggregate + ") d")
			.param("customer", customerId)
			.param("currency", this.currency)
			.param("now", OffsetDateTime.ofInstant(now, java.time.ZoneOffset.UTC))
			.update();
	}

	void forget(UUID customerId) {
		this.jdbc.sql("DELETE FROM customer_figures WHERE customer_id = ?").param(customerId).update();
	}

	Optional<CustomerFigures> find(UUID customerId) {
		return this.jdbc.sql("SELECT " + COLUMNS + " FROM customer_figures WHERE customer_id = ?")
			.param(customerId)
			.query((rs, row) -> new CustomerFigures(customerId, instant(rs.getObject(2, OffsetDateTime.class)),
					instant(rs.getObject(3, OffsetDateTime.class)), rs.getInt(4), rs.getBigDecimal(5), this.currency,
					rs.getInt(6), rs.getBigDecimal(7), rs.getBigDecimal(8), lastContact(rs.getString(9)),
					instant(rs.getObject(10, OffsetDateTime.class))))
			.optional();
	}

	/**
	 * The customers with the highest revenue among those whose last purchase is after
	 * {@code since}, highest first (ties by customer id); those with no revenue are left
	 * out.
	 */
	List<CustomerFigures> topBuyers(Instant since, int limit) {
		return this.jdbc
			.sql("SELECT " + COLUMNS + " FROM customer_figures WHERE last_purchase_at > ? AND revenue > 0 "
					+ "ORDER BY revenue DESC, customer_id LIMIT ?")
			.param(OffsetDateTime.ofInstant(since, java.time.ZoneOffset.UTC))
			.param(Math.max(0, limit))
			.query((rs, row) -> new CustomerFigures(rs.getObject(1, UUID.class),
					instant(rs.getObject(2, OffsetDateTime.class)), instant(rs.getObject(3, OffsetDateTime.class)),
					rs.getInt(4), rs.getBigDecimal(5), this.currency, rs.getInt(6), rs.getBigDecimal(7),
					rs.getBigDecimal(8), lastContact(rs.getString(9)), instant(rs.getObject(10, OffsetDateTime.class))))
			.list();
	}

	String currency() {
		return this.currency;
	}

	private Map<String, Instant> lastContact(String text) {
		Map<String, Instant> map = new TreeMap<>();
		JsonNode node = this.json.readTree(text);
		for (Iterator<Map.Entry<String, JsonNode>> it = node.properties().iterator(); it.hasNext();) {
			Map.Entry<String, JsonNode> e = it.next();
			map.put(e.getKey(), OffsetDateTime.parse(e.getValue().asString()).toInstant());
		}
		return map;
	}

	private static Instant instant(OffsetDateTime value) {
		return value == null ? null : value.toInstant();
	}

	static BigDecimal zero() {
		return BigDecimal.ZERO.setScale(2);
	}

}
