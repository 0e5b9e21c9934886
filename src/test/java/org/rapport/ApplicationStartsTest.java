package org.rapport;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import static org.assertj.core.api.Assertions.assertThat;

@IntegrationTest
class ApplicationStartsTest {

	@Autowired
	MockMvcTester mvc;

	@Test
	void theConsoleAsksAnonymousVisitorsToSignIn() {
		assertThat(this.mvc.get().uri("/")).hasStatus3xxRedirection().redirectedUrl().endsWith("/login");
	}

	@Test
	void theApiAnswersAnonymousCallsWith401AsProblemDetails() {
		assertThat(this.mvc.get().uri("/api/v1/customers")).hasStatus(401)
			.bodyJson()
			.extractingPath("$.type")
			.isEqualTo("https://rapport.dev/problems/unauthenticated");
	}

	@Test
	void theOpenApiSpecDescribesTheApi() {
		assertThat(this.mvc.get().uri("/v3/api-docs")).hasStatusOk().bodyJson().extractingPath("$.openapi").isNotNull();
	}

}
