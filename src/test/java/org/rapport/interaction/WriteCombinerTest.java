package org.rapport.interaction;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

class WriteCombinerTest {

	private final ExecutorService pool = Executors.newFixedThreadPool(4);

	@AfterEach
	void stop() {
		this.pool.shutdownNow();
	}

	@Test
	void requestsWaitingWhileAnotherWritesAreWrittenTogetherAndEachGetsItsOwnResults() throws Exception {
		FakeWrite write = new FakeWrite(null);
		WriteCombiner combiner = new WriteCombiner(write, Clock.systemUTC());
		Future<List<RecordResult>> first = this.pool.submit(() -> combiner.write(items(1)));
		assertThat(write.firstCallStarted.await(10, TimeUnit.SECONDS)).isTrue();
		List<List<Prepared>> requests = List.of(items(2), items(3), items(1));
		List<Future<List<RecordResult>>> waiting = new ArrayList<>();
		for (List<Prepared> request : requests) {
			waiting.add(this.pool.submit(() -> combiner.write(request)));
		}
		awaitQueued(combiner, write, 3);
		write.release.countDown();

		assertThat(first.get(10, TimeUnit.SECONDS)).hasSize(1);
		for (int r = 0; r < requests.size(); r++) {
			List<RecordResult> results = waiting.get(r).get(10, TimeUnit.SECONDS);
			List<Prepared> sent = requests.get(r);
			assertThat(results).extracting(RecordResult::index)
				.containsExactlyElementsOf(sent.stream().map(Prepared::index).toList());
			assertThat(results).extracting(RecordResult::id)
				.containsExactlyElementsOf(sent.stream().map(Prepared::id).toList());
		}
		assertThat(write.calls).hasSize(2);
		assertThat(write.calls.get(1)).hasSize(6);
	}

	@Test
	void whenACombinedWriteFailsEachRequestIsWrittenAloneSoOnlyTheBadOneFails() throws Exception {
		List<Prepared> bad = items(2);
		FakeWrite write = new FakeWrite(bad.get(0).id());
		WriteCombiner combiner = new WriteCombiner(write, Clock.systemUTC());
		Future<List<RecordResult>> first = this.pool.submit(() -> combiner.write(items(1)));
		assertThat(write.firstCallStarted.await(10, TimeUnit.SECONDS)).isTrue();
		List<Prepared> good = items(3);
		Future<List<RecordResult>> badAnswer = this.pool.submit(() -> combiner.write(bad));
		Future<List<RecordResult>> goodAnswer = this.pool.submit(() -> combiner.write(good));
		awaitQueued(combiner, write, 2);
		write.release.countDown();

		assertThat(first.get(10, TimeUnit.SECONDS)).hasSize(1);
		assertThat(goodAnswer.get(10, TimeUnit.SECONDS)).extracting(RecordResult::id)
			.containsExactlyElementsOf(good.stream().map(Prepared::id).toList());
		assertThatThrownBy(() -> badAnswer.get(10, TimeUnit.SECONDS)).hasCauseInstanceOf(IllegalStateException.class);
	}

	/** Waits until the given number of requests are queued behind the blocked write. */
	private static void awaitQueued(WriteCombiner combiner, FakeWrite write, int requests) {
		await().atMost(Duration.ofSeconds(10)).until(() -> combiner.queued() == requests);
	}

	private static List<Prepared> items(int count) {
		List<Prepared> items = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			items.add(new Prepared(i, UUID.randomUUID(), UUID.randomUUID(), null, "k" + UUID.randomUUID(), List.of()));
		}
		return items;
	}

	/**
	 * Answers every item as created; the first call waits to be released, and any call
	 * holding the poisoned item fails.
	 */
	private static final class FakeWrite extends IngestionWrite {

		final CountDownLatch firstCallStarted = new CountDownLatch(1);

		final CountDownLatch release = new CountDownLatch(1);

		final List<List<Prepared>> calls = new CopyOnWriteArrayList<>();

		private final UUID poisoned;

		FakeWrite(UUID poisoned) {
			super(null, null, null);
			this.poisoned = poisoned;
		}

		@Override
		List<RecordResult> write(List<Prepared> items, Instant now, Map<UUID, InteractionView> shown) {
			this.calls.add(items);
			if (this.calls.size() == 1) {
				this.firstCallStarted.countDown();
				try {
					this.release.await(10, TimeUnit.SECONDS);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
			}
			if (items.stream().anyMatch((p) -> p.id().equals(this.poisoned))) {
				throw new IllegalStateException("poisoned item");
			}
			return items.stream().map((p) -> RecordResult.created(p.index(), p.id())).toList();
		}

	}

}
