package org.rapport.interaction;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
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
import static org.awaitility.Awaitility.await;

/**
 * Two writing lanes (ADR 0050) store consecutive chunks of an import at once, each stage
 * of a chunk in its turn and the commits in file order: what they store, count, reject
 * and announce is what one lane stores, counts, rejects and announces, and a chunk that
 * fails leaves only the chunks before it stored.
 */
@IntegrationTest
class ImportLanesTest {

	static final String HEADER = "customer_id,identity_type,identity_value,kind,channel,occurred_at,order_reference,"
			+ "sku,quantity,unit_price,discount,total,currency,store,external_id,idempotency_key\n";

	static final int ROWS = 90;

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

	@Autowired
	ImportedInteractionsProbe probe;

	@TempDir
	Path dir;

	InteractionFixture fx;

	@BeforeEach
	void setUp() {
		this.fx = new InteractionFixture(this.mvc, this.json, this.staff, this.customers, this.interactions);
	}

	/**
	 * A file of purchases and visits of a few customers, each in many chunks of five,
	 * with keys repeated two rows on (often in the next chunk), unknown products, unknown
	 * customers and unknown e-mail addresses (prospects) held in neighbouring chunks.
	 */
	private String history(List<UUID> known, String sku, String tag) {
		StringBuilder csv = new StringBuilder(HEADER);
		Instant start = Instant.parse("2024-01-01T08:00:00Z");
		for (int i = 0; i < ROWS; i++) {
			String at = start.plus(Duration.ofHours(i)).toString();
			String key = (i % 7 == 6) ? "K-" + (i - 2) : "K-" + i;
			String customer = known.get(i % known.size()).toString();
			String identity = ",";
			if (i % 13 == 12) {
				// nobody's id, the same in every file, since the reason names it
				customer = UUID.nameUUIDFromBytes(("nobody-" + i).getBytes(StandardCharsets.UTF_8)).toString();
			}
			if (i % 9 == 0 || i % 9 == 5) {
				customer = "";
				identity = "email,p" + (i / 9) + "-" + tag + "@example.com";
			}
			String product = (i % 11 == 10) ? "NO-SUCH-SKU" : sku;
			if (i % 10 == 3) {
				csv.append(customer).append(',').append(identity).append(",visit,store,").append(at);
				csv.append(",,,,,,,,Main street,,").append(key).append('\n');
			}
			else {
				csv.append(customer)
					.append(',')
					.append(identity)
					.append(",purchase,")
					.append(i % 2 == 0 ? "web" : "store");
				csv.append(',').append(at).append(",O-").append(i).append(',').append(product).append(',');
				csv.append(1 + i % 3).append(',').append(i).append(".25,,,EUR,,,").append(key).append('\n');
			}
		}
		return csv.toString();
	}

	private ImportOptions options(String source, int lanes) {
		return ImportOptions.of(ImportFormat.CSV, source)
			.withUnknownIdentities(ImportOptions.UnknownIdentities.CREATE_PROSPECT)
			.withChunkSize(5)
			.withLanes(lanes);
	}

