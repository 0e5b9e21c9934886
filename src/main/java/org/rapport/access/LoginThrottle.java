package org.rapport.access;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.event.AuthenticationFailureBadCredentialsEvent;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.stereotype.Component;

/**
 * Slows down password guessing: after {@code max-failures} wrong passwords for one
 * username within {@code window}, that username cannot sign in (console or HTTP Basic)
 * for {@code lockout}, even with the right password. The counters live in memory, so each
 * node of a cluster counts on its own.
 */
@Component
class LoginThrottle {

	private static final Logger log = LoggerFactory.getLogger(LoginThrottle.class);

	/** Bounds the memory an attacker can make us use by guessing many usernames. */
	static final int MAX_TRACKED_USERNAMES = 10_000;

	private final Clock clock;

	private final int maxFailures;

	private final Duration window;

	private final Duration lockout;

	private final Map<String, Attempts> attempts = new ConcurrentHashMap<>();

	LoginThrottle(Clock clock, @Value("${rapport.security.login-throttle.max-failures:5}") int maxFailures,
			@Value("${rapport.security.login-throttle.window:15m}") Duration window,
			@Value("${rapport.security.login-throttle.lockout:15m}") Duration lockout) {
		this.clock = clock;
		this.maxFailures = maxFailures;
		this.window = window;
		this.lockout = lockout;
	}

	boolean isLocked(String username) {
		Attempts a = this.attempts.get(key(username));
		return a != null && a.lockedUntil(this.clock.instant()) != null;
	}

	void failed(String username) {
		Instant now = this.clock.instant();
		if (this.attempts.size() >= MAX_TRACKED_USERNAMES) {
			this.attempts.values().removeIf((a) -> a.isStale(now, this.window));
		}
		Attempts a = this.attempts.computeIfAbsent(key(username), (k) -> new Attempts());
		if (a.fail(now, this.window, this.maxFailures, this.lockout)) {
			log.warn("Sign-in for '{}' locked for {} after {} failed attempts", key(username), this.lockout,
					this.maxFailures);
		}
	}

	void succeeded(String username) {
		this.attempts.remove(key(username));
	}

	@EventListener
	void on(AuthenticationFailureBadCredentialsEvent event) {
		failed(event.getAuthentication().getName());
	}

	@EventListener
	void on(AuthenticationSuccessEvent event) {
		if (event.getAuthentication().getPrincipal() instanceof RapportPrincipal principal && principal.isStaff()) {
			succeeded(principal.getUsername());
		}
	}

	private static String key(String username) {
		return username == null ? "" : username.trim().toLowerCase(Locale.ROOT);
	}

	private static final class Attempts {

		private final Deque<Instant> failures = new ArrayDeque<>();

		private Instant lockedUntil;

		synchronized boolean fail(Instant now, Duration window, int max, Duration lockout) {
			this.failures.addLast(now);
			while (!this.failures.isEmpty() && this.failures.peekFirst().isBefore(now.minus(window))) {
				this.failures.removeFirst();
			}
			if (this.failures.size() >= max) {
				this.failures.clear();
				this.lockedUntil = now.plus(lockout);
				return true;
			}
			return false;
		}

		synchronized Instant lockedUntil(Instant now) {
			return this.lockedUntil != null && now.isBefore(this.lockedUntil) ? this.lockedUntil : null;
		}

		synchronized boolean isStale(Instant now, Duration window) {
			boolean recentFailure = !this.failures.isEmpty() && !this.failures.peekLast().isBefore(now.minus(window));
			return lockedUntil(now) == null && !recentFailure;
		}

	}

}
