package org.rapport.interaction;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import javax.sql.DataSource;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rapport.IntegrationTest;
import org.rapport.access.ApiClients;
import org.rapport.access.Role;
import org.rapport.access.Scope;
import org.rapport.access.StaffDirectory;
import org.rapport.audit.AuditTrail;
import org.rapport.customer.Customers;
import org.rapport.platform.Actor;
import org.rapport.platform.Ids;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.springframework.transaction.PlatformTransactionManager;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;

/**
 * Exporting the interaction history (ADR 0084) on PostgreSQL, through the API, the
 * console and the command line: a JSON-lines file imports back without changing anything,
 * CSV has a row per line, filters and refusals, who may export, the audit. Each test
 * records its interactions under a source system of its own and exports that source,
 * since the tests share one database.
 */
@IntegrationTest
class InteractionExportTest {

	@Autowired
	MockMvcTester mvc;

	@Autowired
	JsonMapper json;

	@Autowired
	StaffDirectory staff;

	@Autowired
	Customers customers;

	@Autowired
	Interactions interactions;

	@Autowired
	InteractionImports imports;

	@Autowired
	InteractionExport export;

	@Autowired
	ExportCommand command;

	@Autowired
	ApiClients clients;

	@Autowired
	AuditTrail audit;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	UserDetailsService users;

	@Autowired
	InteractionBulkWriter bulk;

	@Autowired
	DataSource dataSource;

	@Autowired
	PlatformTransactionManager transactions;

	@TempDir
	Path dir;

	InteractionFixture fx;

	String source;

	UUID customer;

	UUID purchase;

	UUID call;

	@BeforeEach
	void recordAPurchaseAReturnACallWithoutAKeyAndAVisit() {
		this.fx = new InteractionFixture(this.mvc, this.json, this.staff, this.customers, this.interactions);
		this.source = "exp-" + InteractionFixture.unique();
		this.customer = this.fx.customer();
		String shirt = this.fx.product("shirts");
		String socks = this.fx.product("socks");
		Map<String, Object> bought = this.fx.purchase(this.customer, "2024-03-01T10:00:00Z", shirt, 2, "19.90", socks,
				3, "4.50");
		bought.put("sourceSystem", this.source);
		bought.put("orderReference", "R-1");
		bought.put("store", "Leeds");
		bought.put("attributes", Map.of("gift", true, "note", "blue, \"wrapped\""));
		this.purchase = UUID.fromString(record(bought).get("id").asString());

		Map<String, Object> back = this.fx.purchase(this.customer, "2024-03-05T09:00:00Z", shirt, 1, "19.90");
		back.put("kind", "RETURN");
		back.put("sourceSystem", this.source);
		back.put("relatedPurchaseId", this.purchase.toString());
		record(back);

		Map<String, Object> rang = this.fx.contact(this.customer, "CALL", "phone", "2024-04-01T18:00:00Z");
		rang.put("sourceSystem", this.source);
		rang.remove("idempotencyKey");
		rang.put("direction", "INBOUND");
		rang.put("outcome", "REFUSED");
		rang.put("outcomeReason", "no car available");
		this.call = UUID.fromString(record(rang).get("id").asString());

		Map<String, Object> came = this.fx.contact(this.customer, "VISIT", "store", "2024-05-01T11:00:00Z");
		came.put("sourceSystem", this.source);
		came.remove("idempotencyKey");
		came.put("externalId", "visit-" + InteractionFixture.unique());
		record(came);
	}

	@Test
	void anInteractionRecordedWithoutAKeyIsKnownByItsOwnId() {
		String key = this.jdbc.sql("SELECT idempotency_key FROM interaction WHERE id = ?")
			.param(this.call)
			.query(String.class)
			.single();

		assertThat(key).isEqualTo("interaction:" + this.call);
		assertThat(this.jdbc.sql("SELECT count(*) FROM interaction WHERE idempotency_key IS NULL")
			.query(Long.class)
			.single()).isZero();
	}

	@Test
	void aJsonLinesExportImportsBackAndChangesNothing() throws Exception {
		Path file = this.dir.resolve("history.jsonl");
		Files.write(file, api("/api/v1/interactions/export?source=" + this.source).getBytes(StandardCharsets.UTF_8));
		Object figures = this.interactions.figures(this.customer);

		ImportJobView job = this.imports.importFile(file, "history.jsonl", ImportOptions.of(ImportFormat.JSONL, null),
				ImportListener.NONE);

		assertThat(job.status()).isEqualTo(ImportJobView.Status.DONE);
		assertThat(job.rejected()).isZero();
		assertThat(job.stored()).isZero();
		assertThat(job.skipped()).isEqualTo(4);
		assertThat(count()).isEqualTo(4);
		assertThat(this.interactions.figures(this.customer)).isEqualTo(figures);
	}

