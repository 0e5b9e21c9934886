package org.rapport.customer;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.rapport.IntegrationTest;
import org.rapport.access.Role;
import org.rapport.access.StaffDirectory;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;

@IntegrationTest
class CustomerConsoleTest {

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
	void theHeadOfThe360PageLoadsTheBadgesOfOtherModulesForStaffAllowedToReadThem() {
		CustomerView ana = this.data.person("Ana", "Badges", ConsoleTestData.freshPhone());
		assertThat(this.mvc.get().uri("/customers/{id}", ana.id()).with(as(Role.SERVICE_AGENT))).hasStatusOk()
			.bodyText()
			.contains("id=\"loyalty-badges\"", "hx-get=\"/customers/" + ana.id() + "/badges/loyalty\"")
			.contains("id=\"analytics-badges\"", "hx-get=\"/customers/" + ana.id() + "/badges/analytics\"");
		// someone who may read customers but neither loyalty nor analytics gets no
		// placeholder
		assertThat(this.mvc.get()
			.uri("/customers/{id}", ana.id())
			.with(user("reader-only").authorities(new SimpleGrantedAuthority("customer:read")))).hasStatusOk()
			.bodyText()
			.doesNotContain("loyalty-badges")
			.doesNotContain("analytics-badges");
	}

	@Test
	void aPhoneNumberOfExactlyOneCustomerOpensTheirPage() {
		String phone = ConsoleTestData.freshPhone();
		CustomerView ana = this.data.person("Ana", "Caller", phone);
		assertThat(this.mvc.get().uri("/customers").param("q", phone).with(as(Role.SERVICE_AGENT)))
			.hasStatus3xxRedirection()
			.redirectedUrl()
			.isEqualTo("/customers/" + ana.id());
	}

	@Test
	void liveSearchByAPhoneNumberListsTheCustomerWhoHasIt() {
		String phone = ConsoleTestData.freshPhone();
		String family = "Llamada" + ConsoleTestData.suffix();
		this.data.person("Eva", family, phone);
		this.data.person("Eva", family + "x", ConsoleTestData.freshPhone());
		assertThat(this.mvc.get()
			.uri("/customers")
			.param("q", phone)
			.header("HX-Request", "true")
			.with(as(Role.SERVICE_AGENT))).hasStatusOk()
			.bodyText()
			.contains("Eva " + family + "<")
			.doesNotContain(family + "x");
	}

	@Test
	void liveSearchFindsANameWithoutItsAccentsAndAnswersOnlyTheResults() {
		String family = "Peñalver" + ConsoleTestData.suffix();
		this.data.person("José", family, ConsoleTestData.freshPhone());
		String folded = NameFolding.fold(family);
		assertThat(this.mvc.get()
			.uri("/customers")
			.param("q", "jose " + folded)
			.header("HX-Request", "true")
			.with(as(Role.SALES))).hasStatusOk()
			.bodyText()
			.contains("José " + family)
			.contains("id=\"results\"")
			.doesNotContain("<html");
	}

	@Test
	void aNoteIsAddedWithItsAuthorAndAnsweredAsAFragmentForHtmx() {
		CustomerView customer = this.data.person("Nora", "Notes", ConsoleTestData.freshPhone());
		assertThat(this.mvc.post()
			.uri("/customers/{id}/notes", customer.id())
			.param("body", "Prefers calls after 6 pm")
			.header("HX-Request", "true")
			.with(as(Role.SALES))
			.with(csrf())).hasStatusOk()
			.bodyText()
			.contains("Prefers calls after 6 pm")
			.contains("Test Sales")
			.contains("class=\"note\"");
		assertThat(this.mvc.get().uri("/customers/{id}", customer.id()).with(as(Role.MARKETER))).hasStatusOk()
			.bodyText()
			.contains("Prefers calls after 6 pm");
	}

	@Test
	void aBlankNoteIsRefusedToHtmxWithItsReasonAloneSoTheFormCanShowIt() {
		CustomerView customer = this.data.person("Bea", "Blank", ConsoleTestData.freshPhone());
		assertThat(this.mvc.post()
			.uri("/customers/{id}/notes", customer.id())
			.param("body", "   ")
			.header("HX-Request", "true")
			.with(as(Role.SALES))
			.with(csrf())).hasStatus(400)
			.bodyText()
			.contains("role=\"alert\"")
			.contains("must not be blank")
			.doesNotContain("<html");
		assertThat(this.customers.notes(customer.id(), new Paging(0, 10)).items()).isEmpty();
	}

