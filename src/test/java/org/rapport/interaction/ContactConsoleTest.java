package org.rapport.interaction;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.rapport.IntegrationTest;
import org.rapport.access.Role;
import org.rapport.access.StaffDirectory;
import org.rapport.access.StaffMember;
import org.rapport.customer.Customers;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;

/**
 * Staff record a call, a visit or an e-mail from the customer's page: it is recorded
 * through the same path as the API's, by whoever is signed in, once however often the
 * form is sent, and refused input loses nothing of what was typed.
 */
@IntegrationTest
class ContactConsoleTest {

	@Autowired
	MockMvcTester mvc;

	@Autowired
	JsonMapper json;

	@Autowired
	StaffDirectory staff;

	@Autowired
	UserDetailsService users;

	@Autowired
	Customers customers;

	@Autowired
	Interactions interactions;

	InteractionFixture fx;

	final Map<Role, StaffMember> signedIn = new EnumMap<>(Role.class);

	@BeforeEach
	void setUp() {
		this.fx = new InteractionFixture(this.mvc, this.json, this.staff, this.customers, this.interactions);
	}

	@Test
	void anAgentRecordsARefusedCallThatTopsTheTimelineMarkedWithWhyAndWhoTookIt() {
		UUID customer = this.fx.customer();
		StaffMember agent = member(Role.SERVICE_AGENT);

		MvcTestResult answer = post(customer, Role.SERVICE_AGENT,
				Map.of("kind", "CALL", "direction", "INBOUND", "outcome", "REFUSED", "outcomeReason",
						"no car available", "summary", "Wanted a car to the airport at 6:00", "key",
						UUID.randomUUID().toString()),
				true);

		assertThat(answer).hasStatusOk();
		assertThat(answer).bodyText()
			.contains("id=\"contact-recorded\"")
			.contains("no car available")
			.contains("Wanted a car to the airport at 6:00")
			.contains("by " + agent.displayName())
			.contains("class=\"negative\"")
			.doesNotContain("contact-error-");
		InteractionView call = this.interactions.timeline(customer, TimelineFilter.all(), 0, 5, null).items().get(0);
		assertThat(call.kind()).isEqualTo(InteractionKind.CALL);
		assertThat(call.outcome()).isEqualTo(Outcome.REFUSED);
		assertThat(call.direction()).isEqualTo(Direction.INBOUND);
		assertThat(call.channel()).isEqualTo("phone");
		assertThat(call.sourceSystem()).isEqualTo("console");
		assertThat(call.staffId()).isEqualTo(agent.id());
		assertThat(call.occurredAt()).isBetween(Instant.now().minusSeconds(60), Instant.now());
		assertThat(this.interactions.figures(customer).lastContact()).containsKey("phone");
	}

	@Test
	void theSameFormSentTwiceRecordsOneContact() {
		UUID customer = this.fx.customer();
		Map<String, String> form = Map.of("kind", "VISIT", "outcome", "SERVED", "summary", "Tried the blue jacket",
				"key", UUID.randomUUID().toString());

		assertThat(post(customer, Role.SALES, form, true)).hasStatusOk();
		assertThat(post(customer, Role.SALES, form, true)).hasStatusOk();

		assertThat(this.interactions.timeline(customer, TimelineFilter.all(), 0, 5, null).items()).singleElement()
			.satisfies((v) -> {
				assertThat(v.kind()).isEqualTo(InteractionKind.VISIT);
				assertThat(v.channel()).isEqualTo("store");
				assertThat(v.direction()).isNull();
				assertThat(v.attributes()).containsEntry("summary", "Tried the blue jacket");
			});
	}

