package org.rapport.platform.web;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ApiProblemsTest {

	@Test
	void aReadersMessageNamesTypesByTheirSimpleNameAndDropsTheMappersAdvice() {
		assertThat(ApiProblems.readable("Cannot deserialize value of type `org.rapport.customer.LifecycleStage` from "
				+ "String \"X\": not one of the values accepted for Enum class: [PROSPECT, LOST]"))
			.isEqualTo("Cannot deserialize value of type `LifecycleStage` from String \"X\": not one of the values "
					+ "accepted for Enum class: [PROSPECT, LOST]");
		assertThat(ApiProblems
			.readable("Cannot construct instance of `org.rapport.customer.CustomerNotesApi$NoteRequest`"))
			.isEqualTo("Cannot construct instance of `NoteRequest`");
		assertThat(ApiProblems.readable("Cannot map `null` into type `boolean` (set DeserializationConfig."
				+ "DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES to 'false' to allow)"))
			.isEqualTo("Cannot map `null` into type `boolean`");
		assertThat(ApiProblems.readable("Unexpected character ('}' (code 125)): was expecting double-quote"))
			.isEqualTo("Unexpected character ('}' (code 125)): was expecting double-quote");
	}

}
