package org.rapport.interaction;

import java.util.List;

import org.rapport.platform.web.ApiException.FieldProblem;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Component;

/**
 * Reads one interaction of a request body on its own, so that a malformed date or a
 * number written as text rejects that item with the field it concerns instead of the
 * whole batch.
 */
@Component
class InteractionJson {

	private final JsonMapper json;

	InteractionJson(JsonMapper json) {
		this.json = json;
	}

	/** The interaction, or the problem that kept it from being read. */
	record Read(NewInteraction interaction, FieldProblem problem) {
	}

	Read read(JsonNode node) {
		if (node == null || !node.isObject()) {
			return new Read(null, new FieldProblem("", "must be a JSON object"));
		}
		try {
			return new Read(this.json.treeToValue(node, NewInteraction.class), null);
		}
		catch (JacksonException ex) {
			return new Read(null, new FieldProblem(path(ex.getPath()), message(ex)));
		}
	}

	private static String path(List<JacksonException.Reference> path) {
		StringBuilder field = new StringBuilder();
		for (JacksonException.Reference ref : path) {
			if (ref.getPropertyName() != null) {
				if (!field.isEmpty()) {
					field.append('.');
				}
				field.append(ref.getPropertyName());
			}
			else if (ref.getIndex() >= 0) {
				field.append('[').append(ref.getIndex()).append(']');
			}
		}
		return field.toString();
	}

	private static String message(JacksonException ex) {
		String original = ex.getOriginalMessage() == null ? "" : ex.getOriginalMessage();
		if (original.contains("Instant")) {
			return "is not a date-time such as 2024-05-01T10:15:30Z";
		}
		if (original.contains("BigDecimal") || original.contains("Integer") || original.contains("int")) {
			return "is not a number";
		}
		if (original.contains("UUID")) {
			return "is not a UUID";
		}
		if (original.contains("not one of the values accepted")) {
			return "is not one of the accepted values";
		}
		return "cannot be read: " + original.lines().findFirst().orElse("malformed");
	}

}