	@Test
	void refusedInputRecordsNothingAndComesBackAsTypedWithItsProblemsByField() {
		UUID customer = this.fx.customer();
		String tomorrow = Instant.now()
			.plus(1, ChronoUnit.DAYS)
			.atOffset(ZoneOffset.UTC)
			.format(DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm"));

		MvcTestResult noReason = post(customer, Role.SERVICE_AGENT, Map.of("kind", "CALL", "direction", "OUTBOUND",
				"outcome", "FAILED", "summary", "Line dropped twice", "key", UUID.randomUUID().toString()), true);
		MvcTestResult future = post(customer, Role.SERVICE_AGENT,
				Map.of("kind", "EMAIL", "direction", "OUTBOUND", "outcome", "SERVED", "occurredAt", tomorrow, "channel",
						"Not A Channel", "key", UUID.randomUUID().toString()),
				true);

		// htmx swaps only successful answers: the form comes back open with 200
		assertThat(noReason).hasStatusOk();
		assertThat(noReason).bodyText()
			.contains("id=\"contact-error-outcomeReason\"")
			.contains("say why")
			.contains("Line dropped twice")
			.contains("<details class=\"contact-form\" id=\"contact-form-wrap\" open");
		assertThat(future).hasStatusOk();
		assertThat(future).bodyText()
			.contains("id=\"contact-error-occurredAt\"")
			.contains("must not be in the future")
			.contains("id=\"contact-error-channel\"")
			.contains("value=\"" + tomorrow + "\"");
		assertThat(this.interactions.timeline(customer, TimelineFilter.all(), 0, 5, null).items()).isEmpty();
	}

	@Test
	void withoutHtmxARecordedContactLeadsBackToTheCustomersPage() {
		UUID customer = this.fx.customer();

		MvcTestResult answer = post(customer, Role.MANAGER, Map.of("kind", "CALL", "direction", "OUTBOUND", "outcome",
				"NO_ANSWER", "key", UUID.randomUUID().toString()), false);

		assertThat(answer).hasStatus3xxRedirection().hasRedirectedUrl("/customers/" + customer + "#timeline");
		assertThat(this.interactions.timeline(customer, TimelineFilter.all(), 0, 5, null).items())
			.extracting(InteractionView::outcome)
			.containsExactly(Outcome.NO_ANSWER);
	}

	@Test
	void whoMayOnlyReadTheTimelineSeesNoFormAndCannotRecord() {
		UUID customer = this.fx.customer();

		assertThat(this.mvc.get().uri("/customers/" + customer + "/timeline").with(as(Role.MARKETER))).hasStatusOk()
			.bodyText()
			.doesNotContain("contact-form");
		assertThat(this.mvc.get().uri("/customers/" + customer + "/timeline").with(as(Role.SERVICE_AGENT)))
			.hasStatusOk()
			.bodyText()
			.contains("id=\"contact-form\"");
		assertThat(post(customer, Role.MARKETER, Map.of("kind", "CALL", "direction", "INBOUND", "outcome", "SERVED",
				"key", UUID.randomUUID().toString()), true))
			.hasStatus(403);
		assertThat(this.interactions.timeline(customer, TimelineFilter.all(), 0, 5, null).items()).isEmpty();
	}

	private MvcTestResult post(UUID customer, Role role, Map<String, String> form, boolean htmx) {
		var request = this.mvc.post().uri("/customers/" + customer + "/contacts").with(as(role)).with(csrf());
		for (Map.Entry<String, String> field : form.entrySet()) {
			request = request.param(field.getKey(), field.getValue());
		}
		if (htmx) {
			request = request.header("HX-Request", "true");
		}
		return request.exchange();
	}

	private RequestPostProcessor as(Role role) {
		return user(this.users.loadUserByUsername(member(role).username()));
	}

	private StaffMember member(Role role) {
		return this.signedIn.computeIfAbsent(role,
				(r) -> this.staff.create(
						"cc-" + r.name().toLowerCase().replace('_', '-') + "-" + InteractionFixture.unique(),
						"Desk " + r.name().toLowerCase(), InteractionFixture.PASSWORD, EnumSet.of(r)));
	}

}
