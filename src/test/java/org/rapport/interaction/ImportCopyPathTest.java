package org.rapport.interaction;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rapport.IntegrationTest;
import org.rapport.access.StaffDirectory;
import org.rapport.customer.Customers;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The two write paths of an import chunk (ADR 0041): binary COPY straight into the tables
 * on a first run, and the staging table with ON CONFLICT when a chunk meets keys stored
 * before. Both must leave the same rows and figures, a re-run must change nothing, and
 * rows left out of a direct COPY (bad rows, unknown customers, repeated keys) must not
 * disturb the rows around them.
 */
@IntegrationTest
class ImportCopyPathTest {

	static final String HEADER = "customer_id,kind,channel,occurred_at,order_reference,sku,quantity,unit_price,"
			+ "discount,total,currency,store,external_id,idempotency_key\n";

	@Autowired
	InteractionImports imports;

	@Autowired
	Interactions interactions;

	@Autowired
	Customers customers;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	MockMvcTester mvc;

	@Autowired
	JsonMapper json;

	@Autowired
	StaffDirectory staff;

	@TempDir
	Path dir;

	InteractionFixture fx;

	@BeforeEach
	void setUp() {
		this.fx = new InteractionFixture(this.mvc, this.json, this.staff, this.customers, this.interactions);
	}

	/** A history of purchases (money of all shapes) and contacts of two customers. */
	private static String history(UUID ana, UUID bea, String sku, String other) {
		return HEADER + ana + ",purchase,store,2024-01-05T10:00:00Z,A-1," + sku + ",2,5.00,,,EUR,Main street,,\n" + ana
				+ ",purchase,store,2024-01-05T10:00:00Z,A-1," + other + ",0.125,80.00,0.50,,EUR,Main street,,\n" + bea
				+ ",purchase,web,2024-02-01,A-2," + sku + ",1,1234567.89,,1234567.89,EUR,,,\n" + bea
				+ ",visit,store,2024-02-03T08:30:00Z,,,,,,,,Main street,V-1,\n" + ana + ",purchase,web,20240310,A-3,"
				+ other + ",3,0.05,,,USD,,,\n" + bea + ",purchase,store,2024-03-11T12:00:00Z,A-4," + sku
				+ ",10000,1.00,0.01,,EUR,,,\n" + ana + ",call,phone,2024-03-12T09:15:00Z,,,,,,,,,,call-1\n" + bea
				+ ",purchase,store,2024-03-13T12:00:00Z,A-5," + sku + ",1,0.00,,,EUR,,,\n";
	}

	@Test
	void aFirstRunWrittenStraightIntoTheTablesAndAChunkStoredThroughStagingGiveTheSameRowsAndFigures()
			throws IOException {
		String sku = this.fx.product("garden");
		String other = this.fx.product("books");
		UUID ana1 = this.fx.customer();
		UUID bea1 = this.fx.customer();
		UUID ana2 = this.fx.customer();
		UUID bea2 = this.fx.customer();
		String first = "first-" + InteractionFixture.unique();
		String staged = "staged-" + InteractionFixture.unique();
		Path straight = write("straight.csv", history(ana1, bea1, sku, other));
		String file2 = history(ana2, bea2, sku, other);
		Path throughStaging = write("staging.csv", file2);
		// one purchase of the second file stored before: its chunk meets a stored key
		Path one = write("one.csv", HEADER + file2.lines().skip(3).findFirst().orElseThrow() + "\n");

		ImportJobView a = this.imports.importFile(straight, "straight.csv", ImportOptions.of(ImportFormat.CSV, first),
				ImportListener.NONE);
		ImportJobView before = this.imports.importFile(one, "one.csv", ImportOptions.of(ImportFormat.CSV, staged),
				ImportListener.NONE);
		ImportJobView b = this.imports.importFile(throughStaging, "staging.csv",
				ImportOptions.of(ImportFormat.CSV, staged), ImportListener.NONE);

		assertThat(a.stored()).isEqualTo(7);
		assertThat(before.stored()).isEqualTo(1);
		assertThat(b.stored()).isEqualTo(6);
		assertThat(b.skipped()).isEqualTo(1);
		assertThat(rows(staged)).isEqualTo(rows(first));
		assertThat(lines(staged)).isEqualTo(lines(first)).hasSize(6);
		assertThat(figures(ana2)).isEqualTo(figures(ana1));
		assertThat(figures(bea2)).isEqualTo(figures(bea1));
		// the money as written in the file, in the table's scale
		assertThat(lines(first)).contains("0.125|80.00|0.50|9.50|", "3.000|0.05|0.00|0.15|",
				"10000.000|1.00|0.01|9999.99|", "1.000|0.00|0.00|0.00|");
		assertThat(this.interactions.figures(bea1).revenue()).isEqualByComparingTo("1244567.88");
		assertThat(this.interactions.figures(ana1).revenue()).isEqualByComparingTo("19.50");
		assertThat(this.interactions.figures(ana1).purchases()).isEqualTo(2);
		assertThat(this.interactions.figures(ana1).lastContact()).containsKeys("store", "web", "phone");
	}

