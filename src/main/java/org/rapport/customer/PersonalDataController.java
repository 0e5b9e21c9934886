package org.rapport.customer;

import java.util.Map;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Privacy", description = "Export and erasure of a person's data")
class PersonalDataController {

	private final PersonalData personalData;

	PersonalDataController(PersonalData personalData) {
		this.personalData = personalData;
	}

	@GetMapping("/api/v1/customers/{id}/personal-data")
	@PreAuthorize("hasAuthority('customer:export')")
	@Operation(summary = "Everything stored about the person, as a JSON file to hand over")
	ResponseEntity<Map<String, Object>> export(@PathVariable UUID id) {
		return ResponseEntity.ok()
			.contentType(MediaType.APPLICATION_JSON)
			.header(HttpHeaders.CONTENT_DISPOSITION,
					ContentDisposition.attachment().filename("personal-data-" + id + ".json").build().toString())
			.body(this.personalData.export(id));
	}

	@PostMapping("/api/v1/customers/{id}/erasure")
	@PreAuthorize("hasAuthority('customer:erase')")
	@Operation(summary = "Erase the person's personal data",
			description = "Idempotent: erasing an erased customer changes nothing and answers alreadyErased.")
	PersonalData.Erasure erase(@PathVariable UUID id, @Valid @RequestBody ErasureRequest request) {
		return this.personalData.erase(id, request.reason());
	}

	record ErasureRequest(@NotBlank @Size(max = 500) String reason) {
	}

}
