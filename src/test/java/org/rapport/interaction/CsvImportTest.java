package org.rapport.interaction;

import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rapport.IntegrationTest;
import org.rapport.access.StaffDirectory;
import org.rapport.customer.Customers;
import org.rapport.customer.IdentityType;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

@IntegrationTest
class CsvImportTest {

	static final String HEADER = "customer_id,identity_type,identity_value,kind,channel,occurred_at,order_reference,"
			+ "sku,quantity,unit_price,discount,total,currency,store,external_id,idempotency_key\n";

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

	@Test
	void aMixedFileStoresEveryGoodRowAndReportsEveryBadOneWithItsLineNumber() throws IOException {
		UUID ana = this.fx.customer();
		String email = "mixed-" + InteractionFixture.unique() + "@example.com";
		UUID bea = this.fx.customerWithEmail(email);
		String sku = this.fx.product("books");
		String o = "ORD-" + InteractionFixture.unique();
		ByteArrayOutputStream file = new ByteArrayOutputStream();
		write(file, HEADER);
		// 2-3: one order of two lines
		write(file, ana + ",,,purchase,store,2024-03-01T10:00:00Z," + o + "-1," + sku + ",2,5.00,,,EUR,,,\n");
		write(file, ana + ",,,purchase,store,2024-03-01T10:00:00Z," + o + "-1," + sku + ",1,3.50,0.50,,EUR,,,\n");
		// 4: by identity, compact date
		write(file, ",email," + email + ",purchase,web,20240302," + o + "-2," + sku + ",1,10.00,,10.00,EUR,,,\n");
		// 5: malformed date
		write(file, ana + ",,,purchase,store,2024-13-45," + o + "-3," + sku + ",1,1.00,,,EUR,,,\n");
		// 6: negative quantity
		write(file, ana + ",,,purchase,store,2024-03-03," + o + "-4," + sku + ",-1,1.00,,,EUR,,,\n");
		// 7: absurd quantity
		write(file, ana + ",,,purchase,store,2024-03-03," + o + "-5," + sku + ",9999999,1.00,,,EUR,,,\n");
		// 8: unknown currency
		write(file, ana + ",,,purchase,store,2024-03-03," + o + "-6," + sku + ",1,1.00,,,XYZ,,,\n");
		// 9: unknown SKU
		write(file, ana + ",,,purchase,store,2024-03-03," + o + "-7,NO-SUCH-SKU,1,1.00,,,EUR,,,\n");
		// 10: not UTF-8
		file.write((ana + ",,,visit,store,2024-03-03,,,,,,,,Caf").getBytes(StandardCharsets.UTF_8));
		file.write(new byte[] { (byte) 0xE9, ',', ',', ',', '\n' });
		// 11: over-long field
		write(file, ana + ",,,visit,store,2024-03-03,,,,,,,," + "x".repeat(300) + ",,\n");
		// 12: no customer
		write(file, ",,,visit,store,2024-03-03,,,,,,,,,,\n");
		// 13: unknown customer
		UUID nobody = UUID.randomUUID();
		write(file, nobody + ",,,visit,store,2024-03-03,,,,,,,,,,\n");
		// 14: wrong column count
		write(file, ana + ",,,visit,store\n");
		// 15: the NUL character, which no text column holds
		write(file, ana + ",,,visit,store,2024-03-03,,,,,,,,Ca\u0000fe,,\n");
		// 16: a call, stored
		write(file, bea + ",,,call,phone,2024-03-04T09:00:00Z,,,,,,,,,,\n");
		Path csv = this.dir.resolve("mixed.csv");
		Files.write(csv, file.toByteArray());
		ImportOptions options = ImportOptions.of(ImportFormat.CSV, "shop-" + InteractionFixture.unique());

		List<ImportRejection> reported = new ArrayList<>();
		ImportJobView job = this.imports.importFile(csv, "mixed.csv", options, new ImportListener() {
			@Override
			public void rejected(ImportRejection rejection) {
				reported.add(rejection);
			}
		});

		assertThat(job.status()).isEqualTo(ImportJobView.Status.DONE);
		assertThat(job.rowsRead()).isEqualTo(15);
		assertThat(job.stored()).isEqualTo(3);
		assertThat(job.rejected()).isEqualTo(11);
		assertThat(reported).extracting(ImportRejection::line)
			.containsExactly(5L, 6L, 7L, 8L, 9L, 10L, 11L, 12L, 13L, 14L, 15L);
		assertThat(reported).extracting(ImportRejection::reason)
			.satisfiesExactly((r) -> assertThat(r).contains("malformed date"),
					(r) -> assertThat(r).contains("quantity").contains("greater than 0"),
					(r) -> assertThat(r).contains("quantity").contains("at most"),
					(r) -> assertThat(r)
						.isEqualTo("currency: 'XYZ' is not an ISO 4217 currency code such as EUR or USD"),
					(r) -> assertThat(r).isEqualTo("sku: 'NO-SUCH-SKU' is not a product in the catalogue"),
					(r) -> assertThat(r).contains("UTF-8"),
					(r) -> assertThat(r)
						.isEqualTo("over-long field store '" + "x".repeat(64) + "…' (300 characters, at most 256)"),
					(r) -> assertThat(r).contains("customer is missing"),
					(r) -> assertThat(r).isEqualTo("customer_id: no customer has the id " + nobody),
					(r) -> assertThat(r).contains("expected 16 columns, found 5"),
					(r) -> assertThat(r).contains("store").contains("NUL"));
		List<ImportRejection> stored = new ArrayList<>();
		this.imports.rejections(job.id(), stored::add);
		// the report keeps the raw row, its NUL character written as a space
		assertThat(stored).isEqualTo(reported.stream()
			.map((r) -> new ImportRejection(r.line(), r.reason(), r.raw().replace('\u0000', ' '), r.parts()))
			.toList());

		CustomerFigures figures = this.interactions.figures(ana);
		assertThat(figures.purchases()).isEqualTo(1);
		assertThat(figures.revenue()).isEqualByComparingTo("13.00");
		assertThat(this.interactions.figures(bea).purchases()).isEqualTo(1);
		assertThat(this.interactions.figures(bea).lastContact()).containsKeys("web", "phone");
		assertThat(lines(options.sourceSystem())).isEqualTo(3);

		ImportJobView again = this.imports.importFile(csv, "mixed.csv", options, ImportListener.NONE);
		assertThat(again.stored()).isZero();
		assertThat(again.skipped()).isEqualTo(3);
		assertThat(again.rejected()).isEqualTo(11);
		assertThat(this.interactions.figures(ana)).usingRecursiveComparison()
			.ignoringFields("updatedAt")
			.isEqualTo(figures);
		assertThat(lines(options.sourceSystem())).isEqualTo(3);
	}

