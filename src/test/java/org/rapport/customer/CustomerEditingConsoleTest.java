package org.rapport.customer;

import java.time.LocalDate;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.rapport.IntegrationTest;
import org.rapport.access.Role;
import org.rapport.access.StaffDirectory;
import org.rapport.access.StaffMember;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;

/** Creating and editing customers in the console, and who may. */
@IntegrationTest
class CustomerEditingConsoleTest {

	@Autowired
	MockMvcTester mvc;

	@Autowired
	Customers customers;

	@Autowired
	StaffDirectory staff;

	@Autowired
	UserDetailsService users;

	ConsoleTestData data;

	@BeforeEach
	void setUp() {
		this.data = new ConsoleTestData(this.customers, this.staff);
	}

	RequestPostProcessor as(Role role) {
		return user(this.users.loadUserByUsername(this.data.staffWith(role)));
	}

	@Test
	void aNewCustomerIsCreatedWithIdentitiesAddressAndConsentsAndOpensOnTheirPage() {
		String phone = ConsoleTestData.freshPhone();
		String family = "Formas" + ConsoleTestData.suffix();
		var result = this.mvc.post()
			.uri("/customers")
			.param("kind", "PERSON")
			.param("givenName", "Irene")
			.param("familyName", family)
			.param("birthDate", "1991-04-05")
			.param("language", "es")
			.param("stage", "POTENTIAL")
			.param("phone", phone)
			.param("email", family + "@example.org")
			.param("addressLine1", "Calle Luna 3")
			.param("postalCode", "28004")
			.param("city", "Madrid")
			.param("countryCode", "ES")
			.param("consents", "EMAIL:MARKETING", "SMS:MARKETING")
			.with(as(Role.SERVICE_AGENT))
			.with(csrf())
			.exchange();
		CustomerView created = this.customers.findByIdentity(IdentityType.PHONE, phone).orElseThrow();
		assertThat(result).hasStatus3xxRedirection().hasRedirectedUrl("/customers/" + created.id());
		assertThat(created.displayName()).isEqualTo("Irene " + family);
		assertThat(created.birthDate()).isEqualTo(LocalDate.of(1991, 4, 5));
		assertThat(created.lifecycleStage()).isEqualTo(LifecycleStage.POTENTIAL);
		assertThat(created.identity(IdentityType.EMAIL)).isEqualTo(family.toLowerCase() + "@example.org");
		assertThat(created.addresses()).singleElement().satisfies((a) -> assertThat(a.city()).isEqualTo("Madrid"));
		assertThat(created.consents()).extracting((c) -> c.channel() + ":" + c.purpose() + ":" + c.granted())
			.containsExactlyInAnyOrder("EMAIL:MARKETING:true", "SMS:MARKETING:true");
	}

	@Test
	void refusedFieldsAreShownNextToTheFieldsAndWhatWasTypedStays() {
		assertThat(this.mvc.post()
			.uri("/customers")
			.param("kind", "PERSON")
			.param("givenName", "Pilar")
			.param("language", "Spanish")
			.param("birthDate", LocalDate.now().plusYears(1).toString())
			.param("city", "Sevilla")
			.with(as(Role.SALES))
			.with(csrf())).hasStatusOk()
			.bodyText()
			.contains("id=\"language-error\"")
			.contains("Use a language code such as en, es, ru or pt-BR.")
			.contains("id=\"birthDate-error\"")
			.contains("id=\"addressLine1-error\"")
			.contains("value=\"Pilar\"")
			.contains("value=\"Spanish\"")
			.contains("value=\"Sevilla\"");
		assertThat(this.mvc.post()
			.uri("/customers")
			.param("kind", "PERSON")
			.param("email", "not-an-address")
			.param("lang", "es")
			.with(as(Role.SALES))
			.with(csrf())).hasStatusOk()
			.bodyText()
			.contains("id=\"givenName-error\"")
			.contains("Una persona necesita un nombre o un apellido.")
			.contains("value=\"not-an-address\"");
		assertThat(this.mvc.post()
			.uri("/customers")
			.param("kind", "PERSON")
			.param("givenName", "Eva")
			.param("email", "not-an-address")
			.with(as(Role.SALES))
			.with(csrf())).hasStatusOk()
			.bodyText()
			.contains("id=\"email-error\"")
			.contains("This is not a valid e-mail address.");
	}

