package org.rapport.demo;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.rapport.customer.BulkCustomer;
import org.rapport.customer.BulkCustomer.BulkIdentity;
import org.rapport.customer.CustomerKind;
import org.rapport.customer.Identity;
import org.rapport.customer.IdentityType;
import org.rapport.customer.LifecycleStage;
import org.rapport.customer.NameFolding;

import static org.assertj.core.api.Assertions.assertThat;

class CustomerGeneratorTest {

	static List<BulkCustomer> generate(GeneratorSettings settings) {
		List<BulkCustomer> rows = new ArrayList<>();
		new CustomerGenerator(settings).forEachRemaining(rows::add);
		return rows;
	}

	@Test
	void theSameSeedGivesTheSameCustomers() {
		assertThat(generate(GeneratorSettings.of(7, 2_000))).isEqualTo(generate(GeneratorSettings.of(7, 2_000)));
	}

	@Test
	void anotherSeedGivesOtherCustomers() {
		List<BulkCustomer> a = generate(GeneratorSettings.of(7, 500));
		List<BulkCustomer> b = generate(GeneratorSettings.of(8, 500));
		assertThat(a).extracting(BulkCustomer::displayName)
			.isNotEqualTo(b.stream().map(BulkCustomer::displayName).toList());
		assertThat(a).extracting(BulkCustomer::externalKey)
			.doesNotContainAnyElementsOf(b.stream().map(BulkCustomer::externalKey).toList());
	}

	@Test
	void givesExactlyTheCustomersAskedFor() {
		assertThat(generate(GeneratorSettings.of(1, 1_234))).hasSize(1_234);
		assertThat(generate(GeneratorSettings.of(1, 0))).isEmpty();
	}

	@Test
	void customersComeFromEveryLocaleWithTheirOwnLetters() {
		List<BulkCustomer> rows = generate(GeneratorSettings.of(3, 5_000));
		assertThat(rows).extracting(BulkCustomer::region).contains("US", "ES", "RU", "MY");
		assertThat(rows).extracting(BulkCustomer::preferredLanguage).contains("en", "es", "ru", "ms");
		List<String> names = rows.stream().map(BulkCustomer::displayName).toList();
		assertThat(names).anyMatch((n) -> n.matches(".*[áéíóúñÁÉÍÓÚÑ].*"));
		assertThat(names).anyMatch((n) -> n.matches("[\\p{IsCyrillic} ]+"));
		assertThat(names).anyMatch((n) -> n.contains(" binti ")).anyMatch((n) -> n.contains(" bin "));
		assertThat(rows).anyMatch((c) -> c.kind() == CustomerKind.COMPANY);
		assertThat(rows).anyMatch((c) -> c.contactOfKey() != null);
		assertThat(rows).anyMatch((c) -> "PARTNER".equals(c.householdRole()));
	}

	@Test
	void everyIdentityIsValidAndUniqueAndEmailsArePlainAscii() {
		Set<Identity> seen = new HashSet<>();
		for (BulkCustomer c : generate(GeneratorSettings.of(11, 20_000).withShowcase())) {
			for (BulkIdentity raw : c.identities()) {
				Identity identity = Identity.of(raw.type(), raw.source(), raw.value(), c.region());
				assertThat(seen.add(identity)).as("%s is unique", identity).isTrue();
				if (identity.type() == IdentityType.EMAIL) {
					assertThat(identity.value()).matches("[a-z0-9._]+@[a-z0-9.]+");
				}
				if (identity.type() == IdentityType.PHONE) {
					assertThat(identity.value()).startsWith(switch (c.region()) {
						case "US" -> "+1";
						case "ES" -> "+34";
						case "RU" -> "+7";
						default -> "+60";
					});
				}
			}
		}
	}

	@Test
	void aConfiguredShareOfRowsIsThePersonAgain() {
		List<BulkCustomer> rows = generate(GeneratorSettings.of(5, 20_000).withDuplicateShare(0.05));
		Map<String, Integer> byEmailKey = new HashMap<>();
		Map<String, Integer> byNameAndBirth = new HashMap<>();
		long again = 0;
		for (BulkCustomer c : rows) {
			boolean repeated = false;
			for (BulkIdentity raw : c.identities()) {
				if (raw.type() == IdentityType.EMAIL) {
					repeated |= byEmailKey.merge(Identity.email(raw.value()).matchKey(), 1, Integer::sum) > 1;
				}
			}
			if (c.birthDate() != null) {
				String key = NameFolding.fold(c.displayName()) + "|" + c.birthDate();
				repeated |= byNameAndBirth.merge(key, 1, Integer::sum) > 1;
			}
			again += repeated ? 1 : 0;
		}
		assertThat(again).isBetween(800L, 1_300L);
	}

	@Test
	void lifecycleStagesFollowTheLadderWithMostCustomersLow() {
		List<BulkCustomer> rows = generate(GeneratorSettings.of(9, 10_000));
		long prospects = rows.stream().filter((c) -> c.stage() == LifecycleStage.PROSPECT).count();
		long promoters = rows.stream().filter((c) -> c.stage() == LifecycleStage.PROMOTER).count();
		assertThat(prospects).isGreaterThan(promoters * 3);
		assertThat(rows).extracting(BulkCustomer::stage).contains(LifecycleStage.values());
	}

	@Test
	void theShowcaseCustomerComesFirstWithHerWellKnownPhone() {
		BulkCustomer first = generate(GeneratorSettings.of(42, 10).withShowcase()).get(0);
		assertThat(first.displayName()).isEqualTo("María José Núñez García");
		assertThat(Identity.phone(Showcase.PHONE, "ES").value()).isEqualTo("+34600111222");
		assertThat(first.identities()).extracting(BulkIdentity::value).contains(Showcase.PHONE, Showcase.CARD);
	}

	@Test
	void gmailAddressesComeBackWithOtherDots() {
		assertThat(CustomerGenerator.moveDots("maria.jose12@gmail.com")).isEqualTo("mariajose12@gmail.com");
		assertThat(CustomerGenerator.moveDots("mnunez12@gmail.com")).isEqualTo("m.nunez12@gmail.com");
	}

}