	@Test
	void twoLanesStoreTheSameRowsFiguresRejectionsAndEventsAsOneLaneAndARerunChangesNothing() throws IOException {
		String sku = this.fx.product("garden");
		List<UUID> one = List.of(this.fx.customer(), this.fx.customer(), this.fx.customer());
		List<UUID> two = List.of(this.fx.customer(), this.fx.customer(), this.fx.customer());
		String sourceOne = "lane1-" + InteractionFixture.unique();
		String sourceTwo = "lane2-" + InteractionFixture.unique();
		Path fileOne = write("one.csv", history(one, sku, sourceOne));
		Path fileTwo = write("two.csv", history(two, sku, sourceTwo));
		List<String> rejectedOne = new ArrayList<>();
		List<String> rejectedTwo = new ArrayList<>();
		List<Long> progressTwo = new ArrayList<>();

		ImportJobView a = this.imports.importFile(fileOne, "one.csv", options(sourceOne, 1),
				listener(rejectedOne, null));
		ImportJobView b = this.imports.importFile(fileTwo, "two.csv", options(sourceTwo, 2),
				listener(rejectedTwo, progressTwo));

		assertThat(b.status()).isEqualTo(ImportJobView.Status.DONE);
		assertThat(b.stored()).isEqualTo(a.stored()).isEqualTo(69);
		assertThat(b.skipped()).isEqualTo(a.skipped()).isEqualTo(9);
		assertThat(b.rejected()).isEqualTo(a.rejected()).isEqualTo(12);
		assertThat(b.resumeLine()).isEqualTo(a.resumeLine()).isEqualTo(ROWS + 1);
		assertThat(rejectedTwo).isEqualTo(rejectedOne.stream().map((r) -> r.replace(sourceOne, sourceTwo)).toList());
		assertThat(storedRejections(b))
			.isEqualTo(storedRejections(a).stream().map((r) -> r.replace(sourceOne, sourceTwo)).toList());
		assertThat(rows(sourceTwo)).isEqualTo(rows(sourceOne)).hasSize((int) a.stored());
		assertThat(lines(sourceTwo)).isEqualTo(lines(sourceOne));
		assertThat(figures(sourceTwo)).isEqualTo(figures(sourceOne)).hasSize(3 + 10);
		assertThat(progressTwo).isSorted().last().isEqualTo(b.stored());
		await().untilAsserted(() -> assertThat(announced(sourceTwo)).isEqualTo(b.stored()));
		assertThat(this.probe.from(sourceTwo)).hasSameSizeAs(this.probe.from(sourceOne));
		assertThat(announced(sourceOne)).isEqualTo(a.stored());

		List<String> stored = storedRows(sourceTwo);
		List<String> figures = figures(sourceTwo);
		ImportJobView again = this.imports.importFile(fileTwo, "two.csv", options(sourceTwo, 2), ImportListener.NONE);

		assertThat(again.stored()).isZero();
		assertThat(again.skipped()).isEqualTo(b.stored() + b.skipped());
		assertThat(storedRows(sourceTwo)).isEqualTo(stored);
		assertThat(figures(sourceTwo)).isEqualTo(figures);
	}

	@Test
	void aKeyRepeatedInTheNeighbouringChunkIsStoredOnceByTheEarlierChunkAndTheRepeatSkipped() throws IOException {
		String sku = this.fx.product("garden");
		UUID ana = this.fx.customer();
		String source = "repeat-" + InteractionFixture.unique();
		StringBuilder csv = new StringBuilder(HEADER);
		for (int i = 0; i < 40; i++) {
			// every fifth row (the first of the next chunk) repeats the key of the row
			// two
			// before (adjacent rows with one key are the lines of one purchase)
			String key = (i % 5 == 0 && i > 0) ? "R-" + (i - 2) : "R-" + i;
			csv.append(ana).append(",,,purchase,web,2024-05-01T00:").append(i < 10 ? "0" + i : i);
			csv.append(":00Z,O-").append(i).append(',').append(sku).append(",1,").append(100 + i);
			csv.append(".00,,,EUR,,,").append(key).append('\n');
		}
		Path file = write("repeat.csv", csv.toString());

		ImportJobView job = this.imports.importFile(file, "repeat.csv", options(source, 2), ImportListener.NONE);

		assertThat(job.status()).isEqualTo(ImportJobView.Status.DONE);
		assertThat(job.stored()).isEqualTo(33);
		assertThat(job.skipped()).isEqualTo(7);
		List<String> orders = this.jdbc
			.sql("SELECT idempotency_key || '=' || order_reference FROM interaction WHERE source_system = ? "
					+ "ORDER BY occurred_at")
			.param(source)
			.query(String.class)
			.list();
		assertThat(orders).hasSize(33).contains("R-3=O-3", "R-8=O-8", "R-39=O-39").doesNotContain("R-3=O-5");
		CustomerFigures figures = this.interactions.figures(ana);
		assertThat(figures.purchases()).isEqualTo(33);
		// 100 + ... + 139 less the repeats at 105, 110, ..., 135
		assertThat(figures.revenue()).isEqualByComparingTo("3940.00");
	}

	@Test
	void aCustomerInEveryChunkHasExactFiguresWithTwoLanes() throws IOException {
		String sku = this.fx.product("garden");
		UUID ana = this.fx.customer();
		String source = "every-" + InteractionFixture.unique();
		StringBuilder csv = new StringBuilder(HEADER);
		for (int i = 0; i < 60; i++) {
			csv.append(ana).append(",,,purchase,").append(i % 3 == 0 ? "store" : "web").append(",2024-06-");
			csv.append(String.format("%02d", 1 + i % 28)).append('T').append(String.format("%02d", i % 24));
			csv.append(":00:00Z,E-").append(i).append(',').append(sku).append(",2,1.50,,,EUR,,,\n");
		}
		Path file = write("every.csv", csv.toString());

		ImportJobView job = this.imports.importFile(file, "every.csv", options(source, 2), ImportListener.NONE);

		assertThat(job.stored()).isEqualTo(60);
		CustomerFigures figures = this.interactions.figures(ana);
		assertThat(figures.purchases()).isEqualTo(60);
		assertThat(figures.revenue()).isEqualByComparingTo("180.00");
		assertThat(figures.averageBasket()).isEqualByComparingTo("3.00");
		assertThat(figures.firstPurchaseAt()).isEqualTo(Instant.parse("2024-06-01T00:00:00Z"));
		assertThat(figures.lastPurchaseAt()).isEqualTo(Instant.parse("2024-06-28T07:00:00Z"));
		assertThat(figures.lastContact()).containsKeys("store", "web");
	}

