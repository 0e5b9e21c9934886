package org.rapport.analytics.model;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.within;

class SpecialFunctionsTest {

	@Test
	void logGammaOfWholeNumbersIsTheLogOfTheFactorial() {
		double factorial = 1;
		for (int n = 1; n <= 25; n++) {
			assertThat(SpecialFunctions.logGamma(n)).as("ln Γ(%d)", n)
				.isCloseTo(Math.log(factorial), within(1e-13 * Math.max(1, Math.log(factorial))));
			factorial *= n;
		}
	}

	@Test
	void logGammaMatchesKnownValuesAtSmallAndHalfIntegerArguments() {
		assertThat(SpecialFunctions.logGamma(0.5)).isCloseTo(0.5 * Math.log(Math.PI), within(1e-14));
		assertThat(SpecialFunctions.logGamma(0.001)).isCloseTo(6.907178885383854, within(1e-13));
		assertThat(SpecialFunctions.logGamma(1e6)).isCloseTo(12815504.569147612, within(1e-6));
	}

	@Test
	void digammaMatchesKnownValues() {
		assertThat(SpecialFunctions.digamma(1)).isCloseTo(-0.5772156649015329, within(1e-14));
		assertThat(SpecialFunctions.digamma(0.5)).isCloseTo(-1.9635100260214235, within(1e-14));
		assertThat(SpecialFunctions.digamma(100)).isCloseTo(4.600161852738087, within(1e-14));
		assertThat(SpecialFunctions.digamma(0.01)).isCloseTo(-100.56088545786867, within(1e-11));
	}

	@Test
	void nonPositiveArgumentsAreRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> SpecialFunctions.logGamma(0));
		assertThatIllegalArgumentException().isThrownBy(() -> SpecialFunctions.digamma(-1));
	}

}
