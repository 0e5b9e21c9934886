package org.rapport.interaction;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ChunkFeedTest {

	private static final String CUSTOMER = UUID.randomUUID().toString();

	@Test
	void chunksComeOutInFileOrderWithTheRejectedLinesReadWithThem() throws IOException {
		// lines 2..11: every third data row is malformed
		StringBuilder csv = new StringBuilder("customer_id,occurred_at\n");
		for (int row = 1; row <= 10; row++) {
			csv.append(row % 3 == 0 ? "not-an-id" : CUSTOMER).append(",2024-01-").append(10 + row).append('\n');
		}
		List<ChunkFeed.Chunk> chunks = new ArrayList<>();
		long rows;
		try (ChunkFeed feed = new ChunkFeed(reader(csv.toString()), 3, 0)) {
			ChunkFeed.Chunk chunk;
			while ((chunk = feed.next()) != null) {
				chunks.add(chunk);
			}
			rows = feed.rowsRead();
		}

		assertThat(rows).isEqualTo(10);
		assertThat(chunks).extracting((c) -> c.groups().stream().map(InteractionReader.Group::firstLine).toList())
			.containsExactly(List.of(2L, 3L, 5L), List.of(6L, 8L, 9L), List.of(11L));
		assertThat(chunks).extracting((c) -> c.rejected().stream().map(ImportRejection::line).toList())
			.containsExactly(List.of(4L), List.of(7L), List.of(10L));
		assertThat(chunks).extracting(ChunkFeed.Chunk::lastLine).containsExactly(5L, 9L, 11L);
	}

	@Test
	void largeChunksStartSmallAndDoubleUpToTheChunkSizeWithEveryGroupOnce() throws IOException {
		int groups = ChunkFeed.FIRST_CHUNK * 7 + 10;
		String csv = "customer_id,occurred_at\n" + (CUSTOMER + ",2024-01-01\n").repeat(groups);
		List<Integer> sizes = new ArrayList<>();
		List<Long> lines = new ArrayList<>();
		try (ChunkFeed feed = new ChunkFeed(reader(csv), ChunkFeed.FIRST_CHUNK * 3, 0)) {
			ChunkFeed.Chunk chunk;
			while ((chunk = feed.next()) != null) {
				sizes.add(chunk.groups().size());
				chunk.groups().forEach((g) -> lines.add(g.firstLine()));
			}
		}

		int first = ChunkFeed.FIRST_CHUNK;
		assertThat(sizes).containsExactly(first, 2 * first, 3 * first, first + 10);
		assertThat(lines).hasSize(groups).doesNotHaveDuplicates().isSorted();
	}

	@Test
	void groupsUpToTheResumeLineArePassedOver() throws IOException {
		String csv = "customer_id,occurred_at\n" + (CUSTOMER + ",2024-01-01\n").repeat(5);
		List<Long> lines = new ArrayList<>();
		try (ChunkFeed feed = new ChunkFeed(reader(csv), 10, 4)) {
			ChunkFeed.Chunk chunk;
			while ((chunk = feed.next()) != null) {
				chunk.groups().forEach((g) -> lines.add(g.firstLine()));
			}
		}

		assertThat(lines).containsExactly(5L, 6L);
	}

	@Test
	void aFileThatCannotBeReadFailsInTheWritersThreadWithItsReason() {
		try (ChunkFeed feed = new ChunkFeed(reader("customer_id,colour\n"), 10, 0)) {
			assertThatThrownBy(feed::next).isInstanceOf(ImportFileException.class).hasMessageContaining("colour");
		}
	}

	@Test
	void eachChunkIsPreparedOnTheReadingThreadBeforeTheWriterTakesIt() throws IOException {
		String other = UUID.randomUUID().toString();
		String csv = "customer_id,occurred_at\n" + CUSTOMER + ",2024-01-01\n" + other + ",2024-01-02\n" + CUSTOMER
				+ ",2024-01-03\n";
		List<String> threads = new ArrayList<>();
		List<ImportBatch> batches = new ArrayList<>();
		try (ChunkFeed feed = new ChunkFeed(reader(csv), 10, 0, (chunk) -> {
			threads.add(Thread.currentThread().getName());
			ImportBatch batch = new ImportBatch(chunk.rejected());
			chunk.groups()
				.forEach((g) -> batch.staged(new ImportBatch.Staged(batch.ref(g.interaction().customerId()), g,
						g.interaction(), UUID.randomUUID(), null, 0, 0, 0, 0)));
			return batch;
		})) {
			ChunkFeed.Chunk chunk;
			while ((chunk = feed.next()) != null) {
				batches.add(chunk.batch());
			}
		}

		assertThat(threads).containsExactly("import-reader");
		assertThat(batches).singleElement()
			.satisfies((b) -> assertThat(b.staged()).extracting(ImportBatch.Staged::ref).containsExactly(0, 1, 0))
			.satisfies((b) -> assertThat(b.refCount()).isEqualTo(2));
	}

	@Test
	void aChunkThatCannotBePreparedFailsInTheWritersThreadWithItsReason() {
		String csv = "customer_id,occurred_at\n" + CUSTOMER + ",2024-01-01\n";
		try (ChunkFeed feed = new ChunkFeed(reader(csv), 10, 0, (chunk) -> {
			throw new IllegalStateException("catalogue unavailable");
		})) {
			assertThatThrownBy(feed::next).isInstanceOf(IllegalStateException.class)
				.hasMessageContaining("catalogue unavailable");
		}
	}

	private static InteractionReader reader(String csv) {
		InputStream in = new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8));
		return new CsvInteractionReader(in, "test");
	}

}
