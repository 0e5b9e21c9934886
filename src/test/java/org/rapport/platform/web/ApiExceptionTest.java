package org.rapport.platform.web;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.rapport.platform.web.ApiException.FieldProblem;

import static org.assertj.core.api.Assertions.assertThat;

class ApiExceptionTest {

	@Test
	void aFormShowsEachFieldsMessagesInTheOrderOfTheProblemsTwoOfOneFieldJoined() {
		ApiException ex = ApiException.invalid(List.of(new FieldProblem("to", "is not a date"),
				new FieldProblem("kind", "is not a kind"), new FieldProblem("to", "must be after from")));

		assertThat(ex.messagesByField()).containsExactly(java.util.Map.entry("to", "is not a date; must be after from"),
				java.util.Map.entry("kind", "is not a kind"));
	}

}
