package org.rapport.access;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LoginThrottleTest {

	MovableClock clock = new MovableClock();

	LoginThrottle throttle = new LoginThrottle(this.clock, 3, Duration.ofMinutes(10), Duration.ofMinutes(15));

	@Test
	void aUsernameIsLockedAfterTooManyFailuresWithinTheWindow() {
		fail("ana", 2);
		assertThat(this.throttle.isLocked("ana")).isFalse();
		fail("ana", 1);
		assertThat(this.throttle.isLocked("ana")).isTrue();
		assertThat(this.throttle.isLocked("ANA ")).isTrue();
		assertThat(this.throttle.isLocked("luis")).isFalse();
	}

	@Test
	void failuresOlderThanTheWindowDoNotCount() {
		fail("ana", 2);
		this.clock.advance(Duration.ofMinutes(11));
		fail("ana", 2);
		assertThat(this.throttle.isLocked("ana")).isFalse();
	}

	@Test
	void theLockEndsAfterTheLockoutTime() {
		fail("ana", 3);
		this.clock.advance(Duration.ofMinutes(14));
		assertThat(this.throttle.isLocked("ana")).isTrue();
		this.clock.advance(Duration.ofMinutes(2));
		assertThat(this.throttle.isLocked("ana")).isFalse();
	}

	@Test
	void aSuccessfulSignInClearsTheFailures() {
		fail("ana", 2);
		this.throttle.succeeded("ana");
		fail("ana", 2);
		assertThat(this.throttle.isLocked("ana")).isFalse();
	}

	private void fail(String username, int times) {
		for (int i = 0; i < times; i++) {
			this.throttle.failed(username);
		}
	}

	static final class MovableClock extends Clock {

		private Instant now = Instant.parse("2025-03-01T10:00:00Z");

		void advance(Duration duration) {
			this.now = this.now.plus(duration);
		}

		@Override
		public ZoneId getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(ZoneId zone) {
			return this;
		}

		@Override
		public Instant instant() {
			return this.now;
		}

	}

}
