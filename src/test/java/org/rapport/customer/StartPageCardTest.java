package org.rapport.customer;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** What a module's card on the start page must name. */
class StartPageCardTest {

	@Test
	void aCardNeedsAnIdAnAbsolutePathAndAnAuthority() {
		assertThat(new StartPageCard("x", "/x/card", "x:read", 1).path()).isEqualTo("/x/card");
		assertThatIllegalArgumentException().isThrownBy(() -> new StartPageCard(" ", "/x/card", "x:read", 1));
		assertThatIllegalArgumentException().isThrownBy(() -> new StartPageCard("x", "x/card", "x:read", 1));
		assertThatIllegalArgumentException().isThrownBy(() -> new StartPageCard("x", "/x/card", null, 1));
	}

}
