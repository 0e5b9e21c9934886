package org.rapport.demo;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class ArgumentsTest {

	@Test
	void optionsAreReadWithASpaceOrAnEqualsSign() {
		String[] args = { "customers", "--customers", "1_000_000", "--seed=7" };
		assertThat(Arguments.longOption(args, "customers", 0)).isEqualTo(1_000_000);
		assertThat(Arguments.longOption(args, "seed", 42)).isEqualTo(7);
		assertThat(Arguments.longOption(args, "clients", 8)).isEqualTo(8);
	}

	@Test
	void aNumberOptionRefusesText() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> Arguments.longOption(new String[] { "--seed", "x" }, "seed", 1))
			.withMessageContaining("--seed");
	}

}