	@Test
	void aNoteWithoutTheCsrfTokenIsRefused() {
		CustomerView customer = this.data.person("Cora", "Csrf", ConsoleTestData.freshPhone());
		assertThat(this.mvc.post()
			.uri("/customers/{id}/notes", customer.id())
			.param("body", "forged")
			.with(as(Role.SALES))).hasStatus(403);
		assertThat(this.customers.notes(customer.id(), new Paging(0, 10)).items()).isEmpty();
	}

	@Test
	void aMarketerSeesTheCustomerButNoNoteFormAndCannotPostANote() {
		CustomerView customer = this.data.person("Mara", "Reader", ConsoleTestData.freshPhone());
		assertThat(this.mvc.get().uri("/customers/{id}", customer.id()).with(as(Role.MARKETER))).hasStatusOk()
			.bodyText()
			.contains("Mara Reader")
			.contains("id=\"timeline\"")
			.doesNotContain("id=\"note-form\"")
			.doesNotContain("id=\"export\"");
		assertThat(this.mvc.post()
			.uri("/customers/{id}/notes", customer.id())
			.param("body", "not allowed")
			.with(as(Role.MARKETER))
			.with(csrf())).hasStatus(403);
	}

	@Test
	void aManagerSeesTheNoteFormAndTheExportLink() {
		CustomerView customer = this.data.person("Mona", "Manager", ConsoleTestData.freshPhone());
		assertThat(this.mvc.get().uri("/customers/{id}", customer.id()).with(as(Role.MANAGER))).hasStatusOk()
			.bodyText()
			.contains("id=\"note-form\"")
			.contains("id=\"export\"");
		assertThat(this.mvc.get().uri("/customers/{id}/export", customer.id()).with(as(Role.MANAGER))).hasStatusOk()
			.bodyJson()
			.extractingPath("$.customerId")
			.isEqualTo(customer.id().toString());
	}

	@Test
	void anUnknownCustomerShowsTheFriendlyNotFoundPage() {
		assertThat(this.mvc.get().uri("/customers/{id}", java.util.UUID.randomUUID()).with(as(Role.SALES)))
			.hasStatus(404)
			.bodyText()
			.contains("Not found")
			.contains("id=\"nav-customers\"");
	}

	@Test
	void pagesAreTranslatedWhenTheLanguageIsSwitched() {
		assertThat(this.mvc.get().uri("/customers").param("lang", "ru").with(as(Role.SALES))).hasStatusOk()
			.bodyText()
			.contains("Клиенты")
			.contains("Имя, телефон, e-mail или номер карты");
	}

	@Test
	void untilALanguageIsPickedTheBrowsersOwnChoiceAmongOursIsUsed() {
		assertThat(this.mvc.get()
			.uri("/customers")
			.header("Accept-Language", "de-DE,ru;q=0.8,en;q=0.5")
			.with(as(Role.SALES))).hasStatusOk().bodyText().contains("Клиенты");
		assertThat(this.mvc.get().uri("/login").header("Accept-Language", "es-ES,es;q=0.9")).hasStatusOk()
			.bodyText()
			.contains("Iniciar sesión");
		assertThat(this.mvc.get().uri("/login").header("Accept-Language", "de-DE")).hasStatusOk()
			.bodyText()
			.doesNotContain("Iniciar sesión");
		// a language picked with ?lang= wins over the browser's
		assertThat(this.mvc.get()
			.uri("/customers")
			.param("lang", "en")
			.header("Accept-Language", "ru")
			.with(as(Role.SALES))).hasStatusOk().bodyText().doesNotContain("Клиенты");
	}

	@Test
	void theDashboardCountsCustomersByStageAndSaysWhenItCountedThem() {
		assertThat(this.mvc.get().uri("/").param("lang", "es").with(as(Role.SALES))).hasStatusOk()
			.bodyText()
			.contains("Clientes por etapa")
			.contains("Prospecto")
			.containsPattern("Contados a las \\d\\d:\\d\\d UTC");
	}

}
