package org.rapport.customer;

import java.util.Map;
import java.util.regex.Pattern;

import org.rapport.platform.web.ApiException;
import org.rapport.platform.web.Text;

/**
 * Custom attributes are a flat-or-nested JSON object per customer; keys are identifiers
 * such as {@code shoeSize} or {@code crm.legacy_id}. A null value removes a key.
 */
final class Attributes {

	static final int MAX_KEYS = 100;

	static final int MAX_JSON_LENGTH = 16_384;

	private static final Pattern KEY = Pattern.compile("[A-Za-z][A-Za-z0-9_.-]{0,63}");

	private Attributes() {
	}

	static String checkKey(String key) {
		if (key == null || !KEY.matcher(key).matches()) {
			throw ApiException.invalid("attributes", Text.of("customer.attributes.key",
					"''{0}'' is not an attribute key: start with a letter, then letters, digits, ''_'', ''.'' or ''-''"
							+ " (at most 64)",
					String.valueOf(key)));
		}
		return key;
	}

	static void checkKeys(Map<String, ?> attributes) {
		if (attributes.size() > MAX_KEYS) {
			throw ApiException.invalid("attributes",
					Text.of("customer.attributes.count", "at most {0} attributes", String.valueOf(MAX_KEYS)));
		}
		attributes.keySet().forEach(Attributes::checkKey);
	}

	static void checkSize(String json) {
		if (json.length() > MAX_JSON_LENGTH) {
			throw ApiException.invalid("attributes", Text.of("customer.attributes.size",
					"the attributes take at most {0} characters", String.valueOf(MAX_JSON_LENGTH)));
		}
	}

}