	@Test
	void eachJsonLineIsTheInteractionAsTheApiShowsItInTheOrderRecorded() {
		List<JsonNode> lines = api("/api/v1/interactions/export?source=" + this.source).lines()
			.map(this.json::readTree)
			.toList();

		assertThat(lines).extracting((l) -> l.get("kind").asString())
			.containsExactly("PURCHASE", "RETURN", "CALL", "VISIT");
		for (JsonNode line : lines) {
			JsonNode shown = this.fx
				.body(this.fx.get(this.fx.as(Role.ADMIN), "/api/v1/interactions/" + line.get("id").asString()));
			for (String field : List.of("customerId", "kind", "channel", "occurredAt", "sourceSystem", "externalId",
					"idempotencyKey", "outcome", "outcomeReason", "direction", "orderReference", "currency", "store",
					"relatedPurchaseId")) {
				assertThat(text(line, field)).as(field).isEqualTo(text(shown, field));
			}
			if (shown.hasNonNull("total")) {
				assertThat(line.path("total").decimalValue()).isEqualByComparingTo(shown.get("total").decimalValue());
			}
			else {
				assertThat(line.has("total")).isFalse();
			}
			assertThat(line.path("lines").size()).isEqualTo(shown.path("lines").size());
			for (int i = 0; i < line.path("lines").size(); i++) {
				JsonNode a = line.get("lines").get(i);
				JsonNode b = shown.get("lines").get(i);
				assertThat(a.get("sku").asString()).isEqualTo(b.get("sku").asString());
				assertThat(a.get("quantity").decimalValue()).isEqualByComparingTo(b.get("quantity").decimalValue());
				assertThat(a.get("amount").decimalValue()).isEqualByComparingTo(b.get("amount").decimalValue());
			}
		}
		assertThat(lines.get(0).get("attributes").get("note").asString()).isEqualTo("blue, \"wrapped\"");
		assertThat(lines.get(1).get("lines").get(0).get("purchaseLineNo").asInt()).isEqualTo(1);
		assertThat(lines.get(2).get("idempotencyKey").asString()).isEqualTo("interaction:" + this.call);
	}

	@Test
	void theCsvHasOneRowPerPurchaseLineAndOneRowPerContact() {
		MvcTestResult result = this.fx.get(this.fx.as(Role.MANAGER),
				"/api/v1/interactions/export?format=csv&source=" + this.source);

		assertThat(result).hasStatus(200);
		assertThat(result.getResponse().getContentType()).startsWith("text/csv");
		assertThat(result.getResponse().getHeader("Content-Disposition")).contains("interactions-start-now.csv");
		List<String> rows = body(result).lines().toList();
		assertThat(rows.get(0)).isEqualTo(String.join(",", InteractionExport.CSV_COLUMNS));
		assertThat(rows).hasSize(1 + 2 + 1 + 1 + 1);
		assertThat(rows.get(1))
			.startsWith(this.purchase + "," + this.customer + ",purchase,store,2024-03-01T10:00:00Z,")
			.contains(",R-1,")
			.contains(",1,SKU-");
		assertThat(rows.get(4)).contains(",call,phone,").contains(",REFUSED,no car available,INBOUND,");
	}

	@Test
	void theExportKeepsToThePeriodTheKindsAndTheCustomerAsked() {
		assertThat(kinds("&from=2024-03-02&to=2024-04-02")).containsExactly("RETURN", "CALL");
		assertThat(kinds("&kind=purchase,visit")).containsExactly("PURCHASE", "VISIT");
		assertThat(kinds("&kind=call&kind=return")).containsExactly("RETURN", "CALL");
		assertThat(kinds("&customer=" + this.fx.customer())).isEmpty();
		assertThat(kinds("&customer=" + this.customer + "&to=2024-03-01T10:00:01Z")).containsExactly("PURCHASE");
	}

	@Test
	void badParametersAreA400NamingEachFieldAndNothingIsWritten() {
		MvcTestResult result = this.fx.get(this.fx.as(Role.MANAGER),
				"/api/v1/interactions/export?from=2024-13-01&kind=parcel&format=xml&customer=someone");

		assertThat(result).hasStatus(400);
		JsonNode problem = this.fx.body(result);
		assertThat(problem.get("errors").valueStream().map((e) -> e.get("field").asString()).toList())
			.containsExactly("from", "kind", "customer", "format");
		assertThat(this.fx.get(this.fx.as(Role.MANAGER), "/api/v1/interactions/export?from=2024-05-01&to=2024-04-01"))
			.hasStatus(400)
			.bodyText()
			.contains("must be after from");
	}

