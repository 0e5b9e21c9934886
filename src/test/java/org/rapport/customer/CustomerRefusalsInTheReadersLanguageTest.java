package org.rapport.customer;

import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.rapport.IntegrationTest;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;

/**
 * What the customer API refuses is explained in the language its caller asks for with
 * {@code Accept-Language}, in English when it asks for none (ADR 0090); the standard
 * constraint messages are in Malay too.
 */
@IntegrationTest
class CustomerRefusalsInTheReadersLanguageTest {

	@Autowired
	MockMvcTester mvc;

	@Autowired
	JsonMapper json;

	@Test
	void anUnknownCustomerIsReportedInRussianToACallerWhoAsksForRussian() {
		UUID id = UUID.randomUUID();
		assertThat(unknown(id, "ru").at("/detail").asString()).isEqualTo("Клиент " + id + " не существует");
		assertThat(unknown(id, null).at("/detail").asString()).isEqualTo("Customer " + id + " does not exist");
	}

	@Test
	void aRefusedTagIsExplainedInTheCallersLanguageAndInEnglishWithoutOne() {
		String body = "{\"kind\":\"PERSON\",\"givenName\":\"Ana\",\"tags\":[\"no/slash\"]}";
		JsonNode russian = created(body, "ru", 400);
		assertThat(russian.at("/detail").asString()).isEqualTo("В запросе есть недопустимые поля");
		assertThat(russian.at("/errors/0/field").asString()).isEqualTo("tags");
		assertThat(russian.at("/errors/0/message").asString()).isEqualTo(
				"«no/slash» не является меткой: используйте буквы, цифры, «-» или «_», начиная с буквы или цифры");
		assertThat(created(body, null, 400).at("/errors/0/message").asString())
			.isEqualTo("'no/slash' is not a tag: use letters, digits, '-' or '_', starting with a letter or digit");
	}

	@Test
	void aStandardConstraintMessageIsShownInMalayToACallerWhoAsksForMalay() {
		String body = "{\"kind\":\"PERSON\",\"givenName\":\"" + "a".repeat(101) + "\"}";
		assertThat(created(body, "ms", 400).at("/errors/0/message").asString())
			.isEqualTo("saiz mesti antara 0 dan 100");
		assertThat(created(body, "es", 400).at("/errors/0/message").asString())
			.isEqualTo("el tamaño debe estar entre 0 y 100");
		assertThat(created(body, null, 400).at("/errors/0/message").asString())
			.isEqualTo("size must be between 0 and 100");
	}

	private JsonNode unknown(UUID id, String language) {
		var request = this.mvc.get()
			.uri("/api/v1/customers/{id}", id)
			.with(user("translated").authorities(() -> "customer:read"));
		if (language != null) {
			request = request.header("Accept-Language", language);
		}
		return read(request.exchange(), 404);
	}

	private JsonNode created(String body, String language, int status) {
		var request = this.mvc.post()
			.uri("/api/v1/customers")
			.with(user("translated").authorities(() -> "customer:write", () -> "customer:read"))
			.with(csrf())
			.contentType(MediaType.APPLICATION_JSON)
			.content(body);
		if (language != null) {
			request = request.header("Accept-Language", language);
		}
		return read(request.exchange(), status);
	}

	private JsonNode read(MvcTestResult result, int status) {
		assertThat(result).hasStatus(status);
		return this.json.readTree(result.getResponse().getContentAsByteArray());
	}

}