	@Test
	void aRejectedRowWhoseReasonQuotesANulCharacterIsReportedAndTheOtherRowsStored() throws IOException {
		UUID ana = this.fx.customer();
		ByteArrayOutputStream file = new ByteArrayOutputStream();
		write(file, HEADER);
		// 2: a malformed date whose text, quoted in the reason, holds the NUL character
		write(file, ana + ",,,visit,store,2024-03\u000003,,,,,,,,,,\n");
		// 3: a visit, stored
		write(file, ana + ",,,visit,store,2024-03-04T09:00:00Z,,,,,,,,,,\n");
		Path csv = this.dir.resolve("nul-date.csv");
		Files.write(csv, file.toByteArray());

		ImportJobView job = this.imports.importFile(csv, "nul-date.csv",
				ImportOptions.of(ImportFormat.CSV, "nul-" + InteractionFixture.unique()), ImportListener.NONE);

		assertThat(job.status()).isEqualTo(ImportJobView.Status.DONE);
		assertThat(job.stored()).isEqualTo(1);
		assertThat(job.rejected()).isEqualTo(1);
		List<ImportRejection> stored = new ArrayList<>();
		this.imports.rejections(job.id(), stored::add);
		assertThat(stored).singleElement().satisfies((r) -> {
			assertThat(r.line()).isEqualTo(2);
			assertThat(r.reason()).contains("'2024-03\\u000003'").doesNotContain("\u0000");
		});
	}

