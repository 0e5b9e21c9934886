package org.rapport.interaction;

import java.util.List;
import java.util.UUID;

import org.rapport.platform.web.ApiException.FieldProblem;

/**
 * What happened to one interaction sent for recording: {@code CREATED} with its new id,
 * {@code DUPLICATE} with the id of the original recorded under the same key (nothing
 * changed), or {@code REJECTED} with one problem per offending field. {@code index} is
 * the item's position in a batch (0 for a single interaction).
 */
public record RecordResult(int index, Status status, UUID id, List<FieldProblem> errors) {

	public enum Status {

		CREATED, DUPLICATE, REJECTED

	}

	public RecordResult {
		errors = errors == null ? List.of() : List.copyOf(errors);
	}

	RecordResult withIndex(int index) {
		return new RecordResult(index, this.status, this.id, this.errors);
	}

	static RecordResult created(int index, UUID id) {
		return new RecordResult(index, Status.CREATED, id, List.of());
	}

	static RecordResult duplicate(int index, UUID original) {
		return new RecordResult(index, Status.DUPLICATE, original, List.of());
	}

	static RecordResult rejected(int index, List<FieldProblem> errors) {
		return new RecordResult(index, Status.REJECTED, null, errors);
	}

}
