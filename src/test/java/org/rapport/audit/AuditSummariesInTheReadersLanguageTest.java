package org.rapport.audit;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.servlet.http.Cookie;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.rapport.IntegrationTest;
import org.rapport.access.Role;
import org.rapport.access.StaffDirectory;
import org.rapport.access.StaffMember;
import org.rapport.customer.Customers;
import org.rapport.customer.NewCustomer;
import org.rapport.customer.PersonalData;
import org.rapport.loyalty.Enrolment;
import org.rapport.loyalty.ExpiryPolicy;
import org.rapport.loyalty.Loyalty;
import org.rapport.loyalty.LoyaltyProgramme;
import org.rapport.loyalty.NegativeBalancePolicy;
import org.rapport.loyalty.ProgrammeSettings;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;

/**
 * The audit log's summaries read in the reader's language on PostgreSQL: the console page
 * in the page's language, the API in the caller's Accept-Language (English without one).
 * What is stored stays the English it always was, an entry written before the summaries
 * kept their wording reads in that English, and an erasure removes the wording's values
 * with the summary.
 */
@IntegrationTest
class AuditSummariesInTheReadersLanguageTest {

	static final String PASSWORD = "audit-language-password";

	static final String REASON = "Goodwill for the cold coffee";

	@Autowired
	MockMvcTester mvc;

	@Autowired
	StaffDirectory staff;

	@Autowired
	Customers customers;

	@Autowired
	PersonalData personalData;

	@Autowired
	Loyalty loyalty;

	@Autowired
	JdbcClient jdbc;

	String unique;

	UUID customer;

	String programme;

	UUID account;

	@BeforeEach
	void aTaggedCustomerEnrolledAndGivenGoodwillPoints() {
		this.unique = UUID.randomUUID().toString().substring(0, 8);
		this.customer = this.customers.create(NewCustomer.person("Ana", "Audit " + this.unique)).id();
		this.customers.addTags(this.customer, List.of("vip"));
		LoyaltyProgramme club = this.loyalty
			.createProgramme(new ProgrammeSettings("au-" + this.unique, "Club", "EUR", "points", new BigDecimal("0.01"),
					0, ExpiryPolicy.ROLLING, 12, null, NegativeBalancePolicy.CAP_AT_ZERO, null, Map.of(), null, null));
		this.programme = club.code();
		this.account = this.loyalty
			.enrol(this.programme, new Enrolment(this.customer, null, null, null, null), "enrol-" + this.unique)
			.accountId();
		this.loyalty.adjust(this.account, 5, REASON, "adjust-" + this.unique);
	}

	@Test
	void theConsolePageShowsSummariesInThePagesLanguage() {
		assertThat(this.mvc.get()
			.uri("/audit?entityId={id}", this.account)
			.with(console(Role.MANAGER))
			.cookie(new Cookie("rapport-lang", "es"))).hasStatusOk()
			.bodyText()
			.contains("Ajuste de 5 points: " + REASON, "Alta en " + this.programme)
			.doesNotContain("Adjusted by", "Enrolled in");
		assertThat(this.mvc.get()
			.uri("/audit?entityId={id}", this.customer)
			.with(console(Role.MANAGER))
			.cookie(new Cookie("rapport-lang", "es"))).hasStatusOk()
			.bodyText()
			.contains("Cliente Ana Audit " + this.unique + " creado", "Etiquetas añadidas: vip");
	}

	@Test
	void theApiGivesSummariesInTheCallersLanguageAndEnglishWithoutOne() {
		String uri = "/api/v1/audit?entityId=" + this.account + "&action=loyalty.adjusted";
		assertThat(this.mvc.get().uri(uri).with(api(Role.MANAGER)).header("Accept-Language", "ru")).hasStatusOk()
			.bodyJson()
			.extractingPath("$.items[0].summary")
			.isEqualTo("Корректировка на 5 points: " + REASON);
		assertThat(this.mvc.get().uri(uri).with(api(Role.ADMIN))).hasStatusOk()
			.bodyJson()
			.extractingPath("$.items[0].summary")
			.isEqualTo("Adjusted by 5 points: " + REASON);
	}

