package org.rapport.analytics;

import java.util.UUID;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class KeysetTest {

	@Test
	void theKeyAfterAnotherIsItsSuccessorInPostgresqlsUnsignedOrder() {
		assertThat(Keyset.after(UUID.fromString("01a244c8-97d5-7fff-bffc-3caf28e2b31e")))
			.isEqualTo(UUID.fromString("01a244c8-97d5-7fff-bffc-3caf28e2b31f"));
		assertThat(Keyset.after(UUID.fromString("00000000-0000-0000-7fff-ffffffffffff")))
			.isEqualTo(UUID.fromString("00000000-0000-0000-8000-000000000000"));
		assertThat(Keyset.after(UUID.fromString("00000000-0000-0001-ffff-ffffffffffff")))
			.isEqualTo(UUID.fromString("00000000-0000-0002-0000-000000000000"));
		assertThat(Keyset.after(UUID.fromString("7fffffff-ffff-ffff-ffff-ffffffffffff")))
			.isEqualTo(UUID.fromString("80000000-0000-0000-0000-000000000000"));
	}

	@Test
	void pagingStartsAtTheSmallestKeyAndEndsAfterTheLargest() {
		assertThat(Keyset.FIRST).isEqualTo(UUID.fromString("00000000-0000-0000-0000-000000000000"));
		assertThat(Keyset.after(UUID.fromString("ffffffff-ffff-ffff-ffff-ffffffffffff"))).isNull();
	}

}
