package org.rapport.loyalty;

import java.sql.Connection;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

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
 * at once; an idle earner earns at once. The period here is an hour, so a wait that did
 * not end by the queue filling up would never end within the test.
 */
@IntegrationTest
class EarningGatherTest {

	private static final Duration HOUR = Duration.ofHours(1);

	@Autowired
	DataSource dataSource;

	@Test
	void aDeliveryToAnEarnerThatHasNotEarnedWithinThePeriodIsEarnedAtOnce() throws Exception {
		try (Connection connection = this.dataSource.getConnection()) {
			SingleConnectionDataSource one = new SingleConnectionDataSource(connection, true);
			JdbcClient jdbc = JdbcClient.create(one);
			MembersProbe members = new MembersProbe(jdbc);
			EarningCombiner combiner = new EarningCombiner(members, null, new DataSourceTransactionManager(one), jdbc,
					HOUR, 4);
			ExecutorService pool = Executors.newSingleThreadExecutor();
			try {
				Future<?> earned = pool.submit(() -> combiner.earn(EarningPlansTest.purchases(1)));

				earned.get(30, TimeUnit.SECONDS);
				assertThat(members.asked).containsExactly(1);
			}
			finally {
				pool.shutdownNow();
			}
		}
	}

	@Test
	void deliveriesArrivingWithinThePeriodAreEarnedInOneTransactionOnceEnoughAreQueued() throws Exception {
		try (Connection connection = this.dataSource.getConnection()) {
			SingleConnectionDataSource one = new SingleConnectionDataSource(connection, true);
			JdbcClient jdbc = JdbcClient.create(one);
			MembersProbe members = new MembersProbe(jdbc);
			EarningCombiner combiner = new EarningCombiner(members, null, new DataSourceTransactionManager(one), jdbc,
					HOUR, 4);
			ExecutorService pool = Executors.newFixedThreadPool(3);
			try {
				pool.submit(() -> combiner.earn(EarningPlansTest.purchases(1))).get(30, TimeUnit.SECONDS);

				// within the hour of that transaction: the next waits until four are
				// queued
				Future<?> first = pool.submit(() -> combiner.earn(EarningPlansTest.purchases(2)));
				await().atMost(Duration.ofSeconds(30)).until(() -> combiner.queued() == 1);
				assertThat(first.isDone()).as("waits for the period or more deliveries").isFalse();
				Future<?> second = pool.submit(() -> combiner.earn(EarningPlansTest.purchases(2)));

				first.get(30, TimeUnit.SECONDS);
				second.get(30, TimeUnit.SECONDS);
				assertThat(members.asked).as("members asked once per transaction").containsExactly(1, 4);
			}
			finally {
				pool.shutdownNow();
			}
		}
	}

	@Test
	void aWaitingEarnerEarnsAtTheEndOfThePeriodWhatHasArrived() throws Exception {
		try (Connection connection = this.dataSource.getConnection()) {
			SingleConnectionDataSource one = new SingleConnectionDataSource(connection, true);
			JdbcClient jdbc = JdbcClient.create(one);
			MembersProbe members = new MembersProbe(jdbc);
			EarningCombiner combiner = new EarningCombiner(members, null, new DataSourceTransactionManager(one), jdbc,
					Duration.ofMillis(300), 100);
			ExecutorService pool = Executors.newFixedThreadPool(2);
			try {
				pool.submit(() -> combiner.earn(EarningPlansTest.purchases(1))).get(30, TimeUnit.SECONDS);
				Future<?> next = pool.submit(() -> combiner.earn(EarningPlansTest.purchases(2)));

				next.get(30, TimeUnit.SECONDS);
				assertThat(members.asked).containsExactly(1, 2);
			}
			finally {
				pool.shutdownNow();
			}
		}
	}

	@Test
	void aDeliveryEarnedWhileItWaitedReturnsWhenThatTransactionEndsWhileTheNextOneGathers() throws Exception {
		try (Connection connection = this.dataSource.getConnection()) {
			SingleConnectionDataSource one = new SingleConnectionDataSource(connection, true);
			JdbcClient jdbc = JdbcClient.create(one);
			MembersProbe members = new MembersProbe(jdbc);
			EarningCombiner combiner = new EarningCombiner(members, null, new DataSourceTransactionManager(one), jdbc,
					HOUR, 4);
			ExecutorService pool = Executors.newFixedThreadPool(4);
			CountDownLatch asking = new CountDownLatch(1);
			CountDownLatch answer = new CountDownLatch(1);
			try {
				pool.submit(() -> combiner.earn(EarningPlansTest.purchases(1))).get(30, TimeUnit.SECONDS);
				members.onAsk = () -> {
					asking.countDown();
					awaitQuietly(answer);
				};
				Future<?> first = pool.submit(() -> combiner.earn(EarningPlansTest.purchases(2)));
				await().atMost(Duration.ofSeconds(30)).until(() -> combiner.queued() == 1);
				Future<?> second = pool.submit(() -> combiner.earn(EarningPlansTest.purchases(2)));
				// the first two are being earned together; a third arrives meanwhile
				assertThat(asking.await(30, TimeUnit.SECONDS)).isTrue();
				members.onAsk = null;
				Future<?> third = pool.submit(() -> combiner.earn(EarningPlansTest.purchases(1)));
				await().atMost(Duration.ofSeconds(30)).until(() -> combiner.queued() == 1);
				answer.countDown();

				// both return although the third's earner now waits for the period
				first.get(30, TimeUnit.SECONDS);
				second.get(30, TimeUnit.SECONDS);
				assertThat(third.isDone()).isFalse();
				Future<?> fourth = pool.submit(() -> combiner.earn(EarningPlansTest.purchases(3)));
				third.get(30, TimeUnit.SECONDS);
				fourth.get(30, TimeUnit.SECONDS);
				assertThat(members.asked).containsExactly(1, 4, 4);
			}
			finally {
				answer.countDown();
				pool.shutdownNow();
			}
		}
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