	@Test
	void everyRefusedFieldOfANewCustomerIsShownInOneRoundEvenWithADateThatIsNoDate() {
		assertThat(this.mvc.post()
			.uri("/customers")
			.param("kind", "PERSON")
			.param("birthDate", "31/02/1990")
			.param("email", "not-an-address")
			.param("phone", "12")
			.param("countryCode", "Spain")
			.param("addressLine1", "Calle Sol 1")
			.with(as(Role.SALES))
			.with(csrf())).hasStatusOk()
			.bodyText()
			.contains("id=\"birthDate-error\"")
			.contains("id=\"givenName-error\"")
			.contains("A person needs a given name or a family name.")
			.contains("id=\"email-error\"")
			.contains("This is not a valid e-mail address.")
			.contains("id=\"phone-error\"")
			.contains("id=\"countryCode-error\"")
			.contains("value=\"Calle Sol 1\"");
	}

	@Test
	void anIdentityOfAnotherCustomerIsRefusedWithALinkToThatCustomer() {
		String phone = ConsoleTestData.freshPhone();
		CustomerView holder = this.data.person("Olga", "Holder" + ConsoleTestData.suffix(), phone);
		assertThat(this.mvc.post()
			.uri("/customers")
			.param("kind", "PERSON")
			.param("givenName", "Olga")
			.param("familyName", "Again")
			.param("phone", phone)
			.with(as(Role.SERVICE_AGENT))
			.with(csrf())).hasStatusOk()
			.bodyText()
			.contains("id=\"phone-error\"")
			.contains("id=\"identity-taken\"")
			.contains("href=\"/customers/" + holder.id() + "\"")
			.contains(holder.displayName())
			.contains("value=\"Again\"");
	}

	@Test
	void theProfileIsSavedWithTheVersionItWasOpenedOn() {
		CustomerView customer = this.data.person("Rosa", "Before", ConsoleTestData.freshPhone());
		assertThat(this.mvc.get().uri("/customers/{id}/edit", customer.id()).with(as(Role.SALES))).hasStatusOk()
			.bodyText()
			.contains("name=\"version\" value=\"" + customer.version() + "\"")
			.contains("value=\"Before\"");
		assertThat(saveProfile(customer.id(), customer.version(), "After", Role.SALES)).hasStatus3xxRedirection()
			.hasRedirectedUrl("/customers/" + customer.id());
		assertThat(this.customers.get(customer.id()).familyName()).isEqualTo("After");
	}

	@Test
	void aStaleEditIsNotSavedAndSaysSomeoneElseChangedTheCustomer() {
		CustomerView opened = this.data.person("Tomas", "Original", ConsoleTestData.freshPhone());
		this.customers.updateProfile(opened.id(), opened.version(),
				new Profile("Tomas", "Colleague", null, null, null));
		assertThat(saveProfile(opened.id(), opened.version(), "Mine", Role.SALES)).hasStatus(409)
			.bodyText()
			.contains("id=\"stale\"")
			.contains("Someone else changed this customer while you were editing.")
			.contains("value=\"Mine\"");
		assertThat(this.customers.get(opened.id()).familyName()).isEqualTo("Colleague");
	}