	@Test
	void whatIsStoredIsTheEnglishWithTheWordingsKeyAndValues() {
		assertThat(this.jdbc
			.sql("SELECT summary || ' | ' || (summary_text->>'key') || ' | ' || (summary_text->'values')::text "
					+ "FROM audit_event WHERE entity_id = ? AND action = 'loyalty.adjusted'")
			.param(this.account.toString())
			.query(String.class)
			.single())
			.isEqualTo("Adjusted by 5 points: " + REASON + " | loyalty.audit.adjusted | [\"5\", \"points\", \"" + REASON
					+ "\"]");
	}

	@Test
	void anEntryWrittenBeforeTheWordingWasKeptReadsInItsEnglish() {
		this.jdbc
			.sql("INSERT INTO audit_event (occurred_at, actor_id, actor_name, actor_kind, action, entity_type, "
					+ "entity_id, summary) VALUES (now(), 'system', 'system', 'SYSTEM', 'loyalty.adjusted', "
					+ "'loyalty_account', ?, 'Adjusted by 3 points: written before')")
			.param(this.account.toString())
			.update();

		assertThat(this.mvc.get()
			.uri("/audit?entityId={id}", this.account)
			.with(console(Role.MANAGER))
			.cookie(new Cookie("rapport-lang", "es"))).hasStatusOk()
			.bodyText()
			.contains("Adjusted by 3 points: written before", "Ajuste de 5 points: " + REASON);
		assertThat(this.mvc.get()
			.uri("/api/v1/audit?entityId={id}&action=loyalty.adjusted", this.account)
			.with(api(Role.MANAGER))
			.header("Accept-Language", "ru")).hasStatusOk()
			.bodyJson()
			.extractingPath("$.items[*].summary")
			.asArray()
			.containsExactly("Adjusted by 3 points: written before", "Корректировка на 5 points: " + REASON);
	}

	@Test
	void anErasureRemovesTheWordingsValuesWithTheSummary() {
		assertThat(wordingsAbout(this.customer)).as("before the erasure").isPositive();

		this.personalData.erase(this.customer, "customer request");

		assertThat(wordingsAbout(this.customer)).isZero();
		assertThat(this.jdbc
			.sql("SELECT count(*) FROM audit_event WHERE entity_type = 'customer' AND entity_id = ? "
					+ "AND action <> 'erase' AND NOT redacted")
			.param(this.customer.toString())
			.query(Long.class)
			.single()).isZero();
		assertThat(this.mvc.get()
			.uri("/audit?entityId={id}", this.customer)
			.with(console(Role.MANAGER))
			.cookie(new Cookie("rapport-lang", "es"))).hasStatusOk()
			.bodyText()
			.contains("Datos personales borrados: customer request")
			.doesNotContain("Audit " + this.unique, "vip");
	}

	/** Entries about the customer, other than its erasure, that keep a wording. */
	private long wordingsAbout(UUID customer) {
		return this.jdbc
			.sql("SELECT count(*) FROM audit_event WHERE entity_type = 'customer' AND entity_id = ? "
					+ "AND action <> 'erase' AND summary_text IS NOT NULL")
			.param(customer.toString())
			.query(Long.class)
			.single();
	}

	/**
	 * The console signs in with a form, so its page is read with the role's authorities.
	 */
	private static RequestPostProcessor console(Role role) {
		return user(role.name().toLowerCase())
			.authorities(role.permissions().stream().map((p) -> new SimpleGrantedAuthority(p.authority())).toList());
	}

	private RequestPostProcessor api(Role role) {
		StaffMember member = this.staff.create(
				role.name().toLowerCase() + "-" + UUID.randomUUID().toString().substring(0, 8), "Auditor", PASSWORD,
				Set.of(role));
		return httpBasic(member.username(), PASSWORD);
	}

}
