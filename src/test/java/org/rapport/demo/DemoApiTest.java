package org.rapport.demo;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.rapport.IntegrationTest;
import org.rapport.access.Role;
import org.rapport.access.StaffDirectory;
import org.rapport.access.StaffMember;
import org.rapport.customer.CustomerBulkLoad;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;

@IntegrationTest
class DemoApiTest {

	@Autowired
	MockMvcTester mvc;

	@Autowired
	CustomerBulkLoad bulk;

	@Autowired
	StaffDirectory staff;

	@Test
	void theDocumentedCustomerIsFoundByHerPhoneWithHouseholdCardAndConsents() {
		GenerateCommand.load(this.bulk, GeneratorSettings.of(616_161, 3).withShowcase(),
				new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
		StaffMember agent = this.staff.create("agent-" + UUID.randomUUID().toString().substring(0, 8), "Agent",
				"agent-password-1", EnumSet.of(Role.SERVICE_AGENT));

		var found = assertThat(this.mvc.get()
			.uri("/api/v1/customers/lookup")
			.param("type", "PHONE")
			.param("value", "+34 600 11 12 22")
			.with(httpBasic(agent.username(), "agent-password-1"))).hasStatusOk().bodyJson();

		found.extractingPath("$.displayName").isEqualTo("María José Núñez García");
		found.extractingPath("$.identities[?(@.type == 'CARD')].value").asArray().containsExactly("7000111122223333");
		found.extractingPath("$.household.members.length()").isEqualTo(2);
		found.extractingPath("$.tags").asArray().contains("vip");
		found.extractingPath("$.consents.length()").isEqualTo(3);
	}

}