	@Test
	void identitiesAreAddedAndRemovedOnTheCustomerPage() {
		CustomerView customer = this.data.person("Ida", "Ident", ConsoleTestData.freshPhone());
		String email = "ida." + ConsoleTestData.suffix() + "@example.org";
		assertThat(
				post("/customers/{id}/identities", customer.id(), Role.SERVICE_AGENT, "type", "EMAIL", "value", email))
			.hasStatus3xxRedirection()
			.hasRedirectedUrl("/customers/" + customer.id() + "#identities");
		CustomerView.IdentityView added = this.customers.get(customer.id())
			.identities()
			.stream()
			.filter((i) -> i.type() == IdentityType.EMAIL)
			.findFirst()
			.orElseThrow();
		assertThat(added.value()).isEqualTo(email);
		assertThat(post("/customers/{id}/identities/" + added.id() + "/remove", customer.id(), Role.SERVICE_AGENT))
			.hasStatus3xxRedirection();
		assertThat(this.customers.get(customer.id()).identity(IdentityType.EMAIL)).isNull();
	}

	@Test
	void anIdentityOfAnotherCustomerAddedOnThePageNamesThatCustomer() {
		String phone = ConsoleTestData.freshPhone();
		CustomerView holder = this.data.person("Hana", "Holder" + ConsoleTestData.suffix(), phone);
		CustomerView customer = this.data.person("Hana", "Second", ConsoleTestData.freshPhone());
		assertThat(post("/customers/{id}/identities", customer.id(), Role.SALES, "type", "PHONE", "value", phone))
			.hasStatus3xxRedirection()
			.flash()
			.hasEntrySatisfying("problem",
					(p) -> assertThat(((CustomerActionsController.Problem) p).holderId()).isEqualTo(holder.id()));
	}

	@Test
	void aConsentIsToggledInPlaceWithHtmx() {
		CustomerView customer = this.data.person("Cleo", "Consent", ConsoleTestData.freshPhone());
		assertThat(this.mvc.post()
			.uri("/customers/{id}/consents", customer.id())
			.param("channel", "SMS")
			.param("purpose", "PROFILING")
			.param("granted", "true")
			.header("HX-Request", "true")
			.with(as(Role.SALES))
			.with(csrf())).hasStatusOk()
			.bodyText()
			.contains("id=\"consent-SMS-PROFILING\"")
			.contains("granted")
			.contains("name=\"granted\" value=\"false\"")
			.doesNotContain("<html");
		assertThat(this.customers.get(customer.id()).consents()).anySatisfy(
				(c) -> assertThat(c.channel() + ":" + c.purpose() + ":" + c.granted()).isEqualTo("SMS:PROFILING:true"));
	}

	@Test
	void tagsStageAndAssignmentAreChangedOnTheCustomerPage() {
		CustomerView customer = this.data.person("Tina", "Tagged", ConsoleTestData.freshPhone());
		StaffMember luis = this.staff.byUsername(this.data.staffWith(Role.SALES)).orElseThrow();
		post("/customers/{id}/tags", customer.id(), Role.SALES, "tag", "VIP").assertThat().hasStatus3xxRedirection();
		post("/customers/{id}/stage", customer.id(), Role.SALES, "stage", "LOYAL").assertThat()
			.hasStatus3xxRedirection();
		post("/customers/{id}/assign", customer.id(), Role.SALES, "staff", luis.id().toString()).assertThat()
			.hasStatus3xxRedirection();
		CustomerView changed = this.customers.get(customer.id());
		assertThat(changed.tags()).containsExactly("vip");
		assertThat(changed.lifecycleStage()).isEqualTo(LifecycleStage.LOYAL);
		assertThat(changed.assignedStaff().id()).isEqualTo(luis.id());

		post("/customers/{id}/tags/remove", customer.id(), Role.SALES, "tag", "vip").assertThat()
			.hasStatus3xxRedirection();
		post("/customers/{id}/assign", customer.id(), Role.SALES, "staff", "").assertThat().hasStatus3xxRedirection();
		assertThat(this.customers.get(customer.id()).tags()).isEmpty();
		assertThat(this.customers.get(customer.id()).assignedStaff()).isNull();
	}

