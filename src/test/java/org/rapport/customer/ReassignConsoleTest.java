package org.rapport.customer;

import java.util.Set;
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

/** The manager's "move customers" screen. */
@IntegrationTest
class ReassignConsoleTest {

	@Autowired
	MockMvcTester mvc;

	@Autowired
	Customers customers;

	@Autowired
	StaffDirectory staff;

	@Autowired
	UserDetailsService users;

	ConsoleTestData data;

	StaffMember ana;

	StaffMember luis;

	@BeforeEach
	void setUp() {
		this.data = new ConsoleTestData(this.customers, this.staff);
		this.ana = member("Ana");
		this.luis = member("Luis");
	}

	RequestPostProcessor as(Role role) {
		return user(this.users.loadUserByUsername(this.data.staffWith(role)));
	}

	@Test
	void aManagerSeesHowManyCustomersWillMoveAndMovesThem() {
		UUID first = assignedTo(this.ana);
		UUID second = assignedTo(this.ana);
		assertThat(this.mvc.get()
			.uri("/customers/move")
			.param("from", this.ana.id().toString())
			.param("to", this.luis.id().toString())
			.with(as(Role.MANAGER))).hasStatusOk()
			.bodyText()
			.contains("2 customers of " + this.ana.displayName() + " will move to " + this.luis.displayName())
			.contains("id=\"confirm-move\"");

		assertThat(move(this.ana, this.luis, Role.MANAGER)).hasStatus3xxRedirection()
			.hasRedirectedUrl("/customers/move")
			.flash()
			.containsEntry("moved", 2);
		assertThat(this.customers.get(first).assignedStaff().id()).isEqualTo(this.luis.id());
		assertThat(this.customers.get(second).assignedStaff().id()).isEqualTo(this.luis.id());
	}

	@Test
	void someoneWhoLeftCanHandOverButNotTakeOver() throws Exception {
		UUID customer = assignedTo(this.ana);
		this.staff.deactivate(this.ana.id());
		String page = this.mvc.get()
			.uri("/customers/move")
			.with(as(Role.MANAGER))
			.exchange()
			.getResponse()
			.getContentAsString(java.nio.charset.StandardCharsets.UTF_8);
		assertThat(page.split("value=\"" + this.ana.id() + "\"", -1)).as("offered only as the one handing over")
			.hasSize(2);
		assertThat(page.split("value=\"" + this.luis.id() + "\"", -1)).hasSize(3);

		assertThat(move(this.luis, this.ana, Role.MANAGER)).hasStatus3xxRedirection()
			.flash()
			.containsEntry("refused", true);
		assertThat(move(this.ana, this.luis, Role.MANAGER)).flash().containsEntry("moved", 1);
		assertThat(this.customers.get(customer).assignedStaff().id()).isEqualTo(this.luis.id());
	}

	@Test
	void onlyStaffWhoMayReassignSeeAndUseTheScreen() {
		UUID customer = assignedTo(this.ana);
		assertThat(this.mvc.get().uri("/customers").with(as(Role.MANAGER))).bodyText().contains("id=\"nav-move\"");
		assertThat(this.mvc.get().uri("/customers").with(as(Role.SALES))).bodyText().doesNotContain("id=\"nav-move\"");
		assertThat(this.mvc.get().uri("/customers/move").with(as(Role.SALES))).hasStatus(403);
		assertThat(move(this.ana, this.luis, Role.SALES)).hasStatus(403);
		assertThat(this.mvc.post()
			.uri("/customers/move")
			.param("from", this.ana.id().toString())
			.param("to", this.luis.id().toString())
			.with(as(Role.MANAGER))).hasStatus(403);
		assertThat(this.customers.get(customer).assignedStaff().id()).isEqualTo(this.ana.id());
	}

	private MockMvcTester.MockMvcRequestBuilder move(StaffMember from, StaffMember to, Role role) {
		return this.mvc.post()
			.uri("/customers/move")
			.param("from", from.id().toString())
			.param("to", to.id().toString())
			.with(as(role))
			.with(csrf());
	}

	private StaffMember member(String name) {
		String suffix = ConsoleTestData.suffix();
		return this.staff.create(name.toLowerCase() + "-" + suffix, name + " " + suffix, ConsoleTestData.PASSWORD,
				Set.of(Role.SALES));
	}

	private UUID assignedTo(StaffMember member) {
		CustomerView customer = this.data.person("Moved", "Customer" + ConsoleTestData.suffix(),
				ConsoleTestData.freshPhone());
		this.customers.assign(customer.id(), member.id());
		return customer.id();
	}

}
