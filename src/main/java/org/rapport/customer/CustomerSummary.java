package org.rapport.customer;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A customer as one line of a list or search result. */
public record CustomerSummary(UUID id, CustomerKind kind, String displayName, LifecycleStage lifecycleStage,
		CustomerView.StaffRef assignedStaff, List<String> tags, String email, String phone, long version,
		Instant createdAt, Instant updatedAt) {
}
