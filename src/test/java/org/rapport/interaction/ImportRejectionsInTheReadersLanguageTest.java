package org.rapport.interaction;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

import jakarta.servlet.http.Cookie;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rapport.IntegrationTest;
import org.rapport.access.Role;
import org.rapport.access.StaffDirectory;
import org.rapport.customer.Customers;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;

/**
 * An import's rejected rows read in the language of the one who reads them, on the page
 * of the run and in its downloaded report, on PostgreSQL; the stored English reason stays
 * the record, and rows stored before their reason's parts were kept read in English.
 */
@IntegrationTest
class ImportRejectionsInTheReadersLanguageTest {

	static final String BAD_DATE = "malformed date '2024-13-45' in occurred_at "
			+ "(use 2024-05-01, 2024-05-01T10:15:30Z or 20240501)";

	@Autowired
	InteractionImports imports;

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
	JdbcClient jdbc;

	@TempDir
	Path dir;

	InteractionFixture fx;

	@BeforeEach
	void setUp() {
		this.fx = new InteractionFixture(this.mvc, this.json, this.staff, this.customers, this.interactions);
	}

	@Test
	void aRejectedRowReadsInTheStaffMembersLanguageOnThePageAndInTheReport() throws IOException {
		UUID job = importWithBadRows();

		assertThat(page(job, "es")).contains("rechazada junto con la línea 4 del mismo pedido")
			.contains("quantity: debe ser mayor que 0")
			.contains("fecha mal formada «2024-13-45» en occurred_at")
			.doesNotContain("must be greater than 0");
		assertThat(report(job, "es").lines().toList()).startsWith("line,reason,raw")
			.anySatisfy((row) -> assertThat(row).startsWith("3,\"rechazada junto con la línea 4 del mismo pedido\","))
			.anySatisfy((row) -> assertThat(row).startsWith("4,\"quantity: debe ser mayor que 0\","))
			.anySatisfy((row) -> assertThat(row).startsWith("5,\"fecha mal formada «2024-13-45» en occurred_at "
					+ "(use 2024-05-01, 2024-05-01T10:15:30Z o 20240501)\","));
	}

	@Test
	void russianAndMalayStaffReadTheRejectionsInTheirLanguage() throws IOException {
		UUID job = importWithBadRows();

		assertThat(page(job, "ru")).contains("quantity: должно быть больше 0").doesNotContain("greater than 0");
		assertThat(report(job, "ms")).contains("4,\"quantity: mesti lebih besar daripada 0\",")
			.doesNotContain("greater than 0");
	}

	@Test
	void withoutALanguageTheRejectedRowsReadInTheStoredEnglish() throws IOException {
		UUID job = importWithBadRows();

		assertThat(page(job, null)).contains("rejected with line 4 of the same order")
			.contains("quantity: must be greater than 0");
		assertThat(report(job, null)).contains("3,\"rejected with line 4 of the same order\",")
			.contains("4,\"quantity: must be greater than 0\",")
			.contains("5,\"" + BAD_DATE + "\",");
	}

	@Test
	void theStoredEnglishReasonStaysTheRecordAndItsPartsAreKeptBesideIt() throws IOException {
		UUID job = importWithBadRows();

		assertThat(this.jdbc.sql("SELECT reason FROM import_rejection WHERE job_id = ? ORDER BY line, seq")
			.param(job)
			.query(String.class)
			.list())
			.containsExactly("rejected with line 4 of the same order", "quantity: must be greater than 0", BAD_DATE);
		assertThat(this.jdbc.sql("SELECT reason_parts::text FROM import_rejection WHERE job_id = ? AND line = 4")
			.param(job)
			.query(String.class)
			.single())
			.isEqualTo("[{\"key\": \"interaction.rule.quantity-positive\", \"field\": \"quantity\", \"values\": []}]");
		assertThat(this.jdbc
			.sql("SELECT reason_parts -> 0 ->> 'key' FROM import_rejection WHERE job_id = ? ORDER BY line, seq")
			.param(job)
			.query(String.class)
			.list()).containsExactly("interaction.import.rejected-with-line", "interaction.rule.quantity-positive",
					"interaction.import.date");
	}