	@Test
	void aMarketerSeesNoEditingControlsAndEveryChangeIsRefused() {
		CustomerView customer = this.data.person("Mia", "Readonly", ConsoleTestData.freshPhone());
		assertThat(this.mvc.get().uri("/customers/{id}", customer.id()).with(as(Role.MARKETER))).hasStatusOk()
			.bodyText()
			.contains("Mia Readonly")
			.doesNotContain("id=\"edit-profile\"")
			.doesNotContain("id=\"identity-form\"")
			.doesNotContain("id=\"manage\"")
			.doesNotContain("/consents\"");
		assertThat(this.mvc.get().uri("/customers").with(as(Role.MARKETER))).bodyText()
			.doesNotContain("id=\"new-customer-link\"");
		assertThat(this.mvc.get().uri("/customers/new").with(as(Role.MARKETER))).hasStatus(403);
		assertThat(this.mvc.get().uri("/customers/{id}/edit", customer.id()).with(as(Role.MARKETER))).hasStatus(403);
		assertThat(post("/customers", null, Role.MARKETER, "kind", "PERSON", "givenName", "X")).hasStatus(403);
		assertThat(post("/customers/{id}/profile", customer.id(), Role.MARKETER, "version",
				Long.toString(customer.version()), "givenName", "X"))
			.hasStatus(403);
		assertThat(
				post("/customers/{id}/identities", customer.id(), Role.MARKETER, "type", "CARD", "value", "12345678"))
			.hasStatus(403);
		assertThat(post("/customers/{id}/consents", customer.id(), Role.MARKETER, "channel", "EMAIL", "purpose",
				"MARKETING", "granted", "true"))
			.hasStatus(403);
		assertThat(post("/customers/{id}/tags", customer.id(), Role.MARKETER, "tag", "x")).hasStatus(403);
		assertThat(post("/customers/{id}/stage", customer.id(), Role.MARKETER, "stage", "LOST")).hasStatus(403);
		assertThat(post("/customers/{id}/assign", customer.id(), Role.MARKETER, "staff", "")).hasStatus(403);
		CustomerView after = this.customers.get(customer.id());
		assertThat(after.version()).isEqualTo(customer.version());
	}

	@Test
	void aServiceAgentSeesTheEditingControls() {
		CustomerView customer = this.data.person("Sol", "Agent", ConsoleTestData.freshPhone());
		assertThat(this.mvc.get().uri("/customers/{id}", customer.id()).with(as(Role.SERVICE_AGENT))).hasStatusOk()
			.bodyText()
			.contains("id=\"edit-profile\"")
			.contains("id=\"identity-form\"")
			.contains("id=\"manage\"")
			.contains("/customers/" + customer.id() + "/consents")
			.contains("id=\"timeline\"");
	}

	@Test
	void creatingWithoutTheCsrfTokenIsRefused() {
		String phone = ConsoleTestData.freshPhone();
		assertThat(this.mvc.post()
			.uri("/customers")
			.param("kind", "PERSON")
			.param("givenName", "Forged")
			.param("phone", phone)
			.with(as(Role.SALES))).hasStatus(403);
		assertThat(this.customers.findByIdentity(IdentityType.PHONE, phone)).isEmpty();
	}

	private MockMvcTester.MockMvcRequestBuilder saveProfile(UUID id, long version, String familyName, Role role) {
		return post("/customers/{id}/profile", id, role, "version", Long.toString(version), "givenName", "Someone",
				"familyName", familyName);
	}

	private MockMvcTester.MockMvcRequestBuilder post(String uri, UUID id, Role role, String... params) {
		MockMvcTester.MockMvcRequestBuilder request = this.mvc.post()
			.uri(uri, id == null ? new Object[0] : new Object[] { id })
			.with(as(role))
			.with(csrf());
		for (int i = 0; i < params.length; i += 2) {
			request = request.param(params[i], params[i + 1]);
		}
		return request;
	}

}
