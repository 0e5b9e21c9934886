package org.rapport.customer;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.rapport.platform.web.ApiException;
import org.rapport.platform.web.Text;
import org.rapport.platform.web.ApiException.FieldProblem;

/**
 * JSON merge patch (RFC 7396) of the profile: a field present sets it, present as null
 * clears it, absent keeps it. Other parts of a customer have their own operations.
 */
final class ProfilePatch {

	static final Set<String> FIELDS = Set.of("givenName", "familyName", "companyName", "birthDate",
			"preferredLanguage");

	private ProfilePatch() {
	}

	static Profile apply(CustomerView current, Map<String, Object> patch) {
		List<FieldProblem> problems = new ArrayList<>();
		for (Map.Entry<String, Object> entry : patch.entrySet()) {
			if (!FIELDS.contains(entry.getKey())) {
				problems.add(FieldProblem.of(entry.getKey(),
						Text.of("customer.patch.field", "cannot be changed here; patch only {0}", FIELDS.toString())));
			}
			else if (entry.getValue() != null && !(entry.getValue() instanceof String)) {
				problems
					.add(FieldProblem.of(entry.getKey(), Text.of("customer.patch.string", "must be a string or null")));
			}
		}
		LocalDate birthDate = current.birthDate();
		if (patch.containsKey("birthDate")) {
			try {
				birthDate = patch.get("birthDate") instanceof String text ? LocalDate.parse(text) : null;
			}
			catch (DateTimeParseException ex) {
				problems.add(FieldProblem.of("birthDate",
						Text.of("customer.patch.birth-date", "must be a date like 1990-05-31")));
			}
		}
		if (!problems.isEmpty()) {
			throw ApiException.invalid(problems);
		}
		return new Profile(value(patch, "givenName", current.givenName()),
				value(patch, "familyName", current.familyName()), value(patch, "companyName", current.companyName()),
				birthDate, value(patch, "preferredLanguage", current.preferredLanguage()));
	}

	private static String value(Map<String, Object> patch, String field, String current) {
		return patch.containsKey(field) ? (String) patch.get(field) : current;
	}

}
