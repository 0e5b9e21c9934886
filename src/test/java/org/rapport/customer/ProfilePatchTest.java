package org.rapport.customer;

import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.rapport.platform.web.ApiException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ProfilePatchTest {

	static final CustomerView ANA = new CustomerView(UUID.randomUUID(), CustomerKind.PERSON, CustomerStatus.ACTIVE,
			"Ana López", "Ana", "López", null, LocalDate.of(1985, 4, 1), "es", LifecycleStage.PROSPECT, null, null,
			List.of(), Map.of(), List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), 3, Instant.now(),
			Instant.now());

	@Test
	void absentFieldsStayPresentOnesChangeAndNullClears() {
		Map<String, Object> patch = new HashMap<>();
		patch.put("familyName", "López Ruiz");
		patch.put("birthDate", null);
		Profile profile = ProfilePatch.apply(ANA, patch);
		assertThat(profile).isEqualTo(new Profile("Ana", "López Ruiz", null, null, "es"));
	}

	@Test
	void fieldsOutsideTheProfileAndBadDatesAreFieldErrors() {
		assertThatThrownBy(() -> ProfilePatch.apply(ANA, Map.of("tags", "vip", "birthDate", "31/05/1990")))
			.isInstanceOfSatisfying(ApiException.class,
					(ex) -> assertThat(ex.fieldProblems()).extracting(ApiException.FieldProblem::field)
						.containsExactlyInAnyOrder("tags", "birthDate"));
	}

}
