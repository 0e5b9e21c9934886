package org.rapport.interaction;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.rapport.platform.web.ApiException.FieldProblem;

import static org.assertj.core.api.Assertions.assertThat;

class ContactFormTest {

	static final UUID CUSTOMER = UUID.fromString("0190a0b0-0000-7000-8000-000000000001");

	static final UUID STAFF = UUID.fromString("0190a0b0-0000-7000-8000-000000000002");

	static final Instant NOW = Instant.parse("2026-12-07T09:30:12.345Z");

	@Test
	void aServedInboundCallTypedWithoutATimeHappenedNowOnThePhoneByTheStaffMemberSignedIn() {
		ContactForm.Checked checked = new ContactForm("CALL", "INBOUND", "SERVED", "", " Booked a car for 6:00 ", "",
				"", "k1")
			.check(CUSTOMER, STAFF, NOW);

		assertThat(checked.problems()).isEmpty();
		NewInteraction call = checked.interaction();
		assertThat(call.customerId()).isEqualTo(CUSTOMER);
		assertThat(call.kind()).isEqualTo(InteractionKind.CALL);
		assertThat(call.direction()).isEqualTo(Direction.INBOUND);
		assertThat(call.outcome()).isEqualTo(Outcome.SERVED);
		assertThat(call.outcomeReason()).isNull();
		assertThat(call.channel()).isEqualTo("phone");
		assertThat(call.occurredAt()).isEqualTo(Instant.parse("2026-12-07T09:30:12Z"));
		assertThat(call.staffId()).isEqualTo(STAFF);
		assertThat(call.attributes()).containsExactly(Map.entry("summary", "Booked a car for 6:00"));
		assertThat(call.total()).isNull();
		assertThat(call.lines()).isEmpty();
	}

	@Test
	void theFormsKeyIsTheIdempotencyKeyOfTheConsoleSoTheSameFormSentTwiceIsOneContact() {
		ContactForm form = new ContactForm("EMAIL", "OUTBOUND", "SERVED", null, null, null, null, "form-key-7");

		NewInteraction first = form.check(CUSTOMER, STAFF, NOW).interaction();
		NewInteraction again = form.check(CUSTOMER, STAFF, NOW.plusSeconds(3)).interaction();

		assertThat(first.sourceSystem()).isEqualTo("console");
		assertThat(first.effectiveKey()).isEqualTo("contact:form-key-7").isEqualTo(again.effectiveKey());
		assertThat(first.channel()).isEqualTo("email");
		assertThat(ContactForm.blank().key()).isNotEqualTo(ContactForm.blank().key());
	}

	@Test
	void aRefusedOrFailedContactMustSayWhyButAnUnansweredOneNeedNot() {
		assertThat(fields(new ContactForm("CALL", "INBOUND", "REFUSED", " ", null, null, null, "k")))
			.containsExactly("outcomeReason");
		assertThat(fields(new ContactForm("CALL", "OUTBOUND", "FAILED", null, null, null, null, "k")))
			.containsExactly("outcomeReason");
		assertThat(fields(new ContactForm("CALL", "OUTBOUND", "NO_ANSWER", null, null, null, null, "k"))).isEmpty();
		NewInteraction refused = new ContactForm("CALL", "INBOUND", "REFUSED", "no car available", null, null, null,
				"k")
			.check(CUSTOMER, STAFF, NOW)
			.interaction();
		assertThat(refused.outcomeReason()).isEqualTo("no car available");
		assertThat(refused.outcome().isNegative()).isTrue();
	}

	@Test
	void aVisitHasNoDirectionWhateverTheFormSentAndHappensInTheStoreUnlessAChannelIsTyped() {
		NewInteraction visit = new ContactForm("VISIT", "OUTBOUND", "SERVED", null, null, null, null, "k")
			.check(CUSTOMER, STAFF, NOW)
			.interaction();
		NewInteraction atTheDesk = new ContactForm("VISIT", null, "SERVED", null, null, "front-desk", null, "k")
			.check(CUSTOMER, STAFF, NOW)
			.interaction();

		assertThat(visit.direction()).isNull();
		assertThat(visit.channel()).isEqualTo("store");
		assertThat(atTheDesk.channel()).isEqualTo("front-desk");
		assertThat(fields(new ContactForm("CALL", null, "SERVED", null, null, null, null, "k")))
			.containsExactly("direction");
	}

	@Test
	void onlyCallsVisitsAndEmailsAreRecordedByHand() {
		for (String kind : List.of("PURCHASE", "RETURN", "SURVEY_ANSWER", "CAMPAIGN_CONTACT", "call", "")) {
			assertThat(fields(new ContactForm(kind, "INBOUND", "SERVED", null, null, null, null, "k"))).as(kind)
				.contains("kind");
		}
	}

	@Test
	void aTypedTimeIsReadInUtcAndAnUnreadableOneIsNamed() {
		NewInteraction call = new ContactForm("CALL", "INBOUND", "SERVED", null, null, null, "2026-12-06T18:05", "k")
			.check(CUSTOMER, STAFF, NOW)
			.interaction();

		assertThat(call.occurredAt()).isEqualTo(Instant.parse("2026-12-06T18:05:00Z"));
		assertThat(fields(new ContactForm("CALL", "INBOUND", "SERVED", null, null, null, "yesterday", "k")))
			.containsExactly("occurredAt");
	}

	@Test
	void everyProblemOfTheFormIsToldAtOnceAndNothingIsToBeRecorded() {
		ContactForm.Checked checked = new ContactForm("PURCHASE", "SIDEWAYS", "LOST", null, "x".repeat(2_001), null,
				"soon", null)
			.check(CUSTOMER, STAFF, NOW);

		assertThat(checked.ok()).isFalse();
		assertThat(checked.interaction()).isNull();
		assertThat(checked.problems()).extracting(FieldProblem::field)
			.containsExactly("kind", "outcome", "summary", "occurredAt", "key");
	}

	@Test
	void theEnginesProblemsAreShownOnTheFieldsOfTheFormTheyConcern() {
		Map<String, String> fields = ContactForm
			.byField(List.of(new FieldProblem("occurredAt", "must not be in the future"),
					new FieldProblem("channel", "must be a channel name such as store, phone or web"),
					new FieldProblem("attributes", "at most 50 attributes"),
					new FieldProblem("customerId", "is merged"), new FieldProblem("customer", "does not exist")));

		assertThat(fields).containsEntry("occurredAt", "must not be in the future")
			.containsEntry("channel", "must be a channel name such as store, phone or web")
			.containsEntry("summary", "at most 50 attributes")
			.containsEntry("form", "is merged; does not exist");
	}

	private static List<String> fields(ContactForm form) {
		return form.check(CUSTOMER, STAFF, NOW).problems().stream().map(FieldProblem::field).toList();
	}

}
