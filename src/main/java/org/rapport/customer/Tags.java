package org.rapport.customer;

import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import java.util.regex.Pattern;

import org.rapport.platform.web.ApiException;
import org.rapport.platform.web.Text;

/**
 * Tags are short lower-case labels: letters (any script), digits, '-' and '_', spaces
 * turned into '-', at most {@value #MAX_LENGTH} characters. "VIP" and " vip " are the
 * same tag; "Cliente Oro" becomes "cliente-oro".
 */
final class Tags {

	static final int MAX_LENGTH = 40;

	static final int MAX_PER_CUSTOMER = 50;

	private static final Pattern VALID = Pattern.compile("[\\p{L}\\p{N}][\\p{L}\\p{N}_-]*");

	private Tags() {
	}

	/**
	 * @throws ApiException for a tag that cannot be normalised into a valid one
	 */
	static String normalise(String raw) {
		if (raw == null || raw.isBlank()) {
			throw ApiException.invalid("tags", Text.of("customer.tag.blank", "a tag must not be blank"));
		}
		String tag = raw.strip().toLowerCase(Locale.ROOT).replaceAll("\\s+", "-");
		if (tag.length() > MAX_LENGTH) {
			throw ApiException.invalid("tags",
					Text.of("customer.tag.too-long", "a tag has at most {0} characters", String.valueOf(MAX_LENGTH)));
		}
		if (!VALID.matcher(tag).matches()) {
			throw ApiException.invalid("tags", Text.of("customer.tag.format",
					"''{0}'' is not a tag: use letters, digits, ''-'' or ''_'', starting with a letter or digit",
					raw.strip()));
		}
		return tag;
	}

	/** Distinct normalised tags, sorted. */
	static List<String> normaliseAll(Collection<String> raw) {
		TreeSet<String> tags = new TreeSet<>();
		for (String tag : raw) {
			tags.add(normalise(tag));
		}
		return List.copyOf(tags);
	}

	static void checkCount(int count) {
		if (count > MAX_PER_CUSTOMER) {
			throw ApiException.invalid("tags",
					Text.of("customer.tag.count", "a customer has at most {0} tags", String.valueOf(MAX_PER_CUSTOMER)));
		}
	}

}
