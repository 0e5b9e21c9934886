package org.rapport.platform.console;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RecentTest {

	static final Instant T0 = Instant.parse("2026-12-06T09:00:00Z");

	/** A clock the test moves. */
	static final class Hands extends Clock {

		Instant now = T0;

		@Override
		public ZoneOffset getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(java.time.ZoneId zone) {
			return this;
		}

		@Override
		public Instant instant() {
			return this.now;
		}

	}

	final Hands clock = new Hands();

	final AtomicInteger computed = new AtomicInteger();

	String compute(String code) {
		this.computed.incrementAndGet();
		return "lists of " + code;
	}

	@Test
	void aValueIsComputedOnceWithinItsMaxAgeAndAgainAfterIt() {
		Recent<String, String> recent = new Recent<String, String>(this::compute, this.clock, Duration.ofMinutes(5));

		Recent.Computed<String> first = recent.of("club");
		this.clock.now = T0.plus(Duration.ofMinutes(4));
		Recent.Computed<String> second = recent.of("club");

		assertThat(this.computed).hasValue(1);
		assertThat(second).isSameAs(first);
		assertThat(second.at()).isEqualTo(T0);

		this.clock.now = T0.plus(Duration.ofMinutes(5));
		Recent.Computed<String> third = recent.of("club");

		assertThat(this.computed).hasValue(2);
		assertThat(third.at()).isEqualTo(T0.plus(Duration.ofMinutes(5)));
	}

	@Test
	void eachKeyHasAValueOfItsOwn() {
		Recent<String, String> recent = new Recent<String, String>(this::compute, this.clock, Duration.ofMinutes(5));

		recent.of("club");
		recent.of("partners");
		recent.of("club");

		assertThat(this.computed).hasValue(2);
	}

	@Test
	void aZeroMaxAgeComputesTheValueOnEveryCall() {
		Recent<String, String> recent = new Recent<String, String>(this::compute, this.clock, Duration.ZERO);

		recent.of("club");
		recent.of("club");

		assertThat(this.computed).hasValue(2);
	}

	@Test
	void aFailedComputationIsNotKept() {
		AtomicInteger calls = new AtomicInteger();
		Recent<String, String> recent = new Recent<String, String>((code) -> {
			if (calls.incrementAndGet() == 1) {
				throw new IllegalStateException("database unavailable");
			}
			return "lists of " + code;
		}, this.clock, Duration.ofMinutes(5));

		assertThatThrownBy(() -> recent.of("club")).hasMessage("database unavailable");
		recent.of("club");
		recent.of("club");

		assertThat(calls).hasValue(2);
	}

	@Test
	void callersArrivingTogetherShareOneComputation() throws Exception {
		CountDownLatch started = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		Recent<String, String> recent = new Recent<String, String>((code) -> {
			this.computed.incrementAndGet();
			started.countDown();
			try {
				release.await(10, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			return "lists of " + code;
		}, this.clock, Duration.ofMinutes(5));
		ExecutorService pool = Executors.newFixedThreadPool(4);
		try {
			List<Future<Recent.Computed<String>>> calls = new ArrayList<>();
			calls.add(pool.submit(() -> recent.of("club")));
			assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
			for (int i = 0; i < 3; i++) {
				calls.add(pool.submit(() -> recent.of("club")));
			}
			release.countDown();
			Recent.Computed<String> first = calls.get(0).get(10, TimeUnit.SECONDS);
			for (Future<Recent.Computed<String>> call : calls) {
				assertThat(call.get(10, TimeUnit.SECONDS)).isSameAs(first);
			}
			assertThat(this.computed).hasValue(1);
		}
		finally {
			pool.shutdownNow();
		}
	}

}