	@Test
	void aRerunOfAFileWrittenStraightIntoTheTablesChangesNoRowAndNoFigure() throws IOException {
		String sku = this.fx.product("garden");
		String other = this.fx.product("books");
		UUID ana = this.fx.customer();
		UUID bea = this.fx.customer();
		String source = "rerun-" + InteractionFixture.unique();
		Path file = write("rerun.csv", history(ana, bea, sku, other));
		ImportOptions options = ImportOptions.of(ImportFormat.CSV, source);

		ImportJobView first = this.imports.importFile(file, "rerun.csv", options, ImportListener.NONE);
		List<String> stored = storedRows(source);
		List<String> figures = List.of(figures(ana), figures(bea));
		ImportJobView again = this.imports.importFile(file, "rerun.csv", options, ImportListener.NONE);

		assertThat(first.stored()).isEqualTo(7);
		assertThat(again.stored()).isZero();
		assertThat(again.skipped()).isEqualTo(7);
		assertThat(storedRows(source)).isEqualTo(stored).hasSize(7);
		assertThat(List.of(figures(ana), figures(bea))).isEqualTo(figures);
	}

	@Test
	void rowsLeftOutOfADirectCopyInTheMiddleOfAChunkAreReportedAndTheRowsAroundThemStored() throws IOException {
		String sku = this.fx.product("garden");
		UUID ana = this.fx.customer();
		String source = "middle-" + InteractionFixture.unique();
		StringBuilder csv = new StringBuilder(HEADER);
		for (int n = 1; n <= 6; n++) {
			csv.append(ana).append(",purchase,store,2024-04-0").append(n).append("T10:00:00Z,M-").append(n).append(',');
			csv.append(sku).append(",1,2.00,,,EUR,,,\n");
			csv.append(ana).append(",purchase,store,2024-04-0").append(n).append("T10:00:00Z,M-").append(n).append(',');
			csv.append(sku).append(",2,1.00,,,EUR,,,\n");
			if (n == 2) {
				// line 6: unknown SKU, rejected by the rules on the reading thread
				csv.append(ana).append(",purchase,store,2024-04-02T11:00:00Z,X-1,NO-SUCH-SKU,1,1.00,,,EUR,,,\n");
				// line 7: a customer nobody has, left out of the COPY by the writer
				csv.append(UUID.randomUUID()).append(",purchase,store,2024-04-02T12:00:00Z,X-2,").append(sku);
				csv.append(",1,1.00,,,EUR,,,\n");
			}
			if (n == 4) {
				// line 12: the key of the first purchase again, skipped
				csv.append(ana).append(",purchase,store,2024-04-01T10:00:00Z,M-1,").append(sku);
				csv.append(",1,2.00,,,EUR,,,\n");
			}
		}
		Path file = write("middle.csv", csv.toString());
		List<ImportRejection> reported = new ArrayList<>();

		ImportJobView job = this.imports.importFile(file, "middle.csv", ImportOptions.of(ImportFormat.CSV, source),
				new ImportListener() {
					@Override
					public void rejected(ImportRejection rejection) {
						reported.add(rejection);
					}
				});

		assertThat(job.status()).isEqualTo(ImportJobView.Status.DONE);
		assertThat(job.stored()).isEqualTo(6);
		assertThat(job.skipped()).isEqualTo(1);
		assertThat(reported).extracting(ImportRejection::line).containsExactly(6L, 7L);
		assertThat(reported).extracting(ImportRejection::reason)
			.satisfiesExactly((r) -> assertThat(r).contains("not a product"),
					(r) -> assertThat(r).startsWith("customer_id: no customer has the id "));
		assertThat(lines(source)).hasSize(12);
		assertThat(this.jdbc
			.sql("SELECT count(*) FROM interaction i WHERE i.source_system = ? AND "
					+ "(SELECT count(*) FROM interaction_line l WHERE l.interaction_id = i.id) <> 2")
			.param(source)
			.query(Long.class)
			.single()).isZero();
		CustomerFigures figures = this.interactions.figures(ana);
		assertThat(figures.purchases()).isEqualTo(6);
		assertThat(figures.revenue()).isEqualByComparingTo("24.00");
	}

