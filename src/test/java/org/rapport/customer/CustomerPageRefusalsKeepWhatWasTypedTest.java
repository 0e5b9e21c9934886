package org.rapport.customer;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import jakarta.servlet.http.Cookie;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.rapport.IntegrationTest;
import org.rapport.access.Role;
import org.rapport.access.StaffDirectory;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;

/**
 * A form of the customer page that is refused comes back with what was typed in every
 * field, and the refusal names what was wrong with the value, in the page's language.
 */
@IntegrationTest
class CustomerPageRefusalsKeepWhatWasTypedTest {

	@Autowired
	MockMvcTester mvc;

	@Autowired
	Customers customers;

	@Autowired
	StaffDirectory staff;

	@Autowired
	UserDetailsService users;

	ConsoleTestData data;

	String agent;

	@BeforeEach
	void setUp() {
		this.data = new ConsoleTestData(this.customers, this.staff);
		this.agent = this.data.staffWith(Role.SERVICE_AGENT);
	}

	@Test
	void aRefusedIdentityKeepsItsTypeValueAndSystemAndNamesTheValueItRefused() throws Exception {
		CustomerView customer = this.data.person("Rita", "Refused", ConsoleTestData.freshPhone());

		String page = refusedIdentity(customer, "PHONE", "12ab", "qa-src", null);

		assertThat(page).contains("This identity could not be added.")
			.contains("&#39;12ab&#39; is not a phone number")
			.contains("<option value=\"PHONE\" selected=\"selected\">")
			.doesNotContain("<option value=\"EMAIL\" selected")
			.containsPattern("id=\"identity-value\"[^>]*value=\"12ab\"")
			.containsPattern("id=\"identity-source\"[^>]*value=\"qa-src\"");
		assertThat(this.customers.get(customer.id()).identities()).hasSize(1);
	}

	@Test
	void aRefusedIdentityIsExplainedInSpanishRussianAndMalay() throws Exception {
		CustomerView customer = this.data.person("Lena", "Lenguas", ConsoleTestData.freshPhone());

		assertThat(refusedIdentity(customer, "PHONE", "12ab", "qa-src", "es"))
			.contains("No se pudo añadir esta identidad.")
			.contains("«12ab» no es un número de teléfono")
			.contains("<option value=\"PHONE\" selected=\"selected\">")
			.contains("value=\"qa-src\"");
		assertThat(refusedIdentity(customer, "PHONE", "12ab", "qa-src", "ru"))
			.contains("«12ab» не является номером телефона")
			.doesNotContain("is not a phone number");
		assertThat(refusedIdentity(customer, "EMAIL", "ana-at-example", "", "ms"))
			.contains("&quot;ana-at-example&quot; bukan alamat e-mel")
			.contains("<option value=\"EMAIL\" selected=\"selected\">");
	}

	@Test
	void anEmailThatIsNoEmailAndABlankValueAreRefusedWithWholeSentencesAndTheFormKept() throws Exception {
		CustomerView customer = this.data.person("Edu", "Email", ConsoleTestData.freshPhone());

		assertThat(refusedIdentity(customer, "EMAIL", "ana-at-example", "crm", null))
			.contains("&#39;ana-at-example&#39; is not an e-mail address")
			.contains("<option value=\"EMAIL\" selected=\"selected\">")
			.contains("value=\"ana-at-example\"")
			.contains("value=\"crm\"");
		assertThat(refusedIdentity(customer, "CARD", "   ", "crm", null)).contains("an identity needs a value")
			.doesNotContain("addIdentity")
			.contains("<option value=\"CARD\" selected=\"selected\">")
			.contains("value=\"crm\"");
	}

	@Test
	void anIdentityAnotherCustomerHoldsIsNamedWithItsHolderAndTheFormKept() throws Exception {
		String phone = ConsoleTestData.freshPhone();
		CustomerView holder = this.data.person("Hugo", "Holder" + ConsoleTestData.suffix(), phone);
		CustomerView customer = this.data.person("Hugo", "Second", ConsoleTestData.freshPhone());

		String page = refusedIdentity(customer, "PHONE", phone, "pos", null);

		assertThat(page).contains("The identity " + phone.replace(" ", "") + " already belongs to another customer:")
			.contains("href=\"/customers/" + holder.id() + "\"")
			.contains("<option value=\"PHONE\" selected=\"selected\">")
			.contains("value=\"" + phone + "\"")
			.contains("value=\"pos\"");
	}

	@Test
	void aRefusedTagStaysInItsField() throws Exception {
		CustomerView customer = this.data.person("Tea", "Tagless", ConsoleTestData.freshPhone());

		String page = follow(customer, post(customer, "/tags", null, "tag", "no/slash"), null);

		assertThat(page).contains("&#39;no/slash&#39; is not a tag").contains("value=\"no/slash\"");
	}

	/** The customer page after a refused identity, in the language (none: English). */
	private String refusedIdentity(CustomerView customer, String type, String value, String source, String language)
			throws Exception {
		return follow(customer, post(customer, "/identities", language, "type", type, "value", value, "source", source),
				language);
	}

	private MvcTestResult post(CustomerView customer, String path, String language, String... params) {
		MockMvcTester.MockMvcRequestBuilder request = this.mvc.post()
			.uri("/customers/{id}" + path, customer.id())
			.with(agent())
			.with(csrf());
		for (int i = 0; i < params.length; i += 2) {
			request = request.param(params[i], params[i + 1]);
		}
		if (language != null) {
			request = request.cookie(new Cookie("rapport-lang", language));
		}
		MvcTestResult result = request.exchange();
		assertThat(result).hasStatus3xxRedirection();
		return result;
	}

	/** The page the refusal redirects to, with what the refusal left for it. */
	private String follow(CustomerView customer, MvcTestResult refused, String language) throws Exception {
		Map<String, Object> flash = refused.getMvcResult().getFlashMap();
		assertThat(flash).containsKey("problem");
		MockMvcTester.MockMvcRequestBuilder request = this.mvc.get()
			.uri("/customers/{id}", customer.id())
			.with(agent())
			.flashAttrs(flash);
		if (language != null) {
			request = request.cookie(new Cookie("rapport-lang", language));
		}
		MvcTestResult page = request.exchange();
		assertThat(page).hasStatusOk();
		return page.getResponse().getContentAsString(StandardCharsets.UTF_8);
	}

	private RequestPostProcessor agent() {
		return user(this.users.loadUserByUsername(this.agent));
	}

}
