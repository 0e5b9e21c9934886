package org.rapport.audit;

import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.rapport.IntegrationTest;
import org.rapport.access.Role;
import org.rapport.access.StaffDirectory;
import org.rapport.access.StaffMember;
import org.rapport.platform.Actor;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;

@IntegrationTest
class AuditReadTest {

	static final String PASSWORD = "audit-reader-password";

	@Autowired
	MockMvcTester mvc;

	@Autowired
	AuditTrail audit;

	@Autowired
	StaffDirectory staff;

	@Autowired
	TransactionTemplate tx;

	@Test
	void eventsOfOneEntityAreListedNewestFirstWithSnapshotsAsJsonObjects() {
		String id = UUID.randomUUID().toString();
		record("created", id, null, Map.of("name", "José", "stage", "PROSPECT"));
		record("updated", id, Map.of("name", "José", "stage", "PROSPECT"), Map.of("name", "José", "stage", "LOYAL"));
		record("updated", UUID.randomUUID().toString(), Map.of("name", "Other"), Map.of("name", "Another"));
		assertThat(this.mvc.get().uri("/api/v1/audit?entityType=customer&entityId={id}", id).with(as(Role.MANAGER)))
			.hasStatusOk()
			.bodyJson()
			.hasPathSatisfying("$.totalItems", (v) -> v.assertThat().isEqualTo(2))
			.hasPathSatisfying("$.totalPages", (v) -> v.assertThat().isEqualTo(1))
			.hasPathSatisfying("$.items[0].action", (v) -> v.assertThat().isEqualTo("updated"))
			.hasPathSatisfying("$.items[0].before.stage", (v) -> v.assertThat().isEqualTo("PROSPECT"))
			.hasPathSatisfying("$.items[0].after.stage", (v) -> v.assertThat().isEqualTo("LOYAL"))
			.hasPathSatisfying("$.items[0].actor.kind", (v) -> v.assertThat().isEqualTo("SYSTEM"))
			.hasPathSatisfying("$.items[1].action", (v) -> v.assertThat().isEqualTo("created"))
			.hasPathSatisfying("$.items[1].before", (v) -> v.assertThat().isNull());
	}

	@Test
	void theAuditIsPagedAndFilteredByAction() {
		String id = UUID.randomUUID().toString();
		for (int i = 0; i < 3; i++) {
			record("note-added", id, null, Map.of("n", i));
		}
		record("updated", id, null, Map.of("n", 9));
		assertThat(this.mvc.get()
			.uri("/api/v1/audit?entityId={id}&action=note-added&size=2&page=1", id)
			.with(as(Role.ADMIN))).hasStatusOk()
			.bodyJson()
			.hasPathSatisfying("$.totalItems", (v) -> v.assertThat().isEqualTo(3))
			.hasPathSatisfying("$.totalPages", (v) -> v.assertThat().isEqualTo(2))
			.hasPathSatisfying("$.page", (v) -> v.assertThat().isEqualTo(1))
			.hasPathSatisfying("$.items.length()", (v) -> v.assertThat().isEqualTo(1))
			.hasPathSatisfying("$.items[0].after.n", (v) -> v.assertThat().isEqualTo(0));
	}

	@Test
	void aBadDateFilterIsAFieldProblem() {
		assertThat(this.mvc.get().uri("/api/v1/audit?from=yesterday").with(as(Role.ADMIN))).hasStatus(400)
			.bodyJson()
			.extractingPath("$.errors[0].field")
			.isEqualTo("from");
	}

	@Test
	void aPeriodThatEndsBeforeItStartsIsRefusedNotAnsweredWithNothing() {
		assertThat(this.mvc.get().uri("/api/v1/audit?from=2025-01-01&to=2024-01-01").with(as(Role.ADMIN)))
			.hasStatus(400)
			.bodyJson()
			.extractingPath("$.errors[0].field")
			.isEqualTo("to");
		assertThat(this.mvc.get().uri("/audit?from=2025-01-01&to=2024-01-01").with(console(Role.ADMIN))).hasStatusOk()
			.bodyText()
			.contains("id=\"audit-bad-period\"")
			.contains("must come after its start");
	}

	@Test
	void theConsoleAuditPageShowsTheChangedFieldsToManagers() {
		String id = UUID.randomUUID().toString();
		record("updated", id, Map.of("email", "old@example.org", "name", "Ana"),
				Map.of("email", "new@example.org", "name", "Ana"));
		assertThat(this.mvc.get().uri("/audit?entityId={id}", id).with(console(Role.MANAGER))).hasStatusOk()
			.bodyText()
			.contains("old@example.org", "new@example.org", "email")
			.doesNotContain(">name<");
	}

	@Test
	void aFewChangedFieldsAreShownOpenAndARecordCreatedWholeIsFolded() {
		String changed = UUID.randomUUID().toString();
		record("updated", changed, Map.of("email", "old@example.org"), Map.of("email", "new@example.org"));
		String created = UUID.randomUUID().toString();
		record("created", created, null,
				Map.of("givenName", "Ana", "familyName", "Ruiz", "email", "ana@example.org", "phone", "+34600"));

		assertThat(this.mvc.get().uri("/audit?entityId={id}", changed).with(console(Role.MANAGER))).hasStatusOk()
			.bodyText()
			.contains("<details class=\"changes\" open=\"open\">")
			.contains("<summary>1 field</summary>");
		assertThat(this.mvc.get().uri("/audit?entityId={id}", created).with(console(Role.MANAGER))).hasStatusOk()
			.bodyText()
			.contains("<details class=\"changes\">")
			.contains("<summary>4 fields</summary>")
			.contains("ana@example.org");
	}

	@Test
	void theConsoleAuditPageIsForbiddenWithoutAuditRead() {
		assertThat(this.mvc.get().uri("/audit").with(console(Role.SALES))).hasStatus(403)
			.bodyText()
			.contains("id=\"forbidden\"");
	}

	@Test
	void theConsoleAuditPageIsTranslated() {
		assertThat(this.mvc.get().uri("/audit?lang=ru").with(console(Role.ADMIN))).hasStatusOk()
			.bodyText()
			.contains("Журнал аудита");
	}

	private void record(String action, String entityId, Object before, Object after) {
		this.tx.executeWithoutResult((status) -> this.audit.record(Actor.SYSTEM,
				AuditTrail.Change.of(action, "customer", entityId, action, before, after)));
	}

	/**
	 * The console signs in with a form, so its pages are tested with the role's
	 * authorities.
	 */
	private static org.springframework.test.web.servlet.request.RequestPostProcessor console(Role role) {
		return org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors
			.user(role.name().toLowerCase())
			.authorities(role.permissions()
				.stream()
				.map((p) -> new org.springframework.security.core.authority.SimpleGrantedAuthority(p.authority()))
				.toList());
	}

	private org.springframework.test.web.servlet.request.RequestPostProcessor as(Role role) {
		StaffMember member = this.staff.create(
				role.name().toLowerCase().replace('_', '-') + "-" + UUID.randomUUID().toString().substring(0, 8),
				"Auditor", PASSWORD, java.util.Set.of(role));
		return httpBasic(member.username(), PASSWORD);
	}

}
