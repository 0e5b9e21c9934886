package org.rapport.platform.web;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class StorableValuesTest {

	@Test
	void aTextIsStorableUnlessItHoldsTheNulCharacter() {
		assertThat(StorableValues.storable((String) null)).isTrue();
		assertThat(StorableValues.storable("")).isTrue();
		assertThat(StorableValues.storable("tab\tnew line\n émoji 😀")).isTrue();
		assertThat(StorableValues.storable("a\u0000b")).isFalse();
		assertThat(StorableValues.storable("\u0000")).isFalse();
	}

	@Test
	void anInstantIsStorableFromTheFirstMomentOfYear1ToTheLastOfYear9999() {
		Instant first = LocalDate.of(1, 1, 1).atStartOfDay(ZoneOffset.UTC).toInstant();
		Instant afterLast = LocalDate.of(10_000, 1, 1).atStartOfDay(ZoneOffset.UTC).toInstant();
		assertThat(StorableValues.storable(first)).isTrue();
		assertThat(StorableValues.storable(first.minusNanos(1))).isFalse();
		assertThat(StorableValues.storable(afterLast.minusNanos(1))).isTrue();
		assertThat(StorableValues.storable(afterLast)).isFalse();
		assertThat(StorableValues.storable(Instant.MAX)).isFalse();
		assertThat(StorableValues.storable((Instant) null)).isTrue();
	}

	@Test
	void datesAndDateTimesAreJudgedByTheirYearAndOtherValuesNotAtAll() {
		assertThat(StorableValues.storableTime(LocalDate.of(9999, 12, 31))).isTrue();
		assertThat(StorableValues.storableTime(LocalDate.of(10_000, 1, 1))).isFalse();
		assertThat(StorableValues.storableTime(LocalDate.of(0, 12, 31))).isFalse();
		assertThat(StorableValues.storableTime(OffsetDateTime.parse("+999999999-12-31T23:59:59Z"))).isFalse();
		assertThat(StorableValues.storableTime("+999999999-12-31")).isTrue();
		assertThat(StorableValues.storableTime(null)).isTrue();
	}

}
