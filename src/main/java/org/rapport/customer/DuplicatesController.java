package org.rapport.customer;

import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;

import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Duplicates", description = "Suggested duplicate customers, their review and merge")
class DuplicatesController {

	private final CustomerDuplicates duplicates;

	private final CustomerMerger merger;

	DuplicatesController(CustomerDuplicates duplicates, CustomerMerger merger) {
		this.duplicates = duplicates;
		this.merger = merger;
	}

	@GetMapping("/api/v1/duplicates")
	@PreAuthorize("hasAuthority('customer:read')")
	@Operation(summary = "Open duplicate suggestions, strongest first, with both customers side by side")
	DuplicateSuggestion.Page open(@RequestParam(defaultValue = "0") int page,
			@RequestParam(defaultValue = "20") int size,
			@Parameter(description = "only the suggestions that involve this customer") @RequestParam(
					required = false) UUID customer) {
		return this.duplicates.openSuggestions(customer, page, size);
	}

	@PostMapping("/api/v1/duplicates/detection")
	@PreAuthorize("hasAuthority('customer:merge')")
	@Operation(summary = "Run duplicate detection over all active customers now",
			description = "Answers the number of new suggestions per reason. It also runs every night.")
	DuplicateSuggestion.DetectionRun detect() {
		return this.duplicates.detect();
	}

	@PostMapping("/api/v1/duplicates/{a}/{b}/dismissal")
	@PreAuthorize("hasAuthority('customer:merge')")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	@Operation(summary = "Dismiss a suggestion: the two customers are different people",
			description = "The pair is never suggested again. The ids may come in either order.")
	void dismiss(@PathVariable UUID a, @PathVariable UUID b) {
		this.duplicates.dismiss(a, b);
	}

	@PostMapping("/api/v1/customers/{survivorId}/merge")
	@PreAuthorize("hasAuthority('customer:merge')")
	@Operation(summary = "Merge another customer into this one",
			description = "Everything of mergedId moves to the survivor; mergedId stays as a redirect. "
					+ "Send the versions you reviewed to refuse the merge (412) when either changed since.")
	CustomerMerger.Merge merge(@PathVariable UUID survivorId, @Valid @RequestBody MergeRequest request) {
		return this.merger.merge(survivorId, request.mergedId(), request.survivorVersion(), request.mergedVersion());
	}

	record MergeRequest(@NotNull UUID mergedId, Integer survivorVersion, Integer mergedVersion) {
	}

}
