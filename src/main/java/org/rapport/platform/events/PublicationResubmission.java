package org.rapport.platform.events;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.modulith.events.FailedEventPublications;
import org.springframework.modulith.events.ResubmissionOptions;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Delivers failed event publications again while the server runs, instead of only at the
 * next start ({@code spring.modulith.events.republish-outstanding-events-on-restart}).
 * Every {@code rapport.events.resubmit-every} (default 60s) the publications whose
 * delivery failed and that were published at least
 * {@code rapport.events.resubmit-older-than} ago (default 2 minutes) are handed to their
 * listeners again. Only publications marked failed are taken: a delivery still in flight
 * is never doubled. A delivery that never ends (its node died) is marked failed by
 * Modulith's staleness monitor ({@code spring.modulith.events.staleness.*}) and is then
 * resubmitted here.
 * <p>
 * One node at a time: the run holds a PostgreSQL session-level advisory lock on a
 * connection of its own; a node that does not get it skips the round. Even so, a
 * resubmission may race a slow delivery (a publication marked stale while its listener
 * still runs): that changes nothing, because every listener is idempotent, keyed by the
 * interaction id (ADR 0015, ADR 0024).
 * <p>
 * Not active in command-line commands (bench, import, analytics …), which set
 * {@code rapport.cli.command}; only the server resubmits.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
@ConditionalOnExpression("'${rapport.cli.command:}'.isEmpty()")
class PublicationResubmission {

	private static final Logger log = LoggerFactory.getLogger(PublicationResubmission.class);

	/** The advisory lock every node asks for before resubmitting ("RAPEVRSB"). */
	static final long LOCK_KEY = 0x52_41_50_45_56_52_53_42L;

	private final FailedEventPublications failed;

	private final JdbcTemplate jdbc;

	private final Clock clock;

	private final Duration olderThan;

	PublicationResubmission(FailedEventPublications failed, JdbcTemplate jdbc, Clock clock,
			@Value("${rapport.events.resubmit-older-than:2m}") Duration olderThan) {
		this.failed = failed;
		this.jdbc = jdbc;
		this.clock = clock;
		this.olderThan = olderThan;
	}

	@Scheduled(fixedDelayString = "${rapport.events.resubmit-every:60s}",
			initialDelayString = "${rapport.events.resubmit-every:60s}")
	void resubmitFailed() {
		resubmitFailedOlderThan(this.olderThan);
	}

	/**
	 * Resubmits the failed publications published at least {@code age} ago, if no other
	 * node is doing so; answers how many were handed to their listeners (-1 when another
	 * node holds the lock).
	 */
	int resubmitFailedOlderThan(Duration age) {
		Integer resubmitted = this.jdbc.execute((ConnectionCallback<Integer>) (connection) -> {
			if (!lock(connection, "SELECT pg_try_advisory_lock(?)")) {
				return -1;
			}
			try {
				AtomicInteger count = new AtomicInteger();
				Instant cutoff = this.clock.instant().minus(age);
				// Modulith 2.0.3's JDBC query applies the minimum age only to rows
				// without a status (STATUS = 'FAILED' OR (...) AND PUBLICATION_DATE < ?),
				// so the age of failed ones is checked here.
				this.failed.resubmit(ResubmissionOptions.defaults().withMinAge(age).withFilter((publication) -> {
					boolean oldEnough = !publication.getPublicationDate().isAfter(cutoff);
					if (oldEnough) {
						count.incrementAndGet();
					}
					return oldEnough;
				}));
				return count.get();
			}
			finally {
				lock(connection, "SELECT pg_advisory_unlock(?)");
			}
		});
		if (resubmitted != null && resubmitted > 0) {
			log.info("Resubmitted {} failed event publications", resubmitted);
		}
		return (resubmitted != null) ? resubmitted : 0;
	}

	private static boolean lock(Connection connection, String sql) throws SQLException {
		try (PreparedStatement statement = connection.prepareStatement(sql)) {
			statement.setLong(1, LOCK_KEY);
			try (ResultSet result = statement.executeQuery()) {
				return result.next() && result.getBoolean(1);
			}
		}
	}

}