	@Test
	void aRowStoredBeforeItsPartsWereKeptReadsInEnglish() throws IOException {
		UUID job = importWithBadRows();
		this.jdbc.sql("UPDATE import_rejection SET reason_parts = NULL WHERE job_id = ? AND line = 4")
			.param(job)
			.update();

		assertThat(page(job, "es")).contains("quantity: must be greater than 0")
			.contains("rechazada junto con la línea 4 del mismo pedido");
		assertThat(report(job, "es")).contains("4,\"quantity: must be greater than 0\",");
	}

	@Test
	void anUnknownSkuIsNamedInTheReasonInEnglishAndInTheReadersLanguage() throws IOException {
		UUID ana = this.fx.customer();
		UUID job = importRejected("purchases.csv",
				CsvImportTest.HEADER + ana + ",,,purchase,store,2024-03-01T10:00:00Z,ORD-" + InteractionFixture.unique()
						+ ",NOPE-1,1,5.00,,,EUR,,,\n");

		assertThat(this.jdbc.sql("SELECT reason FROM import_rejection WHERE job_id = ?")
			.param(job)
			.query(String.class)
			.single()).isEqualTo("sku: 'NOPE-1' is not a product in the catalogue");
		assertThat(page(job, null)).contains("sku: &#39;NOPE-1&#39; is not a product in the catalogue");
		assertThat(page(job, "es")).contains("sku: «NOPE-1» no es un producto del catálogo");
		assertThat(report(job, "es")).contains("2,\"sku: «NOPE-1» no es un producto del catálogo\",");
		assertThat(report(job, "ru")).contains("2,\"sku: товара «NOPE-1» нет в каталоге\",");
	}

	@Test
	void everyReasonNamesTheValueItRefusedQuotedAndCutInTheReadersLanguage() throws IOException {
		UUID ana = this.fx.customer();
		String sku = this.fx.product("books");
		UUID nobody = UUID.randomUUID();
		String o = "ORD-" + InteractionFixture.unique();
		UUID job = importRejected("values.csv",
				CsvImportTest.HEADER + ana + ",,,purchase,store,2024-03-01T10:00:00Z," + o + "-1," + sku
						+ ",1,5.00,,,EURO,,,\n" + nobody + ",,,visit,store,2024-03-03,,,,,,,,,,\n" + ana
						+ ",,,visit,store,2024-03-03,,,,,,,,\"" + "y".repeat(300) + "\",,\n" + ana
						+ ",,,visit,\"in\nstore\",2024-03-03,,,,,,,,,,\n",
				4);

		assertThat(report(job, null))
			.contains("2,\"currency: 'EURO' is not an ISO 4217 currency code such as EUR or USD\",")
			.contains("3,\"customer_id: no customer has the id " + nobody + "\",")
			.contains("4,\"over-long field store '" + "y".repeat(64) + "…' (300 characters, at most 256)\",")
			.contains("5,\"channel: 'in\\nstore' is not a channel name such as store, phone or web\",");
		assertThat(report(job, "es"))
			.contains("2,\"currency: «EURO» no es un código de moneda ISO 4217 como EUR o USD\",")
			.contains("3,\"customer_id: ningún cliente tiene el id " + nobody + "\",")
			.contains("5,\"channel: «in\\nstore» no es un nombre de canal como store, phone o web\",");
	}

	@Test
	void aReasonStoredBeforeItNamedItsValueReadsInTheEnglishItWasStoredWith() throws IOException {
		UUID ana = this.fx.customer();
		UUID job = importRejected("old.csv", CsvImportTest.HEADER + ana + ",,,purchase,store,2024-03-01T10:00:00Z,ORD-"
				+ InteractionFixture.unique() + ",NOPE-2,1,5.00,,,EUR,,,\n");
		this.jdbc
			.sql("UPDATE import_rejection SET reason = 'sku: is not a product in the catalogue', reason_parts = "
					+ "'[{\"field\": \"sku\", \"key\": \"interaction.rule.sku-unknown\", \"values\": []}]' "
					+ "WHERE job_id = ?")
			.param(job)
			.update();

		assertThat(report(job, "es")).contains("2,\"sku: is not a product in the catalogue\",").doesNotContain("{0}");
	}

