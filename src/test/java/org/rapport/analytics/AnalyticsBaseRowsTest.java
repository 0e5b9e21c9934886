package org.rapport.analytics;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.rapport.IntegrationTest;
import org.rapport.access.StaffDirectory;
import org.rapport.customer.Customers;
import org.rapport.customer.PersonalData;
import org.rapport.interaction.Interactions;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What enters a customer's base row and the purchase months (docs/adr/0074): contacts
 * that change no figure still make a customer one who has been in contact, and the
 * purchases of a customer who is no longer active enter no cohort.
 */
@IntegrationTest
class AnalyticsBaseRowsTest {

	static final Instant AS_OF = Instant.parse("2026-01-01T00:00:00Z");

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
	PersonalData personalData;

	@Autowired
	Analytics analytics;

	@Test
	void contactsThatChangeNoFigureStillCountAsContactAndAnErasedBuyerEntersNoCohort() {
		AnalyticsFixture fx = new AnalyticsFixture(this.mvc, this.json, this.staff, this.customers, this.interactions);
		UUID mailed = fx.customer("Mailed");
		UUID called = fx.customer("Called");
		UUID buyer = fx.customer("Buyer");
		UUID erased = fx.customer("Erased");
		UUID silent = fx.customer("Silent");
		fx.contact(mailed, "EMAIL", "email", "2025-11-02", null, Map.of("subject", "Welcome"));
		fx.contact(mailed, "WEB", "web", "2025-11-03", null, null);
		// a call served long ago: no signal, but a contact all the same
		fx.contact(called, "CALL", "phone", "2024-02-01", "SERVED", null);
		fx.purchases(buyer, "40.00", "2019-03-10", "2019-04-10");
		fx.contact(buyer, "EMAIL", "email", "2019-03-11", null, null);
		fx.purchases(erased, "70.00", "2019-03-12", "2019-05-12");
		this.personalData.erase(erased, "asked to be forgotten");

		AnalyticsRun run = this.analytics.runFor(List.of(mailed, called, buyer, erased, silent), AS_OF);

		assertThat(run.status()).isEqualTo(AnalyticsRun.Status.COMPLETED);
		assertThat(this.analytics.customer(run.id(), mailed).orElseThrow().stage().name()).isEqualTo("POTENTIAL");
		assertThat(this.analytics.customer(run.id(), called).orElseThrow().stage().name()).isEqualTo("POTENTIAL");
		assertThat(this.analytics.customer(run.id(), silent).orElseThrow().stage().name()).isEqualTo("PROSPECT");
		CustomerScores bought = this.analytics.customer(run.id(), buyer).orElseThrow();
		assertThat(bought.purchases()).isEqualTo(2);
		assertThat(bought.revenue()).isEqualByComparingTo("80.00");
		assertThat(this.analytics.customer(run.id(), erased)).isEmpty();

		List<Charts.CohortCell> cells = this.analytics.cohorts(run.id()).cells();
		assertThat(cells).allSatisfy((cell) -> assertThat(cell.cohortMonth()).isEqualTo(LocalDate.of(2019, 3, 1)));
		assertThat(cells)
			.extracting(Charts.CohortCell::monthsSince, Charts.CohortCell::cohortSize, Charts.CohortCell::customers)
			.contains(org.assertj.core.groups.Tuple.tuple(0, 1, 1), org.assertj.core.groups.Tuple.tuple(1, 1, 1))
			.doesNotContain(org.assertj.core.groups.Tuple.tuple(2, 1, 1));
	}

}
