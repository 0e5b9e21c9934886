package org.rapport.demo;

import java.util.Comparator;
import java.util.List;

import org.rapport.access.Role;
import org.rapport.access.StaffDirectory;
import org.rapport.access.StaffMember;

/**
 * The sales staff generated customers are assigned to (in the demo: Ana and Luis), so
 * that moving all of one person's customers to another can be shown.
 */
final class DemoStaff {

	private DemoStaff() {
	}

	static List<GeneratorSettings.Staff> sales(StaffDirectory directory) {
		return directory.all()
			.stream()
			.filter((s) -> s.active() && s.roles().contains(Role.SALES))
			.sorted(Comparator.comparing(StaffMember::username))
			.map((s) -> new GeneratorSettings.Staff(s.id(), s.displayName()))
			.toList();
	}

}
