package org.rapport.customer;

import java.net.URI;
import java.util.Map;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Staff notes on customers and which staff member looks after whom. */
@RestController
@RequestMapping(CustomerApi.BASE)
@Tag(name = "Notes and assignment")
class CustomerNotesApi {

	private final Customers customers;

	CustomerNotesApi(Customers customers) {
		this.customers = customers;
	}

	record NoteRequest(@NotBlank @Size(max = CustomerNotes.MAX_BODY) String body) {
	}

	record AssigneeRequest(UUID staffId) {
	}

	record ReassignRequest(@NotNull UUID fromStaffId, @NotNull UUID toStaffId) {
	}

	@GetMapping("/{id}/notes")
	@PreAuthorize("hasAuthority('customer:read')")
	@Operation(summary = "The customer's notes, newest first")
	Page<NoteView> notes(@PathVariable UUID id, @RequestParam(defaultValue = "0") int page,
			@RequestParam(defaultValue = "" + Paging.DEFAULT_SIZE) int size) {
		return this.customers.notes(id, new Paging(page, size));
	}

	@PostMapping("/{id}/notes")
	@PreAuthorize("hasAuthority('note:write')")
	@Operation(summary = "Add a note as the signed-in staff member")
	ResponseEntity<NoteView> addNote(@PathVariable UUID id, @Valid @RequestBody NoteRequest request) {
		NoteView note = this.customers.addNote(id, request.body());
		return ResponseEntity.created(URI.create(CustomerApi.BASE + "/" + id + "/notes/" + note.id())).body(note);
	}

	@PutMapping("/{id}/assignee")
	@PreAuthorize("hasAuthority('customer:write')")
	@Operation(summary = "Assign the customer to an active staff member (staffId null: nobody)")
	CustomerView assign(@PathVariable UUID id, @RequestBody AssigneeRequest request) {
		this.customers.assign(id, request.staffId());
		return this.customers.get(id);
	}

	@PostMapping("/reassignments")
	@PreAuthorize("hasAuthority('customer:reassign')")
	@Operation(summary = "Move all customers of one staff member to another")
	Map<String, Integer> reassign(@Valid @RequestBody ReassignRequest request) {
		return Map.of("moved", this.customers.reassignAll(request.fromStaffId(), request.toStaffId()));
	}

}