	@Test
	void theImportPagesSampleFileImportsEveryRowWhenItsUnknownCustomersBecomeProspects() throws IOException {
		Path csv = this.dir.resolve("sample.csv");
		Files.writeString(csv, ImportConsoleController.SAMPLE_CSV);

		ImportJobView job = this.imports.importFile(csv, "sample.csv",
				ImportOptions.of(ImportFormat.CSV, "sample-" + InteractionFixture.unique())
					.withUnknownIdentities(ImportOptions.UnknownIdentities.CREATE_PROSPECT),
				ImportListener.NONE);

		assertThat(job.rejected()).isZero();
		assertThat(job.stored()).isEqualTo(3);
	}

	@Test
	void unknownIdentitiesBecomeProspectsWhenTheImportSaysSo() throws IOException {
		String card = "77" + System.nanoTime();
		Path csv = this.dir.resolve("prospects.csv");
		Files.writeString(csv, "identity_type,identity_value,kind,channel,occurred_at\n" + "card," + card
				+ ",visit,store,2024-03-05\n" + "card," + card + ",visit,store,2024-03-06\n");
		ImportOptions options = ImportOptions.of(ImportFormat.CSV, "club-" + InteractionFixture.unique());

		ImportJobView rejected = this.imports.importFile(csv, "prospects.csv",
				options.withUnknownIdentities(ImportOptions.UnknownIdentities.REJECT), ImportListener.NONE);
		ImportJobView created = this.imports.importFile(csv, "prospects.csv",
				options.withUnknownIdentities(ImportOptions.UnknownIdentities.CREATE_PROSPECT), ImportListener.NONE);

		assertThat(rejected.rejected()).isEqualTo(2);
		assertThat(created.stored()).isEqualTo(2);
		UUID prospect = this.customers.findByIdentity(IdentityType.CARD, card).orElseThrow().id();
		assertThat(this.interactions.figures(prospect).lastContact()).containsKey("store");
	}

	@Test
	void aRunThatBreaksOffMidwayIsCompletedByARerunWithEveryRowStoredOnce() throws IOException {
		UUID customer = this.fx.customer();
		String sku = this.fx.product("garden");
		StringBuilder csv = new StringBuilder("customer_id,occurred_at,sku,quantity,unit_price,currency\n");
		for (int day = 1; day <= 28; day++) {
			csv.append(customer)
				.append(",2024-02-")
				.append(day < 10 ? "0" + day : day)
				.append(',')
				.append(sku)
				.append(",1,2.50,EUR\n");
		}
		byte[] bytes = csv.toString().getBytes(StandardCharsets.UTF_8);
		ImportOptions options = ImportOptions.of(ImportFormat.CSV, "till-" + InteractionFixture.unique())
			.withChunkSize(5);

		ImportJobView broken = this.imports.importStream(new BreaksAfter(bytes, bytes.length / 2), "till.csv",
				bytes.length, options);
		assertThat(broken.status()).isEqualTo(ImportJobView.Status.FAILED);
		assertThat(broken.stored()).isBetween(5L, 14L);
		assertThat(this.interactions.figures(customer).purchases()).isEqualTo((int) broken.stored());

		ImportJobView rerun = this.imports.importStream(new java.io.ByteArrayInputStream(bytes), "till.csv",
				bytes.length, options);
		assertThat(rerun.status()).isEqualTo(ImportJobView.Status.DONE);
		assertThat(rerun.stored() + rerun.skipped()).isEqualTo(28);
		assertThat(rerun.skipped()).isEqualTo(broken.stored());
		CustomerFigures figures = this.interactions.figures(customer);
		assertThat(figures.purchases()).isEqualTo(28);
		assertThat(figures.revenue()).isEqualByComparingTo("70.00");
		assertThat(lines(options.sourceSystem())).isEqualTo(28);
	}

