package org.rapport.demo;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.rapport.customer.BulkCustomer;
import org.rapport.customer.BulkCustomer.BulkAddress;
import org.rapport.customer.BulkCustomer.BulkConsent;
import org.rapport.customer.BulkCustomer.BulkIdentity;
import org.rapport.customer.BulkCustomer.BulkNote;
import org.rapport.customer.ConsentChannel;
import org.rapport.customer.ConsentPurpose;
import org.rapport.customer.CustomerKind;
import org.rapport.customer.LifecycleStage;

/**
 * The documented demo customers the README walks through: María José Núñez García (phone
 * +34 600 111 222, card 7000 1111 2222 3333), her partner, and the same person entered
 * again without accents and with another Gmail spelling, for duplicate detection.
 */
final class Showcase {

	static final String PHONE = "+34 600 111 222";

	static final String CARD = "7000 1111 2222 3333";

	static final String EMAIL = "maria.jose.nunez@gmail.com";

	/** External key of María José, who has a history of her own. */
	static final String MARIA = "showcase-1";

	private Showcase() {
	}

	static boolean isShowcase(String externalKey) {
		return MARIA.equals(externalKey);
	}

	static List<BulkCustomer> customers(GeneratorSettings settings) {
		Instant since = Instant.parse("2021-03-14T11:20:00Z");
		UUID first = settings.staff().isEmpty() ? null : settings.staff().get(0).id();
		BulkAddress home = new BulkAddress("HOME", "Calle de Alcalá, 42, 3º B", null, "Madrid", "Madrid", "28014",
				"ES");
		List<BulkNote> notes = settings.staff().isEmpty() ? List.of()
				: List.of(new BulkNote(first.toString(), settings.staff().get(0).name(),
						Instant.parse("2025-11-03T17:05:00Z"),
						"Prefiere WhatsApp. Pregunta siempre por la colección de primavera."));
		BulkCustomer maria = new BulkCustomer(MARIA, CustomerKind.PERSON, "María José", "Núñez García", null,
				LocalDate.of(1984, 5, 17), "es", LifecycleStage.LOYAL, List.of("vip", "wine-lover"),
				"{\"acquisition\":\"store\",\"favouriteStore\":\"Madrid\"}", "ES",
				List.of(BulkIdentity.phone(PHONE, true), BulkIdentity.email(EMAIL, true), BulkIdentity.card(CARD)),
				List.of(home),
				List.of(new BulkConsent(ConsentChannel.EMAIL, ConsentPurpose.MARKETING, true, since, "web-form"),
						new BulkConsent(ConsentChannel.SMS, ConsentPurpose.MARKETING, false, since, "web-form"),
						new BulkConsent(ConsentChannel.EMAIL, ConsentPurpose.PROFILING, true, since, "web-form")),
				notes, "showcase-h1", "Familia Núñez", "HEAD", first, null, null, since);
		BulkCustomer javier = new BulkCustomer("showcase-2", CustomerKind.PERSON, "Javier", "Ortega Ruiz", null,
				LocalDate.of(1981, 9, 2), "es", LifecycleStage.REPEAT_BUYER, List.of("runner"), null, "ES",
				List.of(BulkIdentity.phone("+34 600 111 333", true),
						BulkIdentity.email("javier.ortega.ruiz@hotmail.es", true)),
				List.of(home), List.of(), List.of(), "showcase-h1", "Familia Núñez", "PARTNER", first, null, null,
				since.plusSeconds(86_400L * 40));
		BulkCustomer again = new BulkCustomer("showcase-3", CustomerKind.PERSON, "Maria Jose", "Nunez", null,
				LocalDate.of(1984, 5, 17), "es", LifecycleStage.PROSPECT, List.of(), null, "ES",
				List.of(BulkIdentity.email("mariajose.nunez@gmail.com", true),
						BulkIdentity.phone("+34 600 111 223", true)),
				List.of(), List.of(), List.of(), null, null, null, null, null, null,
				Instant.parse("2025-12-01T10:00:00Z"));
		return List.of(maria, javier, again);
	}

}
