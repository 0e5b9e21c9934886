package org.rapport.customer;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import org.rapport.access.StaffDirectory;
import org.rapport.access.StaffMember;
import org.rapport.audit.AuditTrail;
import org.rapport.audit.AuditTrail.Change;
import org.rapport.platform.web.ApiException;
import org.rapport.platform.web.Text;

import org.springframework.stereotype.Component;

/**
 * Which staff member looks after a customer, and moving a whole portfolio at once when
 * someone leaves or changes territory.
 */
@Component
class Assignments {

	private final CustomerRepository customers;

	private final StaffDirectory staff;

	private final AuditTrail audit;

	private final Clock clock;

	Assignments(CustomerRepository customers, StaffDirectory staff, AuditTrail audit, Clock clock) {
		this.customers = customers;
		this.staff = staff;
		this.audit = audit;
		this.clock = clock;
	}

	StaffMember requireActiveStaff(UUID staffId, String field) {
		StaffMember member = this.staff.byId(staffId)
			.orElseThrow(() -> ApiException.invalid(field,
					Text.of("customer.staff.unknown", "no staff member {0}", staffId)));
		if (!member.active()) {
			throw ApiException.invalid(field, Text.of("customer.staff.left",
					"{0} has left and cannot be assigned customers", member.displayName()));
		}
		return member;
	}

	/**
	 * Assigns a customer to a staff member, or to nobody when {@code staffId} is null.
	 */
	void assign(UUID customerId, UUID staffId) {
		String name = staffId == null ? "nobody" : requireActiveStaff(staffId, "staffId").displayName();
		this.customers.touch(customerId, this.clock.instant());
		UUID before = this.customers.assignee(customerId).orElse(null);
		this.customers.assign(customerId, staffId);
		this.audit.record(Change.of("customer.assigned", "customer", customerId,
				(staffId == null) ? Text.of("customer.audit.unassigned", "Assigned to nobody")
						: Text.of("customer.audit.assigned", "Assigned to {0}", name),
				staffMap(before), staffMap(staffId)));
	}

	int reassignAll(UUID fromStaffId, UUID toStaffId) {
		StaffMember from = this.staff.byId(fromStaffId)
			.orElseThrow(() -> ApiException.invalid("fromStaffId",
					Text.of("customer.staff.unknown", "no staff member {0}", fromStaffId)));
		StaffMember to = requireActiveStaff(toStaffId, "toStaffId");
		if (from.id().equals(to.id())) {
			throw ApiException.invalid("toStaffId",
					Text.of("customer.staff.same", "choose a different staff member than the current one"));
		}
		int moved = this.customers.reassignAll(fromStaffId, toStaffId, this.clock.instant());
		Map<String, Object> after = new LinkedHashMap<>();
		after.put("assignedStaffId", toStaffId);
		after.put("moved", moved);
		this.audit.record(
				Change.of("customer.reassigned", "customer", "staff:" + fromStaffId,
						Text.of("customer.audit.reassigned", "Moved {0} customers from {1} to {2}",
								String.valueOf(moved), from.displayName(), to.displayName()),
						staffMap(fromStaffId), after));
		return moved;
	}

	private static Map<String, Object> staffMap(UUID staffId) {
		Map<String, Object> map = new LinkedHashMap<>();
		map.put("assignedStaffId", staffId);
		return map;
	}

}