	@Test
	void aChunkHoldingInteractionsStoredBeforeAddsOnlyTheNewOnesAndTheirLines() throws IOException {
		UUID customer = this.fx.customer();
		String sku = this.fx.product("garden");
		String header = "customer_id,occurred_at,order_reference,sku,quantity,unit_price,currency\n";
		String a1 = customer + ",2024-04-01,A1," + sku + ",1,2.00,EUR\n" + customer + ",2024-04-01,A1," + sku
				+ ",2,2.00,EUR\n";
		String a2 = customer + ",2024-04-02,A2," + sku + ",1,5.00,EUR\n" + customer + ",2024-04-02,A2," + sku
				+ ",1,1.00,EUR\n";
		String a3 = customer + ",2024-04-03,A3," + sku + ",3,1.00,EUR\n" + customer + ",2024-04-03,A3," + sku
				+ ",1,4.00,EUR\n";
		Path first = this.dir.resolve("first.csv");
		Path second = this.dir.resolve("second.csv");
		Files.writeString(first, header + a1 + a2);
		Files.writeString(second, header + a1 + a3 + a2);
		ImportOptions options = ImportOptions.of(ImportFormat.CSV, "till-" + InteractionFixture.unique());

		ImportJobView before = this.imports.importFile(first, "first.csv", options, ImportListener.NONE);
		ImportJobView after = this.imports.importFile(second, "second.csv", options, ImportListener.NONE);

		assertThat(before.stored()).isEqualTo(2);
		assertThat(after.stored()).isEqualTo(1);
		assertThat(after.skipped()).isEqualTo(2);
		assertThat(lines(options.sourceSystem())).isEqualTo(6);
		assertThat(this.jdbc
			.sql("SELECT count(*) FROM interaction_line l WHERE l.sku = ? "
					+ "AND NOT EXISTS (SELECT 1 FROM interaction i WHERE i.id = l.interaction_id)")
			.param(sku)
			.query(Long.class)
			.single()).isZero();
		CustomerFigures figures = this.interactions.figures(customer);
		assertThat(figures.purchases()).isEqualTo(3);
		assertThat(figures.revenue()).isEqualByComparingTo("19.00");
	}

	@Test
	void everyStoredChunkIsAnnouncedOnceWithItsNewInteractionsAndTheirCustomersAndARerunAnnouncesNothing()
			throws IOException {
		UUID ana = this.fx.customer();
		UUID bea = this.fx.customer();
		UUID cy = this.fx.customer();
		String sku = this.fx.product("garden");
		String header = "customer_id,occurred_at,order_reference,sku,quantity,unit_price,currency\n";
		String b1 = ana + ",2024-04-01T10:00:00Z,B1," + sku + ",1,2.00,EUR\n" + ana + ",2024-04-01T10:00:00Z,B1," + sku
				+ ",1,3.00,EUR\n";
		String b2 = bea + ",2024-04-02T10:00:00Z,B2," + sku + ",1,2.00,EUR\n";
		String b3 = ana + ",2024-04-03T10:00:00Z,B3," + sku + ",1,2.00,EUR\n";
		String b4 = bea + ",2024-04-04T10:00:00Z,B4," + sku + ",1,2.00,EUR\n";
		String b5 = cy + ",2024-04-05T10:00:00Z,B5," + sku + ",2,4.00,EUR\n";
		Path first = this.dir.resolve("first.csv");
		Path second = this.dir.resolve("second.csv");
		Files.writeString(first, header + b1 + b2 + b3 + b4);
		// the new purchase B5 sits in a chunk with purchases stored by the first run
		Files.writeString(second, header + b1 + b2 + b5 + b3 + b4);
		ImportOptions options = ImportOptions.of(ImportFormat.CSV, "till-" + InteractionFixture.unique())
			.withChunkSize(2);

		ImportJobView before = this.imports.importFile(first, "first.csv", options, ImportListener.NONE);
		ImportJobView after = this.imports.importFile(second, "second.csv", options, ImportListener.NONE);
		ImportJobView again = this.imports.importFile(second, "second.csv", options, ImportListener.NONE);

		assertThat(before.stored()).isEqualTo(4);
		assertThat(after.stored()).isEqualTo(1);
		assertThat(again.stored()).isZero();
		// module listeners may run on another thread after the commit
		await().atMost(Duration.ofSeconds(30)).until(() -> this.probe.from(options.sourceSystem()).size() >= 3);
		List<InteractionsImported> heard = this.probe.from(options.sourceSystem());
		assertThat(heard).hasSize(3);
		assertThat(heard)
			.extracting(InteractionsImported::jobId, InteractionsImported::interactions,
					InteractionsImported::customerIds)
			.containsExactlyInAnyOrder(tuple(before.id(), 2, inStoredOrder(ana, bea)),
					tuple(before.id(), 2, inStoredOrder(ana, bea)), tuple(after.id(), 1, List.of(cy)));
		assertThat(this.interactions.figures(ana).purchases()).isEqualTo(2);
		assertThat(this.interactions.figures(ana).revenue()).isEqualByComparingTo("7.00");
		assertThat(this.interactions.figures(bea).purchases()).isEqualTo(2);
		assertThat(this.interactions.figures(cy).revenue()).isEqualByComparingTo("8.00");
		assertThat(lines(options.sourceSystem())).isEqualTo(6);
	}

