package org.rapport.audit;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

class AuditDiffTest {

	JsonMapper json = JsonMapper.builder().build();

	@Test
	void onlyChangedFieldsAreShown() {
		assertThat(AuditDiff.of(tree("{\"name\":\"Ana\",\"roles\":[\"SALES\"],\"active\":true}"),
				tree("{\"name\":\"Ana\",\"roles\":[\"MANAGER\",\"SALES\"],\"active\":true}")))
			.containsExactly(new AuditDiff.FieldChange("roles", "SALES", "MANAGER, SALES"));
	}

	@Test
	void aCreationShowsEveryFieldOfTheNewState() {
		assertThat(AuditDiff.of(null, tree("{\"name\":\"Ana\",\"active\":true}"))).containsExactly(
				new AuditDiff.FieldChange("name", null, "Ana"), new AuditDiff.FieldChange("active", null, "true"));
	}

	@Test
	void aRemovedFieldShowsItsOldValue() {
		assertThat(AuditDiff.of(tree("{\"email\":\"a@x.org\",\"address\":{\"city\":\"Ipoh\"}}"), tree("{}")))
			.containsExactly(new AuditDiff.FieldChange("email", "a@x.org", null),
					new AuditDiff.FieldChange("address", "{\"city\":\"Ipoh\"}", null));
	}

	@Test
	void noSnapshotsMeanNoChangedFields() {
		assertThat(AuditDiff.of(null, null)).isEmpty();
	}

	private JsonNode tree(String text) {
		return this.json.readTree(text);
	}

}
