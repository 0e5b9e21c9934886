package org.rapport.interaction;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.rapport.IntegrationTest;
import org.rapport.access.StaffDirectory;
import org.rapport.customer.Customers;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import static org.assertj.core.api.Assertions.assertThat;

/** Figures added from staged chunks merge into the kept ones as the API path's do. */
@IntegrationTest
class StagedFiguresTest {

	@Autowired
	InteractionBulkWriter writer;

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

	@Test
	void aLaterChunkKeepsTheLatestContactPerChannelWhateverOrderTheHistoryArrivesIn() {
		InteractionFixture fx = new InteractionFixture(this.mvc, this.json, this.staff, this.customers,
				this.interactions);
		UUID ana = fx.customer();
		String source = "gen-" + InteractionFixture.unique();
		List<BulkInteraction> history = List.of(visit(ana, source, 1, "store", "2024-06-05T10:00:00Z"),
				visit(ana, source, 2, "store", "2024-06-01T10:00:00Z"),
				visit(ana, source, 3, "web", "2024-06-03T10:00:00Z"),
				visit(ana, source, 4, "phone", "2024-05-01T10:00:00Z"),
				visit(ana, source, 5, "store", "2024-06-09T10:00:00Z"),
				visit(ana, source, 6, "web", "2024-06-02T10:00:00Z"));

		this.writer.write(history.iterator(), 1, null);

		assertThat(this.interactions.figures(ana).lastContact())
			.isEqualTo(Map.of("store", Instant.parse("2024-06-09T10:00:00Z"), "web",
					Instant.parse("2024-06-03T10:00:00Z"), "phone", Instant.parse("2024-05-01T10:00:00Z")));
	}

	private static BulkInteraction visit(UUID customer, String source, int n, String channel, String at) {
		String key = "visit-" + n;
		return new BulkInteraction(BulkInteraction.idFor(source, key), customer, InteractionKind.VISIT, channel,
				Instant.parse(at), source, key, null, null, null, null, null, null, null, null, null, null, null,
				List.of());
	}

}
