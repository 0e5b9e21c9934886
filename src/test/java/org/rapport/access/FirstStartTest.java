package org.rapport.access;

import java.util.EnumSet;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

import org.springframework.boot.DefaultApplicationArguments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

class FirstStartTest {

	StaffDirectory staff = mock(StaffDirectory.class);

	@Test
	void withoutStaffTheAdministratorGetsTheConfiguredPassword() {
		when(this.staff.isEmpty()).thenReturn(true);
		start(false, "configured-secret-42", "");
		verify(this.staff).create("admin", "Administrator", "configured-secret-42", EnumSet.of(Role.ADMIN));
	}

	@Test
	void withoutStaffOrConfiguredPasswordTheAdministratorGetsARandomPasswordEachTime() {
		when(this.staff.isEmpty()).thenReturn(true);
		start(false, "", "");
		start(false, "", "");
		ArgumentCaptor<String> passwords = ArgumentCaptor.forClass(String.class);
		verify(this.staff, times(2)).create(eq("admin"), anyString(), passwords.capture(), eq(EnumSet.of(Role.ADMIN)));
		assertThat(passwords.getAllValues())
			.allSatisfy((pw) -> assertThat(pw).hasSizeGreaterThanOrEqualTo(20).isNotEqualTo(FirstStart.DEMO_PASSWORD));
		assertThat(passwords.getAllValues().get(0)).isNotEqualTo(passwords.getAllValues().get(1));
	}

	@Test
	void outsideDemoModeNoDemoUserIsCreated() {
		when(this.staff.isEmpty()).thenReturn(true);
		start(false, "", "");
		verify(this.staff, never()).create(anyString(), anyString(), eq(FirstStart.DEMO_PASSWORD), any());
		verify(this.staff, times(1)).create(anyString(), anyString(), anyString(), any());
	}

	@Test
	void demoModeCreatesOneDocumentedDemoUserPerRole() {
		when(this.staff.byUsername(anyString())).thenReturn(java.util.Optional.empty());
		when(this.staff.isEmpty()).thenReturn(false);
		start(true, "", "");
		verify(this.staff).create("admin", "Ada Admin", FirstStart.DEMO_PASSWORD, Set.of(Role.ADMIN));
		verify(this.staff).create("manager", "Marta Manager", FirstStart.DEMO_PASSWORD, Set.of(Role.MANAGER));
		verify(this.staff).create("marketer", "Mark Marketer", FirstStart.DEMO_PASSWORD, Set.of(Role.MARKETER));
		verify(this.staff).create("ana", "Ana Sales", FirstStart.DEMO_PASSWORD, Set.of(Role.SALES));
		verify(this.staff).create("agent", "Sam Agent", FirstStart.DEMO_PASSWORD, Set.of(Role.SERVICE_AGENT));
	}

	@Test
	void existingStaffAreLeftAlone() {
		when(this.staff.isEmpty()).thenReturn(false);
		start(false, "configured-secret-42", "");
		verify(this.staff, never()).create(anyString(), anyString(), anyString(), any());
	}

	@Test
	void theCreateAdminCommandSetsUpTheAdministratorItself() {
		when(this.staff.isEmpty()).thenReturn(true);
		start(false, "", "create-admin");
		verify(this.staff, never()).create(anyString(), anyString(), anyString(), any());
	}

	private void start(boolean demo, String initialPassword, String cliCommand) {
		new FirstStart(this.staff, demo, initialPassword, cliCommand).run(new DefaultApplicationArguments());
	}

}
