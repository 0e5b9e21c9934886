package org.rapport.demo;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.rapport.IntegrationTest;
import org.rapport.customer.CustomerBulkLoad;
import org.rapport.customer.Customers;
import org.rapport.customer.IdentityType;
import org.rapport.loyalty.Loyalty;
import org.rapport.loyalty.MemberSummary;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

@IntegrationTest
class DemoProgrammeTest {

	@Autowired
	CustomerBulkLoad bulk;

	@Autowired
	Customers customers;

	@Autowired
	Loyalty loyalty;

	@Test
	void theDemoProgrammeEnrolsTheShowcaseCustomerWithAnExplainedWelcomeBonus() {
		GenerateCommand.load(this.bulk, GeneratorSettings.of(61_061, 3).withShowcase(),
				new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
		var showcase = this.customers.findByIdentity(IdentityType.PHONE, Showcase.PHONE).orElseThrow();

		new DemoProgramme(this.loyalty, this.customers, null).createProgramme();

		List<MemberSummary> memberships = this.loyalty.membershipsOf(showcase.id())
			.stream()
			.filter((m) -> m.programmeCode().equals(DemoProgramme.CODE))
			.toList();
		assertThat(memberships).singleElement().satisfies((m) -> {
			assertThat(m.available()).isEqualTo(500);
			assertThat(m.cards()).hasSize(1);
			assertThat(this.loyalty.ledger(m.accountId(), 0, 10).items())
				.anySatisfy((mv) -> assertThat(mv.reason()).isEqualTo("Welcome bonus"));
		});
	}

}