	@Test
	void aReturnInTheMiddleOfTheFileIsStoredAgainstItsPurchaseWithTwoLanesAsWithOne() throws IOException {
		String sku = this.fx.product("garden");
		List<String> figures = new ArrayList<>();
		List<ImportJobView> jobs = new ArrayList<>();
		for (int lanes = 1; lanes <= 2; lanes++) {
			UUID ana = this.fx.customer();
			String source = "returns" + lanes + "-" + InteractionFixture.unique();
			StringBuilder csv = new StringBuilder(HEADER);
			for (int i = 0; i < 30; i++) {
				csv.append(ana).append(",,,purchase,web,2024-08-01T").append(String.format("%02d", i % 24));
				csv.append(':').append(String.format("%02d", i)).append(":00Z,T-").append(i).append(',').append(sku);
				csv.append(",2,3.00,,,EUR,,,\n");
				if (i == 17) {
					// one of the purchase T-3's two items comes back, in the fourth chunk
					csv.append(ana).append(",,,return,web,2024-08-02T10:00:00Z,T-3,").append(sku);
					csv.append(",1,3.00,,,EUR,,,RET-3\n");
				}
			}
			Path file = write("returns" + lanes + ".csv", csv.toString());

			ImportJobView job = this.imports.importFile(file, "returns.csv", options(source, lanes),
					ImportListener.NONE);

			jobs.add(job);
			figures.add(figures(source).get(0));
			assertThat(this.jdbc
				.sql("SELECT count(*) FROM interaction r JOIN interaction p ON p.id = r.related_purchase_id "
						+ "WHERE r.source_system = ? AND r.kind = 'RETURN' AND p.order_reference = 'T-3'")
				.param(source)
				.query(Long.class)
				.single()).isEqualTo(1);
			assertThat(this.interactions.figures(ana).returns()).isEqualTo(1);
		}

		assertThat(jobs.get(1).status()).isEqualTo(ImportJobView.Status.DONE);
		assertThat(jobs.get(1).stored()).isEqualTo(jobs.get(0).stored()).isEqualTo(31);
		assertThat(jobs.get(1).rejected()).isEqualTo(jobs.get(0).rejected()).isZero();
		assertThat(figures.get(1)).isEqualTo(figures.get(0));
	}

	@Test
	void aChunkThatFailsLeavesTheChunksBeforeItStoredNoneAfterItAndARerunCompletesTheFileExactlyOnce()
			throws IOException {
		String sku = this.fx.product("garden");
		UUID ana = this.fx.customer();
		String source = "fails-" + InteractionFixture.unique();
		String boom = "BOOM-" + InteractionFixture.unique();
		StringBuilder csv = new StringBuilder(HEADER);
		for (int i = 0; i < 50; i++) {
			// line 29 (the third row of the sixth chunk) cannot be stored while the trap
			// is set
			String ref = (i == 27) ? boom : "F-" + i;
			csv.append(ana).append(",,,purchase,web,2024-07-01T").append(String.format("%02d", i % 24));
			csv.append(":").append(String.format("%02d", i)).append(":00Z,").append(ref).append(',').append(sku);
			csv.append(",1,2.00,,,EUR,,,\n");
		}
		Path file = write("fails.csv", csv.toString());
		String trap = "import_lanes_trap_" + Math.abs(boom.hashCode());
		this.jdbc
			.sql("CREATE FUNCTION " + trap + "() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
					+ "RAISE EXCEPTION 'the trap went off'; END $$")
			.update();
		this.jdbc
			.sql("CREATE TRIGGER " + trap + " BEFORE INSERT ON interaction FOR EACH ROW WHEN "
					+ "(NEW.order_reference = '" + boom + "') EXECUTE FUNCTION " + trap + "()")
			.update();
		ImportJobView failed;
		try {
			failed = this.imports.importFile(file, "fails.csv", options(source, 2), ImportListener.NONE);
		}
		finally {
			this.jdbc.sql("DROP TRIGGER " + trap + " ON interaction").update();
			this.jdbc.sql("DROP FUNCTION " + trap + "()").update();
		}

		assertThat(failed.status()).isEqualTo(ImportJobView.Status.FAILED);
		assertThat(failed.error()).contains("the trap went off");
		// chunks of five: the five chunks before the failed one, nothing of it or after
		// it
		assertThat(failed.stored()).isEqualTo(25);
		assertThat(failed.resumeLine()).isEqualTo(26);
		assertThat(stored(source)).isEqualTo(25);
		assertThat(this.interactions.figures(ana).purchases()).isEqualTo(25);

		ImportJobView rerun = this.imports.importFile(file, "fails.csv", options(source, 2), ImportListener.NONE);

		assertThat(rerun.id()).isEqualTo(failed.id());
		assertThat(rerun.status()).isEqualTo(ImportJobView.Status.DONE);
		assertThat(rerun.stored()).isEqualTo(50);
		assertThat(rerun.skipped()).isZero();
		assertThat(stored(source)).isEqualTo(50);
		assertThat(this.jdbc
			.sql("SELECT count(DISTINCT idempotency_key) FROM interaction WHERE source_system = ? AND customer_id = ?")
			.params(source, ana)
			.query(Long.class)
			.single()).isEqualTo(50);
		CustomerFigures figures = this.interactions.figures(ana);
		assertThat(figures.purchases()).isEqualTo(50);
		assertThat(figures.revenue()).isEqualByComparingTo("100.00");
	}

