package org.rapport.loyalty;

import java.sql.Connection;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.rapport.IntegrationTest;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Under load the earner gathers deliveries over a period (ADR 0071): a combined
 * transaction that would start less than the period after the previous one waits for the
 * rest of the period or until enough interactions are queued, and earns for all of them
 * at once; an earner that has not earned within the period earns at once. Most periods
 * here are an hour, so a wait that did not end by the queue filling up would never end
 * within the test.
 */
@IntegrationTest
class EarningGatherTest {

	private static final Duration HOUR = Duration.ofHours(1);

	@Autowired
	DataSource dataSource;

	private final ExecutorService pool = Executors.newFixedThreadPool(4);

	private Connection connection;

	private MembersProbe members;

	@AfterEach
	void stop() throws Exception {
		this.pool.shutdownNow();
		if (this.connection != null) {
			this.connection.close();
		}
	}

	@Test
	void aDeliveryToAnEarnerThatHasNotEarnedWithinThePeriodIsEarnedAtOnce() throws Exception {
		EarningCombiner combiner = combiner(HOUR, 4);

		Future<?> earned = earn(combiner, 1);

		earned.get(30, TimeUnit.SECONDS);
		assertThat(this.members.asked).containsExactly(1);
	}

	@Test
	void deliveriesArrivingWithinThePeriodAreEarnedInOneTransactionOnceEnoughAreQueued() throws Exception {
		EarningCombiner combiner = combiner(HOUR, 4);
		earn(combiner, 1).get(30, TimeUnit.SECONDS);

		// within the hour of that transaction: the next waits until four are queued
		Future<?> first = earn(combiner, 2);
		await().atMost(Duration.ofSeconds(30)).until(() -> combiner.queued() == 1);
		assertThat(first.isDone()).as("waits for the period or more deliveries").isFalse();
		Future<?> second = earn(combiner, 2);

		first.get(30, TimeUnit.SECONDS);
		second.get(30, TimeUnit.SECONDS);
		assertThat(this.members.asked).as("members asked once per transaction").containsExactly(1, 4);
	}

	@Test
	void aWaitingEarnerEarnsAtTheEndOfThePeriodWhatHasArrived() throws Exception {
		EarningCombiner combiner = combiner(Duration.ofMillis(300), 100);
		earn(combiner, 1).get(30, TimeUnit.SECONDS);

		Future<?> next = earn(combiner, 2);

		next.get(30, TimeUnit.SECONDS);
		assertThat(this.members.asked).containsExactly(1, 2);
	}

	@Test
	void aDeliveryEarnedWhileItWaitedReturnsWhenThatTransactionEndsWhileTheNextOneGathers() throws Exception {
		EarningCombiner combiner = combiner(HOUR, 4);
		CountDownLatch asking = new CountDownLatch(1);
		CountDownLatch answer = new CountDownLatch(1);
		try {
			earn(combiner, 1).get(30, TimeUnit.SECONDS);
			this.members.onAsk = () -> {
				asking.countDown();
				awaitQuietly(answer);
			};
			Future<?> first = earn(combiner, 2);
			await().atMost(Duration.ofSeconds(30)).until(() -> combiner.queued() == 1);
			Future<?> second = earn(combiner, 2);
			// the first two are being earned together; a third arrives meanwhile
			assertThat(asking.await(30, TimeUnit.SECONDS)).isTrue();
			this.members.onAsk = null;
			Future<?> third = earn(combiner, 1);
			await().atMost(Duration.ofSeconds(30)).until(() -> combiner.queued() == 1);
			answer.countDown();

			// both return although the third's earner now waits for the period
			first.get(30, TimeUnit.SECONDS);
			second.get(30, TimeUnit.SECONDS);
			assertThat(third.isDone()).isFalse();
			Future<?> fourth = earn(combiner, 3);
			third.get(30, TimeUnit.SECONDS);
			fourth.get(30, TimeUnit.SECONDS);
			assertThat(this.members.asked).containsExactly(1, 4, 4);
		}
		finally {
			answer.countDown();
		}
	}

	/**
	 * A combiner on one connection of the test database, whose members question is
	 * {@link #members}: it finds no member, so each transaction only asks.
	 */
	private EarningCombiner combiner(Duration period, int gatherUntil) throws Exception {
		this.connection = this.dataSource.getConnection();
		SingleConnectionDataSource one = new SingleConnectionDataSource(this.connection, true);
		JdbcClient jdbc = JdbcClient.create(one);
		this.members = new MembersProbe(jdbc);
		return new EarningCombiner(this.members, null, new DataSourceTransactionManager(one), jdbc, period,
				gatherUntil);
	}

	/** A delivery of that many purchases, from a thread of its own. */
	private Future<?> earn(EarningCombiner combiner, int purchases) {
		return this.pool.submit(() -> combiner.earn(EarningPlansTest.purchases(purchases)));
	}

	private static void awaitQuietly(CountDownLatch latch) {
		try {
			latch.await(30, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