	@Test
	void onlyStaffAndClientsAllowedToExportGetTheFile() {
		assertThat(this.fx.get(this.fx.as(Role.SALES), "/api/v1/interactions/export")).hasStatus(403);
		assertThat(this.fx.get(this.fx.as(Role.MARKETER), "/api/v1/interactions/export")).hasStatus(403);
		String reader = this.clients
			.create("reader-" + InteractionFixture.unique(), Set.of(Scope.INTERACTIONS_READ), Actor.SYSTEM)
			.apiKey();
		String warehouse = this.clients
			.create("warehouse-" + InteractionFixture.unique(), Set.of(Scope.INTERACTIONS_EXPORT), Actor.SYSTEM)
			.apiKey();

		assertThat(this.mvc.get().uri("/api/v1/interactions/export").header("X-API-Key", reader).exchange())
			.hasStatus(403);
		MvcTestResult allowed = this.mvc.get()
			.uri("/api/v1/interactions/export?source=" + this.source)
			.header("X-API-Key", warehouse)
			.exchange();
		assertThat(allowed).hasStatus(200);
		assertThat(body(allowed).lines()).hasSize(4);
		assertThat(this.mvc.get().uri("/api/v1/interactions/export").exchange()).hasStatus(401);
	}

	@Test
	void everyExportIsInTheAuditTrailWithWhoAndWhat() {
		int before = this.audit.entriesAbout("interactions", "csv").size();

		this.fx.get(this.fx.as(Role.MANAGER), "/api/v1/interactions/export?format=csv&kind=call&source=" + this.source);

		List<AuditTrail.Entry> entries = this.audit.entriesAbout("interactions", "csv");
		assertThat(entries).hasSize(before + 1);
		AuditTrail.Entry entry = entries.get(entries.size() - 1);
		assertThat(entry.action()).isEqualTo("interaction.exported");
		assertThat(entry.actorName()).isEqualTo("MANAGER");
		assertThat(this.json.writeValueAsString(entry.after())).contains(this.source).contains("CALL");
	}

	@Test
	void theCommandWritesTheFileWholeOrNotAtAll() throws Exception {
		ByteArrayOutputStream err = new ByteArrayOutputStream();
		this.command.output(new PrintStream(err, true, StandardCharsets.UTF_8));
		Path file = this.dir.resolve("out.csv");

		int status = this.command.run(new String[] { "interactions", "--out", file.toString(), "--source", this.source,
				"--from", "2024-03-02" });

		assertThat(status).isZero();
		assertThat(Files.readAllLines(file)).hasSize(1 + 1 + 1 + 1).first().asString().startsWith("interaction_id,");
		assertThat(err.toString(StandardCharsets.UTF_8)).contains("Exported 3 interactions to " + file);
		try (var listing = Files.list(this.dir)) {
			assertThat(listing.map((p) -> p.getFileName().toString())).containsExactly("out.csv");
		}

		assertThat(this.command.run(new String[] { "interactions", "--source", this.source })).isEqualTo(2);
		assertThat(this.command.run(new String[] { "interactions", "--out", this.dir.resolve("x.jsonl").toString(),
				"--from", "yesterday" }))
			.isEqualTo(2);
		assertThat(err.toString(StandardCharsets.UTF_8)).contains("give the file to write")
			.contains("from: is not a date");
		assertThat(this.dir.resolve("x.jsonl")).doesNotExist();
	}

	@Test
	void aPullThatGoesOnLeavesOutWhatIsStillSettlingAndThenMissesNothing() {
		String pull = "/api/v1/interactions/export?source=" + this.source + "&after=";
		assertThat(api(pull + "start")).as("recorded seconds ago: still settling").isEmpty();

		UUID earlier = Ids.next(Instant.now().minus(Duration.ofHours(2)).toEpochMilli());
		this.bulk.write(List.of(new BulkInteraction(earlier, this.customer, InteractionKind.VISIT, "store",
				Instant.parse("2024-02-01T09:00:00Z"), this.source, "visit-" + earlier, null, null, null, null, null,
				null, null, null, null, null, "{}", List.of()))
			.iterator(), 0, null);

		assertThat(api(pull + "start").lines()).singleElement()
			.satisfies(
					(line) -> assertThat(this.json.readTree(line).get("id").asString()).isEqualTo(earlier.toString()));
		assertThat(api(pull + earlier)).isEmpty();
		assertThat(this.audit.entriesAbout("interactions", "jsonl")).last()
			.satisfies((e) -> assertThat(this.json.writeValueAsString(e.after())).contains(earlier.toString()));
	}

