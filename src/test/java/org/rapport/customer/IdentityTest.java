package org.rapport.customer;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IdentityTest {

	@Test
	void internationalPhoneWithSpacesBecomesE164() {
		assertThat(Identity.of(IdentityType.PHONE, null, "+34 600 11 12 22", "US").value()).isEqualTo("+34600111222");
	}

	@Test
	void nationalPhoneUsesTheDefaultRegion() {
		assertThat(Identity.of(IdentityType.PHONE, null, "(415) 555-0100", "US").value()).isEqualTo("+14155550100");
		assertThat(Identity.of(IdentityType.PHONE, null, "600 11 12 22", "ES").value()).isEqualTo("+34600111222");
	}

	@Test
	void emailIsLowerCasedAndTrimmed() {
		assertThat(Identity.of(IdentityType.EMAIL, null, "  Ana.Lopez@Example.COM ", "US").value())
			.isEqualTo("ana.lopez@example.com");
	}

	@Test
	void cardNumbersKeepOnlyDigits() {
		assertThat(Identity.of(IdentityType.CARD, null, "1234 5678-9012", "US").value()).isEqualTo("123456789012");
	}

	@Test
	void externalIdsNeedTheirSourceSystem() {
		assertThatThrownBy(() -> Identity.of(IdentityType.EXTERNAL, "", "A-1", "US"))
			.isInstanceOf(Identity.InvalidIdentityException.class);
		assertThat(Identity.of(IdentityType.EXTERNAL, "Shopify", "A-1", "US").source()).isEqualTo("shopify");
	}

	@Test
	void valuesThatCannotBeIdentitiesAreRefused() {
		assertThatThrownBy(() -> Identity.of(IdentityType.EMAIL, null, "not-an-email", "US"))
			.isInstanceOf(Identity.InvalidIdentityException.class);
		assertThatThrownBy(() -> Identity.of(IdentityType.PHONE, null, "call me", "US"))
			.isInstanceOf(Identity.InvalidIdentityException.class);
		assertThatThrownBy(() -> Identity.of(IdentityType.CARD, null, "12ab", "US"))
			.isInstanceOf(Identity.InvalidIdentityException.class);
	}

	@Test
	void gmailDotsAndPlusTagsOnlyMatterForTheStrictValue() {
		Identity identity = Identity.email("Ana.Lopez+shop@gmail.com");
		assertThat(identity.value()).isEqualTo("ana.lopez+shop@gmail.com");
		assertThat(identity.matchKey()).isEqualTo("analopez@gmail.com");
	}

}
