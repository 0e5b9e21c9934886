package org.rapport.customer;

import java.util.Map;
import java.util.UUID;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.ResponseBody;

/**
 * The console's "export personal data" link: the same document as the API's, downloaded
 * with the staff member's session.
 */
@Controller
class PersonalDataConsoleController {

	private final PersonalData personalData;

	PersonalDataConsoleController(PersonalData personalData) {
		this.personalData = personalData;
	}

	@GetMapping("/customers/{id}/export")
	@PreAuthorize("hasAuthority('customer:export')")
	@ResponseBody
	ResponseEntity<Map<String, Object>> export(@PathVariable UUID id) {
		return ResponseEntity.ok()
			.contentType(MediaType.APPLICATION_JSON)
			.header(HttpHeaders.CONTENT_DISPOSITION,
					ContentDisposition.attachment().filename("personal-data-" + id + ".json").build().toString())
			.body(this.personalData.export(id));
	}

}