	@Test
	void aSettledPullGivesWhatWasRecordedAfterTheIdInTheOrderRecorded() {
		InteractionExport unhurried = new InteractionExport(this.dataSource, this.transactions, this.audit, this.json,
				Duration.ZERO);
		InteractionExport.Filter after = new InteractionExport.Filter(null, null, Set.of(), this.source, null,
				this.purchase, true);

		await().atMost(Duration.ofSeconds(10)).until(() -> pulled(unhurried, after).size() == 3);

		assertThat(pulled(unhurried, after)).containsExactly("RETURN", "CALL", "VISIT");
		assertThat(this.fx.get(this.fx.as(Role.MANAGER), "/api/v1/interactions/export?after=yesterday")).hasStatus(400)
			.bodyText()
			.contains("\"field\":\"after\"");
	}

	private List<String> pulled(InteractionExport export, InteractionExport.Filter filter) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		export.export(filter, InteractionExport.Format.JSONL, out, null);
		return out.toString(StandardCharsets.UTF_8)
			.lines()
			.map((l) -> this.json.readTree(l).get("kind").asString())
			.toList();
	}

	@Test
	void theConsoleOffersTheFormAndShowsRefusedFieldsAtTheirPlace() {
		RequestPostProcessor manager = console(Role.MANAGER);
		MvcTestResult form = this.mvc.get().uri("/exports").with(manager).exchange();
		assertThat(form).hasStatus(200);
		assertThat(form).bodyText().contains("id=\"export-form\"").contains("id=\"export-kind-PURCHASE\"");
		assertThat(this.mvc.get().uri("/imports").with(manager).exchange()).bodyText().contains("id=\"import-export\"");

		MvcTestResult refused = this.mvc.get()
			.uri("/exports/interactions?from=2024-05-01&to=2024-04-01")
			.with(manager)
			.exchange();
		assertThat(refused).hasStatus(400);
		assertThat(refused).bodyText().contains("id=\"export-error-to\"").contains("must be after from");

		MvcTestResult file = this.mvc.get()
			.uri("/exports/interactions?format=jsonl&kind=VISIT&source=" + this.source)
			.with(manager)
			.exchange();
		assertThat(file).hasStatus(200);
		assertThat(body(file).lines()).hasSize(1);
		assertThat(this.mvc.get().uri("/exports").with(console(Role.MARKETER)).exchange()).hasStatus(403);
	}

	/** A signed-in console user of the role (the console takes no HTTP Basic). */
	private RequestPostProcessor console(Role role) {
		String login = "exp-" + role.name().toLowerCase().replace('_', '-') + "-" + InteractionFixture.unique();
		this.staff.create(login, "Test " + role.name(), InteractionFixture.PASSWORD, java.util.EnumSet.of(role));
		return user(this.users.loadUserByUsername(login));
	}

	private JsonNode record(Map<String, Object> body) {
		MvcTestResult result = this.fx.post(this.fx.as(Role.ADMIN), "/api/v1/interactions", body);
		assertThat(result).hasStatus(201);
		return this.fx.body(result);
	}

	private String api(String uri) {
		MvcTestResult result = this.fx.get(this.fx.as(Role.MANAGER), uri);
		assertThat(result).hasStatus(200);
		assertThat(result.getResponse().getContentType()).startsWith("application/x-ndjson");
		return body(result);
	}

	private List<String> kinds(String query) {
		List<String> kinds = new ArrayList<>();
		api("/api/v1/interactions/export?source=" + this.source + query).lines()
			.forEach((l) -> kinds.add(this.json.readTree(l).get("kind").asString()));
		return kinds;
	}

	private long count() {
		return this.jdbc.sql("SELECT count(*) FROM interaction WHERE source_system = ?")
			.param(this.source)
			.query(Long.class)
			.single();
	}

	private static String body(MvcTestResult result) {
		try {
			return result.getResponse().getContentAsString(StandardCharsets.UTF_8);
		}
		catch (java.io.UnsupportedEncodingException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static String text(JsonNode node, String field) {
		JsonNode value = node.get(field);
		return (value == null || value.isNull()) ? null : value.asString();
	}

}