	@Test
	void theErrorReportIsNamedAfterTheImportedFileWithOneCsvExtension() throws IOException {
		UUID ana = this.fx.customer();
		UUID job = importRejected("purchases.csv",
				CsvImportTest.HEADER + ana + ",,,purchase,store,2024-03-01T10:00:00Z,ORD-" + InteractionFixture.unique()
						+ ",NOPE-3,1,5.00,,,EUR,,,\n");

		MvcTestResult result = this.mvc.get().uri("/imports/" + job + "/errors.csv").with(as(Role.MANAGER)).exchange();

		assertThat(result).hasStatusOk()
			.hasHeader("Content-Disposition", "attachment; filename=\"import-errors-purchases.csv\"");
		assertThat(ImportConsoleController.reportName("Orders May.JSONL")).isEqualTo("import-errors-orders_may.csv");
		assertThat(ImportConsoleController.reportName("cdnow_master")).isEqualTo("import-errors-cdnow_master.csv");
	}

	/** A file of rejected rows only, imported under the name. */
	private UUID importRejected(String name, String csv) throws IOException {
		return importRejected(name, csv, 1);
	}

	private UUID importRejected(String name, String csv, int rejected) throws IOException {
		Path file = this.dir.resolve(InteractionFixture.unique() + "-" + name);
		Files.writeString(file, csv);
		ImportJobView job = this.imports.importFile(file, name,
				ImportOptions.of(ImportFormat.CSV, "shop-" + InteractionFixture.unique()), ImportListener.NONE);
		assertThat(job.stored()).isZero();
		assertThat(job.rejected()).isEqualTo(rejected);
		return job.id();
	}

	/**
	 * A file of a stored purchase (line 2), an order of two lines whose second has no
	 * quantity (lines 3 and 4) and a row with an impossible date (line 5).
	 */
	private UUID importWithBadRows() throws IOException {
		UUID ana = this.fx.customer();
		String sku = this.fx.product("books");
		String o = "ORD-" + InteractionFixture.unique();
		String csv = CsvImportTest.HEADER + ana + ",,,purchase,store,2024-03-01T10:00:00Z," + o + "-1," + sku
				+ ",1,5.00,,,EUR,,,\n" + ana + ",,,purchase,store,2024-03-02T10:00:00Z," + o + "-2," + sku
				+ ",1,5.00,,,EUR,,,\n" + ana + ",,,purchase,store,2024-03-02T10:00:00Z," + o + "-2," + sku
				+ ",0,5.00,,,EUR,,,\n" + ana + ",,,purchase,store,2024-13-45," + o + "-3," + sku + ",1,1.00,,,EUR,,,\n";
		Path file = this.dir.resolve("bad-rows-" + InteractionFixture.unique() + ".csv");
		Files.writeString(file, csv);
		ImportJobView job = this.imports.importFile(file, file.getFileName().toString(),
				ImportOptions.of(ImportFormat.CSV, "shop-" + InteractionFixture.unique()), ImportListener.NONE);
		assertThat(job.stored()).isEqualTo(1);
		assertThat(job.rejected()).isEqualTo(3);
		return job.id();
	}

	private String page(UUID job, String language) throws IOException {
		return body("/imports/" + job, language);
	}

	private String report(UUID job, String language) throws IOException {
		return body("/imports/" + job + "/errors.csv", language);
	}

	/** The answer to a staff member whose console speaks the language (none: English). */
	private String body(String uri, String language) throws IOException {
		MockMvcTester.MockMvcRequestBuilder request = this.mvc.get().uri(uri).with(as(Role.MANAGER));
		if (language != null) {
			request.cookie(new Cookie("rapport-lang", language));
		}
		MvcTestResult result = request.exchange();
		assertThat(result).hasStatusOk();
		return result.getResponse().getContentAsString(StandardCharsets.UTF_8);
	}

	private static RequestPostProcessor as(Role role) {
		return user(role.name().toLowerCase())
			.authorities(role.permissions().stream().map((p) -> new SimpleGrantedAuthority(p.authority())).toList());
	}

}
