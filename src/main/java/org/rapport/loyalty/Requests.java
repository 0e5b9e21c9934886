package org.rapport.loyalty;

import java.time.Clock;
import java.time.ZoneOffset;
import java.util.function.Supplier;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Idempotent writes that are not ledger movements (enrolment, cards): the first request
 * under a key is done and its answer stored; a retry with the same key, even a concurrent
 * one (it waits on a transaction-scoped advisory lock), answers the stored answer.
 */
@Component
@Transactional(propagation = Propagation.MANDATORY)
class Requests {

	private final JdbcClient jdbc;

	private final JsonMapper json;

	private final Clock clock;

	Requests(JdbcClient jdbc, JsonMapper json, Clock clock) {
		this.jdbc = jdbc;
		this.json = json;
		this.clock = clock;
	}

	<T> T once(String operation, String key, Class<T> type, Supplier<T> action) {
		if (key == null) {
			return action.get();
		}
		this.jdbc.sql("SELECT pg_advisory_xact_lock(hashtextextended(? || '|' || ?, 0))")
			.params(operation, key)
			.query((rs, n) -> 1)
			.single();
		var stored = this.jdbc
			.sql("SELECT response::text FROM loyalty_request WHERE operation = ? AND idempotency_key = ?")
			.params(operation, key)
			.query(String.class)
			.optional();
		if (stored.isPresent()) {
			return this.json.readValue(stored.get(), type);
		}
		T result = action.get();
		this.jdbc
			.sql("INSERT INTO loyalty_request (idempotency_key, operation, response, created_at) "
					+ "VALUES (?, ?, ?::jsonb, ?)")
			.params(key, operation, this.json.writeValueAsString(result), this.clock.instant().atOffset(ZoneOffset.UTC))
			.update();
		return result;
	}

}
