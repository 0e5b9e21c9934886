package org.rapport.demo;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.rapport.IntegrationTest;
import org.rapport.access.StaffDirectory;
import org.rapport.customer.BulkLoadReport;
import org.rapport.customer.CustomerBulkLoad;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

@IntegrationTest
class DemoDataTest {

	@Autowired
	CustomerBulkLoad bulk;

	@Autowired
	StaffDirectory staff;

	@Autowired
	JdbcClient jdbc;

	@Test
	void everyGeneratedCustomerLoadsAndTheDocumentedCustomerCanBeFoundByPhone() {
		ByteArrayOutputStream printed = new ByteArrayOutputStream();
		GeneratorSettings settings = GeneratorSettings.of(424_242, 3_000).withShowcase();
		BulkLoadReport report = GenerateCommand.load(this.bulk, settings,
				new PrintStream(printed, true, StandardCharsets.UTF_8));

		assertThat(report.rejections()).isEmpty();
		assertThat(report.loaded() + report.skipped()).isEqualTo(3_000);
		assertThat(printed.toString(StandardCharsets.UTF_8)).contains("3,000 / 3,000 read");
		assertThat(this.jdbc
			.sql("SELECT c.display_name FROM customer c JOIN customer_identity i ON i.customer_id = c.id "
					+ "WHERE i.type = 'PHONE' AND i.value = '+34600111222'")
			.query(String.class)
			.single()).isEqualTo("María José Núñez García");
		assertThat(this.jdbc
			.sql("SELECT count(*) FROM customer_identity WHERE type = 'EXTERNAL' AND source = 'demo' "
					+ "AND value LIKE 's424242-%'")
			.query(Long.class)
			.single()).isEqualTo(2_997);
	}

	@Test
	void generatingTheSameSeedAgainAddsNothing() {
		GeneratorSettings settings = GeneratorSettings.of(777_777, 500);
		PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
		GenerateCommand.load(this.bulk, settings, quiet);

		BulkLoadReport again = GenerateCommand.load(this.bulk, settings, quiet);

		assertThat(again.loaded()).isZero();
		assertThat(again.skipped()).isEqualTo(500);
	}

	@Test
	void theDemoLoaderLeavesAnInstallationWithCustomersAlone() {
		GenerateCommand.load(this.bulk, GeneratorSettings.of(515_151, 5),
				new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
		long before = this.jdbc.sql("SELECT count(*) FROM customer").query(Long.class).single();

		BulkLoadReport report = new DemoDataLoader(this.bulk, this.staff, null, null, null, 50, 99).loadIfEmpty();

		assertThat(report).isNull();
		assertThat(this.jdbc.sql("SELECT count(*) FROM customer").query(Long.class).single()).isEqualTo(before);
	}

	@Test
	void generatedCustomersAreAssignedToTheSalesStaff() {
		String name = "sales" + UUID.randomUUID().toString().substring(0, 6);
		var member = this.staff.create(name, "Sales " + name, "long-enough-password",
				java.util.Set.of(org.rapport.access.Role.SALES));
		List<GeneratorSettings.Staff> sales = DemoStaff.sales(this.staff);

		assertThat(sales).extracting(GeneratorSettings.Staff::id).contains(member.id());
	}

}