	private static ImportListener listener(List<String> rejections, List<Long> progress) {
		return new ImportListener() {
			@Override
			public void rejected(ImportRejection rejection) {
				rejections.add(rejection.line() + " " + rejection.reason());
			}

			@Override
			public void progress(ImportJobView job) {
				if (progress != null) {
					progress.add(job.stored());
				}
			}
		};
	}

	private Path write(String name, String text) throws IOException {
		Path file = this.dir.resolve(name);
		Files.writeString(file, text);
		return file;
	}

	private long stored(String source) {
		return this.jdbc.sql("SELECT count(*) FROM interaction WHERE source_system = ?")
			.param(source)
			.query(Long.class)
			.single();
	}

	private long announced(String source) {
		return this.probe.from(source).stream().mapToLong(InteractionsImported::interactions).sum();
	}

	private List<String> storedRejections(ImportJobView job) {
		return this.jdbc.sql("SELECT line || ' ' || reason FROM import_rejection WHERE job_id = ? ORDER BY line, seq")
			.param(job.id())
			.query(String.class)
			.list();
	}

	/**
	 * The interactions of a source as written, without ids and recording instant, in file
	 * order; customers named by their order of appearance.
	 */
	private List<String> rows(String source) {
		Map<UUID, Integer> named = new LinkedHashMap<>();
		return this.jdbc.sql("""
				SELECT customer_id, kind, channel, occurred_at, external_id, idempotency_key, order_reference, total,
				  currency, store, attributes::text
				FROM interaction WHERE source_system = ? ORDER BY occurred_at, idempotency_key""")
			.param(source)
			.query((rs, n) -> {
				StringBuilder sb = new StringBuilder(
						"customer " + named.computeIfAbsent(rs.getObject(1, UUID.class), (k) -> named.size()));
				for (int c = 2; c <= 11; c++) {
					sb.append('|').append(rs.getString(c));
				}
				return sb.toString();
			})
			.list();
	}

	private List<String> storedRows(String source) {
		return this.jdbc.sql("SELECT i::text FROM interaction i WHERE source_system = ? ORDER BY id")
			.param(source)
			.query(String.class)
			.list();
	}

	private List<String> lines(String source) {
		return this.jdbc.sql("""
				SELECT l.line_no || '|' || l.sku || '|' || l.quantity || '|' || l.unit_price || '|' || l.amount
				FROM interaction_line l JOIN interaction i ON i.id = l.interaction_id
				WHERE i.source_system = ? ORDER BY i.occurred_at, i.idempotency_key, l.line_no""")
			.param(source)
			.query(String.class)
			.list();
	}

	/**
	 * The figures of every customer of a source, in order of their first interaction,
	 * without the instant of the last update.
	 */
	private List<String> figures(String source) {
		return this.jdbc.sql("""
				SELECT concat_ws('|', f.first_purchase_at, f.last_purchase_at, f.purchases, f.revenue, f.returns,
				  f.average_basket, f.last_contact::text)
				FROM customer_figures f JOIN (
				  SELECT customer_id, min(occurred_at) AS first FROM interaction WHERE source_system = ?
				  GROUP BY customer_id) c ON c.customer_id = f.customer_id
				ORDER BY c.first""").param(source).query(String.class).list();
	}

}
