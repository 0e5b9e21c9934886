package org.rapport.platform.web;

import java.sql.SQLException;

import org.junit.jupiter.api.Test;

import org.springframework.dao.DataIntegrityViolationException;

import static org.assertj.core.api.Assertions.assertThat;

class UnstorableValueTest {

	@Test
	void theDatabasesRefusalOfATextOrDateIsTheRequestsFaultAndAnyOtherFailureIsNot() {
		assertThat(UnstorableValue.of(new DataIntegrityViolationException("insert",
				new SQLException("invalid byte sequence for encoding \"UTF8\": 0x00", "22021"))))
			.hasValueSatisfying((detail) -> assertThat(detail).contains("NUL"));
		assertThat(UnstorableValue.of(new SQLException("unsupported Unicode escape sequence", "22P05")))
			.hasValueSatisfying((detail) -> assertThat(detail).contains("NUL"));
		assertThat(UnstorableValue
			.of(new DataIntegrityViolationException("select", new SQLException("timestamp out of range", "22008"))))
			.hasValueSatisfying((detail) -> assertThat(detail).contains("date"));
		assertThat(UnstorableValue.of(new DataIntegrityViolationException("insert",
				new SQLException("duplicate key value violates unique constraint", "23505"))))
			.isEmpty();
		assertThat(UnstorableValue.of(new IllegalStateException("no SQL here"))).isEmpty();
	}

}
