package org.rapport.platform.web;

import org.junit.jupiter.api.Test;
import org.rapport.IntegrationTest;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;

@IntegrationTest
class RequestLimitsTest {

	@Autowired
	MockMvcTester mvc;

	@Test
	void anApiBodyAboveOneMegabyteIsRefusedWith413BeforeItIsRead() {
		byte[] body = new byte[1024 * 1024 + 1];
		assertThat(this.mvc.post()
			.uri("/api/v1/customers")
			.with(user("someone").authorities(() -> "customer:write"))
			.contentType(MediaType.APPLICATION_JSON)
			.content(body)).hasStatus(413).bodyJson().extractingPath("$.type").asString().endsWith("/too-large");
	}

	@Test
	void anUnknownApiPathIsAProblemDocument() {
		assertThat(this.mvc.get().uri("/api/v1/no-such-thing").with(user("someone"))).hasStatus(404)
			.bodyJson()
			.extractingPath("$.status")
			.isEqualTo(404);
	}

}
