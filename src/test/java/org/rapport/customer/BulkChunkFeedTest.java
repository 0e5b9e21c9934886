package org.rapport.customer;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class BulkChunkFeedTest {

	private static final Instant AT = Instant.parse("2025-03-01T10:00:00Z");

	@Test
	void aFullChunkTakesTheFurtherMembersOfItsLastHouseholdThatFollowIt() throws Exception {
		List<BulkCustomer> rows = new ArrayList<>();
		rows.add(person("a", null, null));
		rows.add(person("b", "h1", null));
		rows.add(person("c", "h1", null));
		rows.add(person("d", "h1", null));
		rows.add(person("e", null, null));
		rows.add(person("f", null, null));

		assertThat(chunkSizes(rows, 2)).containsExactly(4, 2);
	}

	@Test
	void aFullChunkTakesTheContactPeopleOfItsCompanyThatFollowIt() throws Exception {
		List<BulkCustomer> rows = new ArrayList<>();
		rows.add(person("a", null, null));
		rows.add(company("acme"));
		rows.add(person("c", null, "acme"));
		rows.add(person("d", null, "acme"));
		rows.add(person("e", null, null));

		assertThat(chunkSizes(rows, 2)).containsExactly(4, 1);
	}

	@Test
	void aRowThatBelongsWithNoRowOfTheChunkStartsTheNextChunk() throws Exception {
		List<BulkCustomer> rows = new ArrayList<>();
		rows.add(person("a", "h1", null));
		rows.add(person("b", null, null));
		rows.add(person("c", "h1", null));
		rows.add(person("d", null, null));

		assertThat(chunkSizes(rows, 2)).containsExactly(3, 1);
	}

	@Test
	void aChunkGrowsByAtMostATenthOfItsSizeAndAtLeastSixteenRows() throws Exception {
		List<BulkCustomer> rows = new ArrayList<>();
		for (int i = 0; i < 40; i++) {
			rows.add(person("p" + i, "big", null));
		}

		assertThat(BulkChunkFeed.extraRows(5_000)).isEqualTo(500);
		assertThat(chunkSizes(rows, 2)).containsExactly(18, 18, 4);
	}

	@Test
	void rowsKeepTheirNumbersAcrossChunksThatGrew() throws Exception {
		List<BulkCustomer> rows = new ArrayList<>();
		rows.add(person("a", "h1", null));
		rows.add(person("b", "h1", null));
		rows.add(person("c", "h1", null));
		rows.add(person("d", null, null));

		List<Long> numbers = new ArrayList<>();
		try (BulkChunkFeed feed = feed(rows, 2)) {
			for (BulkChunkFeed.Chunk chunk = feed.next(); chunk != null; chunk = feed.next()) {
				chunk.checked().forEach((r) -> numbers.add(r.row()));
			}
		}
		assertThat(numbers).containsExactly(1L, 2L, 3L, 4L);
	}

	private static List<Integer> chunkSizes(List<BulkCustomer> rows, int chunkSize) throws InterruptedException {
		List<Integer> sizes = new ArrayList<>();
		try (BulkChunkFeed feed = feed(rows, chunkSize)) {
			for (BulkChunkFeed.Chunk chunk = feed.next(); chunk != null; chunk = feed.next()) {
				sizes.add(chunk.read());
			}
		}
		return sizes;
	}

	private static BulkChunkFeed feed(List<BulkCustomer> rows, int chunkSize) {
		BulkChunkWriter writer = new BulkChunkWriter("test", "SYSTEM", AT);
		return new BulkChunkFeed(rows.iterator(), chunkSize, "test", writer, Clock.fixed(AT, ZoneOffset.UTC));
	}

	private static BulkCustomer person(String key, String household, String contactOf) {
		return new BulkCustomer(key, CustomerKind.PERSON, "Ana", "Ruiz " + key, null, null, "es", null, List.of(), null,
				"ES", List.of(), List.of(), List.of(), List.of(), household, null, household == null ? null : "HEAD",
				null, contactOf, contactOf == null ? null : "buyer", AT);
	}

	private static BulkCustomer company(String key) {
		return new BulkCustomer(key, CustomerKind.COMPANY, null, null, "Acme " + key, null, "es", null, List.of(), null,
				"ES", List.of(), List.of(), List.of(), List.of(), null, null, null, null, null, null, AT);
	}

}