	@Test
	void aKeyRepeatedWithinOneChunkIsStoredOnceAndTheRepeatSkippedWithTheOtherRowsStored() throws IOException {
		UUID customer = this.fx.customer();
		String sku = this.fx.product("garden");
		String header = "customer_id,occurred_at,order_reference,sku,quantity,unit_price,currency\n";
		Path file = this.dir.resolve("repeated.csv");
		Files.writeString(file,
				header + customer + ",2024-05-01T09:00:00Z,R1," + sku + ",1,3.00,EUR\n" + customer
						+ ",2024-05-02T09:00:00Z,R2," + sku + ",1,4.00,EUR\n" + customer + ",2024-05-01T09:00:00Z,R1,"
						+ sku + ",1,3.00,EUR\n" + customer + ",2024-05-03T09:00:00Z,R3," + sku + ",2,1.50,EUR\n");
		ImportOptions options = ImportOptions.of(ImportFormat.CSV, "till-" + InteractionFixture.unique());

		ImportJobView job = this.imports.importFile(file, "repeated.csv", options, ImportListener.NONE);

		assertThat(job.status()).isEqualTo(ImportJobView.Status.DONE);
		assertThat(job.stored()).isEqualTo(3);
		assertThat(job.skipped()).isEqualTo(1);
		assertThat(lines(options.sourceSystem())).isEqualTo(3);
		CustomerFigures figures = this.interactions.figures(customer);
		assertThat(figures.purchases()).isEqualTo(3);
		assertThat(figures.revenue()).isEqualByComparingTo("10.00");
	}

	@Test
	void aReturnNamingItsOrderIsStoredBesideThePurchaseAndEveryReturnOfTheOrderOnceHoweverOftenTheFileIsRead()
			throws IOException {
		UUID customer = this.fx.customer();
		String sku = this.fx.product("shoes");
		String a = "ORD-R1-" + InteractionFixture.unique();
		String b = "ORD-R2-" + InteractionFixture.unique();
		String header = "customer_id,kind,occurred_at,order_reference,sku,quantity,unit_price,total,currency\n";
		Path first = this.dir.resolve("orders.csv");
		Files.writeString(first, header
				// order a: a purchase of 50 and three returns, two of them alike
				+ customer + ",purchase,2024-05-01T09:00:00Z," + a + "," + sku + ",1,50.00,,EUR\n" //
				+ customer + ",return,2024-05-02T09:00:00Z," + a + ",,,,20.00,EUR\n" //
				+ customer + ",return,2024-05-03T09:00:00Z," + a + ",,,,10.00,EUR\n" //
				+ customer + ",return,2024-05-03T09:00:00Z," + a + ",,,,10.00,EUR\n" //
				// order b: a purchase whose return comes in a later file
				+ customer + ",purchase,2024-05-01T10:00:00Z," + b + "," + sku + ",2,15.00,,EUR\n");
		ImportOptions options = ImportOptions.of(ImportFormat.CSV, "till-" + InteractionFixture.unique());

		ImportJobView job = this.imports.importFile(first, "orders.csv", options, ImportListener.NONE);

		assertThat(job.status()).isEqualTo(ImportJobView.Status.DONE);
		assertThat(job.rowsRead()).isEqualTo(5);
		assertThat(job.stored()).isEqualTo(5);
		assertThat(job.rejected()).isZero();
		assertThat(job.skipped()).isZero();
		assertThat(kinds(options.sourceSystem())).containsExactly(tuple("PURCHASE", 2L), tuple("RETURN", 3L));
		CustomerFigures figures = this.interactions.figures(customer);
		assertThat(figures.returns()).isEqualTo(3);
		assertThat(figures.returnedAmount()).isEqualByComparingTo("40.00");
		assertThat(figures.revenue()).isEqualByComparingTo("40.00");

		Path later = this.dir.resolve("returns.csv");
		String none = "ORD-NONE-" + InteractionFixture.unique();
		Files.writeString(later, header + customer + ",return,2024-05-04T09:00:00Z," + b + ",,,,15.00,EUR\n" //
				+ customer + ",return,2024-05-04T09:00:00Z," + none + ",,,,5.00,EUR\n");
		List<ImportRejection> reported = new ArrayList<>();
		ImportJobView alone = this.imports.importFile(later, "returns.csv", options, new ImportListener() {
			@Override
			public void rejected(ImportRejection rejection) {
				reported.add(rejection);
			}
		});
		assertThat(alone.stored()).isEqualTo(1);
		assertThat(alone.skipped()).isZero();
		// a return whose purchase is nowhere is reported, not dropped
		assertThat(alone.rejected()).isEqualTo(1);
		assertThat(reported).extracting(ImportRejection::line).containsExactly(3L);
		assertThat(reported.get(0).reason()).isEqualTo("order_reference: names no purchase");

		ImportJobView again = this.imports.importFile(first, "orders.csv", options, ImportListener.NONE);
		ImportJobView laterAgain = this.imports.importFile(later, "returns.csv", options, ImportListener.NONE);
		assertThat(again.stored()).isZero();
		assertThat(again.skipped()).isEqualTo(5);
		assertThat(laterAgain.stored()).isZero();
		assertThat(laterAgain.skipped()).isEqualTo(1);
		assertThat(laterAgain.rejected()).isEqualTo(1);
		assertThat(kinds(options.sourceSystem())).containsExactly(tuple("PURCHASE", 2L), tuple("RETURN", 4L));
		assertThat(this.interactions.figures(customer).returnedAmount()).isEqualByComparingTo("55.00");
	}

