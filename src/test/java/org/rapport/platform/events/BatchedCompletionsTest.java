package org.rapport.platform.events;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.rapport.IntegrationTest;
import org.rapport.platform.events.BatchedCompletions.BatchingRepository;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.modulith.events.core.EventPublicationRepository;
import org.springframework.modulith.events.core.PublicationTargetIdentifier;
import org.springframework.modulith.events.core.TargetEventPublication;
import org.springframework.transaction.PlatformTransactionManager;

import static org.assertj.core.api.Assertions.assertThat;

@IntegrationTest
class BatchedCompletionsTest {

	@Autowired
	EventPublicationRepository repository;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	PlatformTransactionManager transactions;

	@Test
	void theApplicationsPublicationLogDeletesCompletionsInBatches() {
		assertThat(this.repository).isInstanceOf(BatchingRepository.class);
	}

	@Test
	void completionsNotedTogetherAreDeletedByOneStatementWithAsynchronousCommit() {
		Recording log = new Recording();
		BatchingRepository batching = batching(log);
		List<UUID> ids = List.of(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID());
		ids.forEach((id) -> batching.markCompleted(id, Instant.now()));
		assertThat(log.deleted).isEmpty();
		assertThat(batching.waiting()).isEqualTo(3);

		batching.flush();

		assertThat(log.deleted).containsExactly(ids);
		assertThat(log.synchronousCommit).containsExactly("off");
		assertThat(batching.waiting()).isZero();
	}

	@Test
	void aPublicationWaitingForItsDeletionIsNeverHandedOutAgain() {
		TargetEventPublication done = publication();
		TargetEventPublication open = publication();
		Recording log = new Recording(done, open);
		BatchingRepository batching = batching(log);

		batching.markCompleted(done, Instant.now());

		assertThat(batching.findIncompletePublications()).containsExactly(open);
		assertThat(batching.findIncompletePublicationsPublishedBefore(Instant.now().plusSeconds(1)))
			.containsExactly(open);
		assertThat(batching.findIncompletePublicationsByEventAndTargetIdentifier(done.getEvent(),
				done.getTargetIdentifier()))
			.isEmpty();
	}

	@Test
	void aCompletionThatCouldNotBeDeletedLeavesItsPublicationIncompleteForRedelivery() {
		TargetEventPublication done = publication();
		Recording log = new Recording(done);
		log.failing = true;
		BatchingRepository batching = batching(log);
		batching.markCompleted(done, Instant.now());

		batching.flush();

		assertThat(batching.waiting()).isZero();
		assertThat(batching.findIncompletePublications()).containsExactly(done);
	}

	@Test
	void aCompletionByEventIsLeftToTheLogItself() {
		Recording log = new Recording();
		BatchingRepository batching = batching(log);

		batching.markCompleted("event", PublicationTargetIdentifier.of("listener"), Instant.now());

		assertThat(log.completedByEvent).isEqualTo(1);
		assertThat(batching.waiting()).isZero();
	}

	@Test
	void aDeliveryIsMarkedProcessingOnlyWhenProcessingMarksAreOn() {
		Recording log = new Recording();
		UUID id = UUID.randomUUID();

		batching(log).markProcessing(id);
		new BatchingRepository(log, () -> this.jdbc, () -> this.transactions, Duration.ofHours(1), true)
			.markProcessing(id);

		assertThat(log.processing).containsExactly(id);
	}

	private BatchingRepository batching(Recording log) {
		// no timer during the test: deleted only by the explicit flush
		return new BatchingRepository(log, () -> this.jdbc, () -> this.transactions, Duration.ofHours(1), false);
	}

	private static TargetEventPublication publication() {
		return TargetEventPublication.of("event " + UUID.randomUUID(), PublicationTargetIdentifier.of("listener"),
				Instant.now().minusSeconds(5));
	}

	/** A log in memory that records what it was asked to do. */
	private final class Recording implements EventPublicationRepository {

		final List<TargetEventPublication> incomplete;

		final List<List<UUID>> deleted = new ArrayList<>();

		final List<String> synchronousCommit = new ArrayList<>();

		int completedByEvent;

		final List<UUID> processing = new ArrayList<>();

		boolean failing;

		Recording(TargetEventPublication... incomplete) {
			this.incomplete = List.of(incomplete);
		}

		@Override
		public void deletePublications(List<UUID> identifiers) {
			this.synchronousCommit
				.add(BatchedCompletionsTest.this.jdbc.queryForObject("SHOW synchronous_commit", String.class));
			if (this.failing) {
				throw new IllegalStateException("database gone");
			}
			this.deleted.add(List.copyOf(identifiers));
		}

		@Override
		public TargetEventPublication create(TargetEventPublication publication) {
			return publication;
		}

		@Override
		public void markProcessing(UUID identifier) {
			this.processing.add(identifier);
		}

		@Override
		public void markCompleted(Object event, PublicationTargetIdentifier identifier, Instant completionDate) {
			this.completedByEvent++;
		}

		@Override
		public void markCompleted(UUID identifier, Instant completionDate) {
			throw new AssertionError("completions by id are batched");
		}

		@Override
		public List<TargetEventPublication> findIncompletePublications() {
			return this.incomplete;
		}

		@Override
		public List<TargetEventPublication> findIncompletePublicationsPublishedBefore(Instant instant) {
			return this.incomplete.stream().filter((p) -> p.getPublicationDate().isBefore(instant)).toList();
		}

		@Override
		public Optional<TargetEventPublication> findIncompletePublicationsByEventAndTargetIdentifier(Object event,
				PublicationTargetIdentifier targetIdentifier) {
			return this.incomplete.stream()
				.filter((p) -> p.getEvent().equals(event) && p.getTargetIdentifier().equals(targetIdentifier))
				.findFirst();
		}

		@Override
		public void deleteCompletedPublications() {
		}

		@Override
		public void deleteCompletedPublicationsBefore(Instant instant) {
		}

	}

}
