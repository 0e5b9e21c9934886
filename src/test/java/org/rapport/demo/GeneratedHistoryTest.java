package org.rapport.demo;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.rapport.IntegrationTest;
import org.rapport.customer.CustomerBulkLoad;
import org.rapport.interaction.BulkWriteReport;
import org.rapport.interaction.InteractionBulkWriter;
import org.rapport.interaction.Interactions;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;

@IntegrationTest
class GeneratedHistoryTest {

	/**
	 * Figures kept by the loader, and the same computed straight from the interactions.
	 */
	static final String FIGURES_DIFFER = """
			WITH mine AS (
			  SELECT i.customer_id FROM customer_identity i
			  WHERE i.type = 'EXTERNAL' AND i.source = 'demo' AND i.value LIKE :prefix),
			kept AS (
			  SELECT f.customer_id, f.first_purchase_at, f.last_purchase_at, f.purchases, f.revenue, f.returns,
			    f.returned_amount, f.average_basket, f.last_contact, f.purchases_in_currency
			  FROM customer_figures f JOIN mine USING (customer_id)),
			straight AS (
			  SELECT x.customer_id, min(x.occurred_at) FILTER (WHERE x.kind = 'PURCHASE'),
			    max(x.occurred_at) FILTER (WHERE x.kind = 'PURCHASE'),
			    count(*) FILTER (WHERE x.kind = 'PURCHASE')::int,
			    coalesce(sum(x.total) FILTER (WHERE x.kind = 'PURCHASE'), 0)
			      - coalesce(sum(x.total) FILTER (WHERE x.kind = 'RETURN'), 0),
			    count(*) FILTER (WHERE x.kind = 'RETURN')::int,
			    coalesce(sum(x.total) FILTER (WHERE x.kind = 'RETURN'), 0),
			    round((coalesce(sum(x.total) FILTER (WHERE x.kind = 'PURCHASE'), 0)
			      - coalesce(sum(x.total) FILTER (WHERE x.kind = 'RETURN'), 0))
			      / nullif(count(*) FILTER (WHERE x.kind = 'PURCHASE'), 0), 2),
			    (SELECT jsonb_object_agg(c.channel, c.last) FROM (SELECT y.channel, max(y.occurred_at) AS last
			       FROM interaction y WHERE y.customer_id = x.customer_id GROUP BY y.channel) c),
			    -- one currency: every purchase counts in the average basket, as before
			    count(*) FILTER (WHERE x.kind = 'PURCHASE')::int
			  FROM interaction x JOIN mine USING (customer_id) GROUP BY x.customer_id)
			SELECT count(*) FROM ((SELECT * FROM kept EXCEPT SELECT * FROM straight)
			  UNION ALL (SELECT * FROM straight EXCEPT SELECT * FROM kept)) d
			""";

	@Autowired
	CustomerBulkLoad bulk;

	@Autowired
	Interactions interactions;

	@Autowired
	InteractionBulkWriter writer;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	MockMvcTester mvc;

	@Autowired
	JsonMapper json;

	final PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);

	/**
	 * Chunks of 997 interactions split customers' histories, so figures are also merged
	 * across chunks.
	 */
	@Test
	void generatedHistoriesAreWrittenWithTheirLinesAndFiguresAndARerunAddsNothing() {
		GeneratorSettings customers = GeneratorSettings.of(616_161, 400);
		HistorySettings history = HistorySettings.of(616_161, LocalDate.of(2026, 11, 1));
		GenerateCommand.load(this.bulk, customers, this.quiet);

		BulkWriteReport first = HistoryLoad.load(this.bulk, this.interactions, this.writer, customers, history, 2, 997,
				this.quiet);

		assertThat(first.written()).isEqualTo(first.read()).isGreaterThan(400);
		assertThat(count("SELECT count(*) FROM interaction WHERE source_system = 'generator' "
				+ "AND idempotency_key LIKE 'gen:616161:%'"))
			.isEqualTo(first.written());
		assertThat(count("SELECT count(*) FROM interaction_line l JOIN interaction i ON i.id = l.interaction_id "
				+ "WHERE i.idempotency_key LIKE 'gen:616161:%'"))
			.isEqualTo(first.lines());
		assertThat(count("SELECT count(DISTINCT customer_id) FROM interaction WHERE idempotency_key LIKE "
				+ "'gen:616161:%' AND kind = 'PURCHASE'"))
			.isEqualTo(400);
		assertThat(count(
				"SELECT count(*) FROM interaction WHERE idempotency_key LIKE 'gen:616161:%' " + "AND kind = 'RETURN'"))
			.isPositive();
		assertThat(count("SELECT count(*) FROM customer_figures f JOIN customer_identity i USING (customer_id) "
				+ "WHERE i.type = 'EXTERNAL' AND i.source = 'demo' AND i.value LIKE 's616161-%'"))
			.isEqualTo(400);
		assertThat(figuresDiffering("s616161-%")).isZero();

		BulkWriteReport again = HistoryLoad.load(this.bulk, this.interactions, this.writer, customers, history,
				this.quiet);

		assertThat(again.written()).isZero();
		assertThat(again.skipped()).isEqualTo(first.read());
		assertThat(count("SELECT count(*) FROM interaction WHERE idempotency_key LIKE 'gen:616161:%'"))
			.isEqualTo(first.written());
		assertThat(figuresDiffering("s616161-%")).isZero();
	}

	@Test
	void theShowcaseCustomerHasARefusedCallAndAReturnOnHerTimeline() throws Exception {
		GeneratorSettings customers = GeneratorSettings.of(626_262, 5).withShowcase();
		GenerateCommand.load(this.bulk, customers, this.quiet);
		HistoryLoad.load(this.bulk, this.interactions, this.writer, customers,
				HistorySettings.of(626_262, LocalDate.of(2026, 11, 1)), this.quiet);
		UUID maria = this.bulk.customerIds("demo", java.util.List.of(Showcase.MARIA)).get(Showcase.MARIA);

		JsonNode calls = timeline(maria, "CALL");
		JsonNode returns = timeline(maria, "RETURN");

		assertThat(calls.get("items").valueStream()).anySatisfy((call) -> {
			assertThat(call.get("outcome").asString()).isEqualTo("REFUSED");
			assertThat(call.get("outcomeReason").asString()).isEqualTo("no car available");
			assertThat(call.get("direction").asString()).isEqualTo("INBOUND");
		});
		assertThat(returns.get("items").size()).isPositive();
		assertThat(returns.get("items").get(0).get("relatedPurchaseId").isNull()).isFalse();
		assertThat(this.interactions.figures(maria).purchases()).isGreaterThan(50);
	}

	private JsonNode timeline(UUID customer, String kind) throws Exception {
		MvcTestResult result = this.mvc.get()
			.uri("/api/v1/customers/{id}/timeline?kind={kind}&size=50", customer, kind)
			.with(user("timeline-reader").authorities(new SimpleGrantedAuthority("interaction:read")))
			.exchange();
		assertThat(result).hasStatusOk();
		return this.json.readTree(result.getResponse().getContentAsString());
	}

	private long figuresDiffering(String prefix) {
		return this.jdbc.sql(FIGURES_DIFFER).param("prefix", prefix).query(Long.class).single();
	}

	private long count(String sql) {
		return this.jdbc.sql(sql).query(Long.class).single();
	}

}