	private List<org.assertj.core.groups.Tuple> kinds(String source) {
		return this.jdbc
			.sql("SELECT kind, count(*) AS n FROM interaction WHERE source_system = ? GROUP BY kind ORDER BY kind")
			.param(source)
			.query((rs, n) -> tuple(rs.getString("kind"), rs.getLong("n")))
			.list();
	}

	/** The customers as PostgreSQL orders uuids. */
	private List<UUID> inStoredOrder(UUID... ids) {
		return this.jdbc.sql("SELECT id FROM unnest(?::uuid[]) AS u(id) ORDER BY id")
			.param(ids)
			.query(UUID.class)
			.list();
	}

	@Test
	void aBinaryFileFailsWithTheReasonItsHeaderGivesEvenWhenTheReasonHoldsTheNulCharacter() throws IOException {
		Path binary = this.dir.resolve("binary.csv");
		Files.write(binary, new byte[] { 'c', 'u', 's', 0, 1, 2, ',', 'x', '\n', 0, 0, '\n' });
		ImportJobView job = this.imports.importFile(binary, "binary.csv",
				ImportOptions.of(ImportFormat.CSV, "bin-" + InteractionFixture.unique()), ImportListener.NONE);
		assertThat(job.status()).isEqualTo(ImportJobView.Status.FAILED);
		assertThat(job.error()).contains("unknown column").doesNotContain("\u0000");
		assertThat(job.stored()).isZero();
	}

	private long lines(String source) {
		return this.jdbc
			.sql("SELECT count(*) FROM interaction_line l JOIN interaction i ON i.id = l.interaction_id "
					+ "WHERE i.source_system = ?")
			.param(source)
			.query(Long.class)
			.single();
	}

	private static void write(ByteArrayOutputStream out, String text) {
		out.writeBytes(text.getBytes(StandardCharsets.UTF_8));
	}

	/**
	 * A file whose reading fails after some bytes, as when the disk or the process goes.
	 */
	static final class BreaksAfter extends FilterInputStream {

		private final int limit;

		private int read;

		BreaksAfter(byte[] bytes, int limit) {
			super(new java.io.ByteArrayInputStream(bytes));
			this.limit = limit;
		}

		@Override
		public int read(byte[] b, int off, int len) throws IOException {
			if (this.read >= this.limit) {
				throw new IOException("the file went away");
			}
			int n = super.read(b, off, Math.min(len, Math.min(16, this.limit - this.read)));
			this.read += Math.max(n, 0);
			return n;
		}

	}

}
