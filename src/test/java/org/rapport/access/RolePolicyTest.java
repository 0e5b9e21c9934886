package org.rapport.access;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The role policy as a table: one row per permission, one column per role. A new
 * permission must get a row here, so nobody gains or loses it by accident.
 */
class RolePolicyTest {

	static final String POLICY = """
			permission        | ADMIN | MANAGER | MARKETER | SALES | SERVICE_AGENT
			customer:read     | yes   | yes     | yes      | yes   | yes
			customer:write    | yes   | yes     | no       | yes   | yes
			note:write        | yes   | yes     | no       | yes   | yes
			customer:merge    | yes   | yes     | no       | no    | no
			customer:reassign | yes   | yes     | no       | no    | no
			customer:export   | yes   | yes     | no       | no    | no
			customer:erase    | yes   | no      | no       | no    | no
			audit:read        | yes   | yes     | no       | no    | no
			staff:read        | yes   | yes     | yes      | yes   | yes
			staff:admin       | yes   | no      | no       | no    | no
			api-client:admin  | yes   | no      | no       | no    | no
			interaction:read  | yes   | yes     | yes      | yes   | yes
			interaction:write | yes   | yes     | no       | yes   | yes
			interaction:export | yes  | yes     | no       | no    | no
			product:admin     | yes   | yes     | no       | no    | no
			import:run        | yes   | yes     | no       | no    | no
			loyalty:read      | yes   | yes     | yes      | yes   | yes
			loyalty:write     | yes   | yes     | no       | yes   | yes
			loyalty:adjust    | yes   | yes     | no       | no    | no
			loyalty:admin     | yes   | no      | no       | no    | no
			analytics:read    | yes   | yes     | yes      | no    | no
			analytics:customer-read | yes | yes | yes      | yes   | yes
			analytics:run     | yes   | yes     | no       | no    | no
			loyalty:partner   | yes   | no      | no       | no    | no
			""";

	@ParameterizedTest
	@CsvSource(delimiter = '|', useHeadersInDisplayName = true, textBlock = POLICY)
	void eachRoleHasExactlyThePermissionsOfTheTable(String authority, String admin, String manager, String marketer,
			String sales, String agent) {
		Permission permission = Permission.ofAuthority(authority);
		assertThat(Role.ADMIN.allows(permission)).isEqualTo(admin.equals("yes"));
		assertThat(Role.MANAGER.allows(permission)).isEqualTo(manager.equals("yes"));
		assertThat(Role.MARKETER.allows(permission)).isEqualTo(marketer.equals("yes"));
		assertThat(Role.SALES.allows(permission)).isEqualTo(sales.equals("yes"));
		assertThat(Role.SERVICE_AGENT.allows(permission)).isEqualTo(agent.equals("yes"));
	}

	@Test
	void everyPermissionHasARowInThePolicyTable() {
		Set<String> rows = POLICY.lines()
			.skip(1)
			.map((line) -> line.split("\\|")[0].trim())
			.collect(Collectors.toSet());
		assertThat(rows).containsExactlyInAnyOrderElementsOf(
				Arrays.stream(Permission.values()).map(Permission::authority).toList());
	}

	@Test
	void theTableHasAColumnForEveryRole() {
		String header = POLICY.lines().findFirst().orElseThrow();
		assertThat(Arrays.stream(header.split("\\|")).skip(1).map(String::trim))
			.containsExactly(Arrays.stream(Role.values()).map(Role::name).toArray(String[]::new));
	}

	@Test
	void onlyAdministratorsManageStaffAndApiClients() {
		assertThat(EnumSet.allOf(Role.class).stream().filter((r) -> r.allows(Permission.STAFF_ADMIN)))
			.containsExactly(Role.ADMIN);
		assertThat(EnumSet.allOf(Role.class).stream().filter((r) -> r.allows(Permission.API_CLIENT_ADMIN)))
			.containsExactly(Role.ADMIN);
	}

	@Test
	void apiScopesNeverGrantStaffApiClientOrAuditPermissions() {
		for (Scope scope : Scope.values()) {
			assertThat(scope.permissions()).doesNotContain(Permission.STAFF_ADMIN, Permission.STAFF_READ,
					Permission.API_CLIENT_ADMIN, Permission.AUDIT_READ, Permission.CUSTOMER_ERASE);
		}
	}

	@Test
	void aStaffPrincipalCarriesItsRolesAndTheirPermissionsAsAuthorities() {
		assertThat(RapportPrincipal.authoritiesOf(EnumSet.of(Role.MARKETER))).extracting(Object::toString)
			.containsExactlyInAnyOrder("ROLE_MARKETER", "customer:read", "staff:read", "interaction:read",
					"loyalty:read", "analytics:read", "analytics:customer-read");
	}

}
