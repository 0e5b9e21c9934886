package org.rapport.platform.events;

import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.rapport.IntegrationTest;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.core.EventPublicationRepository;
import org.springframework.modulith.events.core.PublicationTargetIdentifier;
import org.springframework.modulith.events.core.TargetEventPublication;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The publication log keeps only its primary key (ADR 0039): the rare look-ups by event
 * and listener, and the completion by event, still find exactly their publication by
 * reading the small table.
 */
@IntegrationTest
class PublicationLookupsTest {

	@Autowired
	EventPublicationRepository log;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	TransactionTemplate transactions;

	record Noted(UUID id, String text) {
	}

	@Test
	void aPublicationIsFoundAndCompletedByItsEventAndListenerWithoutTheSecondaryIndexes() {
		PublicationTargetIdentifier listener = PublicationTargetIdentifier.of("lookups-test-listener");
		PublicationTargetIdentifier other = PublicationTargetIdentifier.of("lookups-test-other-listener");
		Noted event = new Noted(UUID.randomUUID(), "looked up by its serialized form");
		Noted another = new Noted(UUID.randomUUID(), "a different event");
		this.transactions.executeWithoutResult((s) -> {
			this.log.create(TargetEventPublication.of(event, listener));
			this.log.create(TargetEventPublication.of(event, other));
			this.log.create(TargetEventPublication.of(another, listener));
		});

		assertThat(this.log.findIncompletePublicationsByEventAndTargetIdentifier(event, listener)).isPresent()
			.get()
			.satisfies((p) -> assertThat(p.getTargetIdentifier()).isEqualTo(listener));
		this.transactions.executeWithoutResult((s) -> this.log.markCompleted(event, listener, Instant.now()));

		assertThat(this.log.findIncompletePublicationsByEventAndTargetIdentifier(event, listener)).isEmpty();
		assertThat(this.log.findIncompletePublicationsByEventAndTargetIdentifier(event, other)).isPresent();
		assertThat(this.log.findIncompletePublicationsByEventAndTargetIdentifier(another, listener)).isPresent();
		assertThat(this.jdbc
			.sql("""
					SELECT count(*) FROM pg_indexes WHERE tablename = 'event_publication' AND indexname <> 'event_publication_pkey'
					""")
			.query(Long.class)
			.single()).isZero();
		this.transactions.executeWithoutResult((s) -> {
			this.log.markCompleted(event, other, Instant.now());
			this.log.markCompleted(another, listener, Instant.now());
		});
		assertThat(this.log.findIncompletePublicationsByEventAndTargetIdentifier(another, listener)).isEmpty();
	}

}
