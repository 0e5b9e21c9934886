package org.rapport.audit;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import tools.jackson.databind.JsonNode;

/**
 * The fields that differ between the before and after snapshots of an audit event, for
 * people to read: a creation lists every field of the new state, a deletion every field
 * of the old one. Nested values are shown as compact JSON.
 */
final class AuditDiff {

	private AuditDiff() {
	}

	record FieldChange(String field, String before, String after) {
	}

	static List<FieldChange> of(JsonNode before, JsonNode after) {
		if (!isObject(before) && !isObject(after)) {
			String b = display(before);
			String a = display(after);
			return Objects.equals(b, a) ? List.of() : List.of(new FieldChange("", b, a));
		}
		Set<String> fields = new LinkedHashSet<>();
		if (isObject(before)) {
			fields.addAll(before.propertyNames());
		}
		if (isObject(after)) {
			fields.addAll(after.propertyNames());
		}
		List<FieldChange> changes = new ArrayList<>();
		for (String field : fields) {
			JsonNode b = isObject(before) ? before.get(field) : null;
			JsonNode a = isObject(after) ? after.get(field) : null;
			if (!Objects.equals(b, a)) {
				changes.add(new FieldChange(field, display(b), display(a)));
			}
		}
		return changes;
	}

	private static boolean isObject(JsonNode node) {
		return node != null && node.isObject();
	}

	static String display(JsonNode node) {
		if (node == null || node.isNull() || node.isMissingNode()) {
			return null;
		}
		if (node.isString()) {
			return node.asString();
		}
		if (node.isArray() && node.values().stream().allMatch(JsonNode::isValueNode)) {
			return String.join(", ", node.values().stream().map(JsonNode::asString).toList());
		}
		return node.toString();
	}

}
