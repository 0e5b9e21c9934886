package org.rapport.interaction;

import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.rapport.IntegrationTest;
import org.rapport.access.Role;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;

/** The import page says what a CSV file holds and offers a sample to start from. */
@IntegrationTest
class ImportPageTest {

	@Autowired
	MockMvcTester mvc;

	@Test
	void thePageListsTheColumnsTheReaderKnowsAndLinksTheSample() {
		String columns = String.join(", ",
				Arrays.stream(CsvInteractionReader.Column.values()).map(CsvInteractionReader.Column::header).toList());

		assertThat(this.mvc.get().uri("/imports").with(as(Role.MANAGER))).hasStatusOk()
			.bodyText()
			.contains("<code id=\"import-columns\">" + columns + "</code>")
			.contains("href=\"/imports/sample.csv\"");
	}

	@Test
	void theSampleIsACsvAttachmentWhoseHeaderNamesOnlyKnownColumns() {
		var sample = this.mvc.get().uri("/imports/sample.csv").with(as(Role.MANAGER)).exchange();

		assertThat(sample).hasStatusOk();
		assertThat(sample.getResponse().getContentType()).startsWith("text/csv");
		assertThat(sample.getResponse().getHeader("Content-Disposition")).contains("rapport-import-sample.csv");
		String header = ImportConsoleController.SAMPLE_CSV.lines().findFirst().orElseThrow();
		assertThat(header.split(",")).allSatisfy((column) -> assertThat(
				Arrays.stream(CsvInteractionReader.Column.values()).map(CsvInteractionReader.Column::header))
			.contains(column));
	}

	@Test
	void anEmptyFileIsRefusedOnTheFormWhichKeepsWhatWasChosen() {
		assertThat(this.mvc.perform(MockMvcRequestBuilders.multipart("/imports")
			.file(new MockMultipartFile("file", "empty.csv", "text/csv", new byte[0]))
			.param("format", "JSONL")
			.param("source", "till-7")
			.param("unknownIdentities", "REJECT")
			.with(as(Role.MANAGER))
			.with(csrf()))).hasStatus(422)
			.bodyText()
			.contains("id=\"import-error-file\"")
			.contains("not empty")
			.contains("value=\"till-7\"")
			.containsPattern("<option value=\"JSONL\" selected")
			.containsPattern("<option value=\"REJECT\"\\s+selected");
	}

	@Test
	void withoutTheImportPermissionNeitherThePageNorTheSampleOpens() {
		assertThat(this.mvc.get().uri("/imports").with(as(Role.MARKETER))).hasStatus(403);
		assertThat(this.mvc.get().uri("/imports/sample.csv").with(as(Role.MARKETER))).hasStatus(403);
	}

	private static RequestPostProcessor as(Role role) {
		return user(role.name().toLowerCase())
			.authorities(role.permissions().stream().map((p) -> new SimpleGrantedAuthority(p.authority())).toList());
	}

}
