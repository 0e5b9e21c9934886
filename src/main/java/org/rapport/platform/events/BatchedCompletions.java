package org.rapport.platform.events;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.modulith.events.EventPublication;
import org.springframework.modulith.events.core.EventPublicationRepository;
import org.springframework.modulith.events.core.PublicationTargetIdentifier;
import org.springframework.modulith.events.core.TargetEventPublication;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Completed event publications are deleted in batches instead of one transaction each
 * (ADR 0031). Spring Modulith completes every delivery in a transaction of its own after
 * the listener's transaction has committed: with two listeners of
 * {@code InteractionsRecorded}, every recording cost two extra commits only to delete its
 * two publication rows. Here the event publication repository is wrapped so that a
 * completion by id is noted in memory and deleted, together with every other completion
 * of the moment, a few milliseconds later by one statement in one transaction, committed
 * with {@code synchronous_commit = off}.
 * <p>
 * What a crash can do: completions not yet deleted (the last few milliseconds, or the
 * last asynchronous commit) are lost, so those publications are still incomplete at the
 * next start and are delivered again. That is the guarantee the log always gave (a crash
 * between a listener's commit and its completion redelivers too), and every listener is
 * idempotent for it (ADR 0015, ADR 0031). The other way round cannot happen: a completion
 * is written after its listener's commit, and the write-ahead log is durable in order, so
 * a durable completion implies a durable delivery.
 * <p>
 * While a completion waits, its publication is not reported as incomplete by this node,
 * so it is never handed out again. Active only with
 * {@code spring.modulith.events.completion-mode: delete}; other modes (update, archive)
 * complete one by one as before; {@code rapport.events.batched-completions: false} turns
 * the batching off. The same wrapper leaves out the {@code PROCESSING} mark of each
 * delivery unless {@code rapport.events.processing-marks} is on (see
 * {@link BatchingRepository#markProcessing(UUID)}).
 */
@Configuration(proxyBeanMethods = false)
class BatchedCompletions {

	/** How long a completion waits for others before its batch is deleted. */
	static final Duration DELAY = Duration.ofMillis(20);

	@Bean
	static BeanPostProcessor batchedCompletionRepository(Environment environment, ObjectProvider<JdbcTemplate> jdbc,
			ObjectProvider<PlatformTransactionManager> transactions) {
		return new BeanPostProcessor() {
			@Override
			public Object postProcessAfterInitialization(Object bean, String beanName) {
				if (!(bean instanceof EventPublicationRepository repository) || bean instanceof BatchingRepository
						|| !environment.getProperty("rapport.events.batched-completions", Boolean.class, true)
						|| !"delete".equalsIgnoreCase(
								environment.getProperty("spring.modulith.events.completion-mode", "update"))) {
					return bean;
				}
				return new BatchingRepository(repository, jdbc::getObject, transactions::getObject, DELAY,
						environment.getProperty("rapport.events.processing-marks", Boolean.class, false));
			}
		};
	}

	/** Deletes what is still waiting when the application stops. */
	@Bean
	SmartLifecycle batchedCompletionsFlush(ObjectProvider<EventPublicationRepository> repository) {
		return new SmartLifecycle() {

			private volatile boolean running;

			@Override
			public void start() {
				this.running = true;
			}

			@Override
			public void stop() {
				this.running = false;
				if (repository.getIfAvailable() instanceof BatchingRepository batching) {
					batching.flush();
				}
			}

			@Override
			public boolean isRunning() {
				return this.running;
			}

			@Override
			public int getPhase() {
				// stopped after the web server and the schedulers (which stop at higher
				// phases)
				return 0;
			}
		};
	}

	/**
	 * The event publication repository with completions by id deleted in batches; every
	 * other operation is the wrapped repository's.
	 */
	static final class BatchingRepository implements EventPublicationRepository {

		private static final Logger log = LoggerFactory.getLogger(BatchingRepository.class);

		private final EventPublicationRepository delegate;

		private final Supplier<JdbcTemplate> jdbc;

		private final Supplier<PlatformTransactionManager> transactions;

		private final Duration delay;

		private final boolean processingMarks;

		private final ConcurrentLinkedQueue<UUID> queue = new ConcurrentLinkedQueue<>();

		private final Set<UUID> waiting = ConcurrentHashMap.newKeySet();

		private final AtomicBoolean scheduled = new AtomicBoolean();

		private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor((r) -> {
			Thread thread = new Thread(r, "event-completions");
			thread.setDaemon(true);
			return thread;
		});

		BatchingRepository(EventPublicationRepository delegate, Supplier<JdbcTemplate> jdbc,
				Supplier<PlatformTransactionManager> transactions, Duration delay, boolean processingMarks) {
			this.delegate = delegate;
			this.jdbc = jdbc;
			this.transactions = transactions;
			this.delay = delay;
			this.processingMarks = processingMarks;
		}

		@Override
		public void markCompleted(UUID identifier, Instant completionDate) {
			this.waiting.add(identifier);
			this.queue.add(identifier);
			schedule();
		}

		/** How many completions wait to be deleted. */
		int waiting() {
			return this.waiting.size();
		}

		/** Deletes every completion noted so far, now, in this thread. */
		void flush() {
			List<UUID> batch = new ArrayList<>();
			for (UUID id = this.queue.poll(); id != null; id = this.queue.poll()) {
				batch.add(id);
			}
			if (batch.isEmpty()) {
				return;
			}
			try {
				TransactionTemplate tx = new TransactionTemplate(this.transactions.get());
				tx.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
				tx.executeWithoutResult((status) -> {
					// a lost completion is a redelivery to an idempotent listener; the
					// value is a parameter, so the statement is prepared once and not
					// planned for every batch (ADR 0045)
					this.jdbc.get()
						.queryForObject("SELECT set_config('synchronous_commit', ?, true)", String.class, "off");
					this.delegate.deletePublications(batch);
				});
			}
			catch (RuntimeException ex) {
				// as when a single completion fails: the publications stay incomplete and
				// are delivered again (marked failed when stale, or at the next start)
				log.warn("Could not delete {} completed event publications; they stay incomplete: {}", batch.size(),
						ex.getMessage());
			}
			finally {
				batch.forEach(this.waiting::remove);
			}
		}

		private void schedule() {
			if (this.scheduled.compareAndSet(false, true)) {
				this.timer.schedule(() -> {
					this.scheduled.set(false);
					flush();
				}, this.delay.toMillis(), TimeUnit.MILLISECONDS);
			}
		}

		private boolean notWaiting(TargetEventPublication publication) {
			return !this.waiting.contains(publication.getIdentifier());
		}

		@Override
		public TargetEventPublication create(TargetEventPublication publication) {
			return this.delegate.create(publication);
		}

		/**
		 * Marks the publication {@code PROCESSING} only when
		 * {@code rapport.events.processing-marks} is on: otherwise the row keeps its
		 * status ({@code PUBLISHED}, or {@code RESUBMITTED}) while its listener runs,
		 * which saves an update and a commit per listener and event. With the staleness
		 * limits of published, processing and resubmitted publications equal (one hour,
		 * see {@code application.yml}) a delivery that never ends is marked failed at the
		 * same time either way.
		 */
		@Override
		public void markProcessing(UUID identifier) {
			if (this.processingMarks) {
				this.delegate.markProcessing(identifier);
			}
		}

		@Override
		public void markCompleted(Object event, PublicationTargetIdentifier identifier, Instant completionDate) {
			this.delegate.markCompleted(event, identifier, completionDate);
		}

		@Override
		public void markFailed(UUID identifier) {
			this.delegate.markFailed(identifier);
		}

		@Override
		public boolean markResubmitted(UUID identifier, Instant resubmissionDate) {
			return this.delegate.markResubmitted(identifier, resubmissionDate);
		}

		@Override
		public List<TargetEventPublication> findIncompletePublications() {
			return this.delegate.findIncompletePublications().stream().filter(this::notWaiting).toList();
		}

		@Override
		public List<TargetEventPublication> findIncompletePublicationsPublishedBefore(Instant instant) {
			return this.delegate.findIncompletePublicationsPublishedBefore(instant)
				.stream()
				.filter(this::notWaiting)
				.toList();
		}

		@Override
		public Optional<TargetEventPublication> findIncompletePublicationsByEventAndTargetIdentifier(Object event,
				PublicationTargetIdentifier targetIdentifier) {
			return this.delegate.findIncompletePublicationsByEventAndTargetIdentifier(event, targetIdentifier)
				.filter(this::notWaiting);
		}

		@Override
		public List<TargetEventPublication> findCompletedPublications() {
			return this.delegate.findCompletedPublications();
		}

		@Override
		public void deletePublications(List<UUID> identifiers) {
			this.delegate.deletePublications(identifiers);
		}

		@Override
		public void deleteCompletedPublications() {
			this.delegate.deleteCompletedPublications();
		}

		@Override
		public void deleteCompletedPublicationsBefore(Instant instant) {
			this.delegate.deleteCompletedPublicationsBefore(instant);
		}

		@Override
		public List<TargetEventPublication> findFailedPublications(FailedCriteria criteria) {
			return this.delegate.findFailedPublications(criteria).stream().filter(this::notWaiting).toList();
		}

		@Override
		public List<TargetEventPublication> findByStatus(EventPublication.Status status) {
			return this.delegate.findByStatus(status).stream().filter(this::notWaiting).toList();
		}

		@Override
		public int countByStatus(EventPublication.Status status) {
			return this.delegate.countByStatus(status);
		}

	}

}