	private Path write(String name, String text) throws IOException {
		Path file = this.dir.resolve(name);
		Files.writeString(file, text);
		return file;
	}

	/**
	 * The interactions of a source as they were written, without their ids, recording
	 * instant and source, in file order; customers named by their order of appearance.
	 */
	private List<String> rows(String source) {
		Map<UUID, Integer> named = new java.util.LinkedHashMap<>();
		return this.jdbc.sql("""
				SELECT customer_id, kind, channel, occurred_at, external_id, idempotency_key, outcome, outcome_reason,
				  direction, order_reference, total, currency, store, staff_id, related_purchase_id, reference_id,
				  attributes::text
				FROM interaction WHERE source_system = ? ORDER BY occurred_at, idempotency_key""")
			.param(source)
			.query((rs, n) -> {
				StringBuilder sb = new StringBuilder(
						"customer " + named.computeIfAbsent(rs.getObject(1, UUID.class), (k) -> named.size()));
				for (int c = 2; c <= 17; c++) {
					sb.append('|').append(rs.getString(c));
				}
				return sb.toString();
			})
			.list();
	}

	/** The stored rows of a source, whole. */
	private List<String> storedRows(String source) {
		return this.jdbc.sql("SELECT i::text FROM interaction i WHERE source_system = ? ORDER BY id")
			.param(source)
			.query(String.class)
			.list();
	}

	/**
	 * The lines of a source's interactions, in file order, without the interaction id.
	 */
	private List<String> lines(String source) {
		return this.jdbc
			.sql("""
					SELECT l.line_no || '|' || l.sku || '|' || coalesce(l.category, '') || '|' || l.quantity || '|'
					  || l.unit_price || '|' || l.discount || '|' || l.amount || '|' || coalesce(l.purchase_line_no::text, '')
					FROM interaction_line l JOIN interaction i ON i.id = l.interaction_id
					WHERE i.source_system = ? ORDER BY i.occurred_at, i.idempotency_key, l.line_no""")
			.param(source)
			.query(String.class)
			.list()
			.stream()
			.map((l) -> l.substring(l.indexOf('|', l.indexOf('|', l.indexOf('|') + 1) + 1) + 1))
			.toList();
	}

	/** A customer's figures as stored, without the instant of the last update. */
	private String figures(UUID customer) {
		return this.jdbc.sql("""
				SELECT first_purchase_at || '|' || last_purchase_at || '|' || purchases || '|' || revenue || '|'
				  || returns || '|' || returned_amount || '|' || average_basket || '|' || last_contact::text
				FROM customer_figures WHERE customer_id = ?""").param(customer).query(String.class).single();
	}

}
