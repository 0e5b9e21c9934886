package org.rapport.platform.web;

import java.util.Locale;

import org.junit.jupiter.api.Test;
import org.rapport.IntegrationTest;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.MessageSource;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;

/**
 * A refusal is written in the reader's language: the API's problem in the language its
 * caller asks for with {@code Accept-Language}, English otherwise (ADR 0090).
 */
@IntegrationTest
class TranslatedRefusalsTest {

	private static final String FUTURE_BIRTH = "{\"kind\":\"PERSON\",\"givenName\":\"Ana\",\"familyName\":\"Future\","
			+ "\"birthDate\":\"2999-01-01\"}";

	@Autowired
	MockMvcTester mvc;

	@Autowired
	JsonMapper json;

	@Autowired
	MessageSource messages;

	@Test
	void aRefusedFieldIsExplainedInTheLanguageTheCallerAsksFor() {
		JsonNode spanish = refused("es");
		assertThat(spanish.at("/detail").asString()).isEqualTo("La solicitud tiene campos no válidos");
		assertThat(spanish.at("/errors/0/field").asString()).isEqualTo("birthDate");
		assertThat(spanish.at("/errors/0/message").asString()).isEqualTo("no puede estar en el futuro");
		assertThat(refused("ru").at("/errors/0/message").asString()).isEqualTo("не может быть в будущем");
		assertThat(refused("ms").at("/errors/0/message").asString()).isEqualTo("tidak boleh pada masa hadapan");
	}

	@Test
	void aCallerWhoAsksForNoLanguageOrAnotherOneReadsEnglish() {
		for (String language : new String[] { null, "de" }) {
			JsonNode english = refused(language);
			assertThat(english.at("/detail").asString()).isEqualTo("The request has invalid fields");
			assertThat(english.at("/errors/0/message").asString()).isEqualTo("must not be in the future");
		}
	}

	@Test
	void aTextWithValuesIsFormattedInTheReadersLanguage() {
		Text text = Text.of("problem.invalid-input", "The request has invalid fields");
		assertThat(text.in(this.messages, Locale.forLanguageTag("ru"))).isEqualTo("В запросе есть недопустимые поля");
		assertThat(text.in(this.messages, Locale.ENGLISH)).isEqualTo("The request has invalid fields");
	}

	private JsonNode refused(String language) {
		var request = this.mvc.post()
			.uri("/api/v1/customers")
			.with(user("translated").authorities(() -> "customer:write", () -> "customer:read"))
			.with(csrf())
			.contentType(MediaType.APPLICATION_JSON)
			.content(FUTURE_BIRTH);
		if (language != null) {
			request = request.header("Accept-Language", language);
		}
		var result = request.exchange();
		assertThat(result).hasStatus(400);
		return this.json.readTree(result.getResponse().getContentAsByteArray());
	}

}
