package org.rapport.customer;

import java.util.Locale;
import java.util.regex.Pattern;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import org.rapport.platform.web.ShownValue;
import org.rapport.platform.web.Text;

/**
 * A normalised identity: e-mail in lower case, phone in E.164, card number as digits,
 * external ids as given with the name of their source system. Two identities are the same
 * customer's exactly when type, source and value are equal. {@link #matchKey()} is looser
 * and only feeds duplicate suggestions.
 */
public record Identity(IdentityType type, String source, String value) {

	static final int MAX_LENGTH = 254;

	private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$");

	private static final Pattern CARD = Pattern.compile("^[0-9]{6,32}$");

	private static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();

	/** Why a blank value is no identity. */
	static final Text BLANK = Text.of("customer.identity.blank", "an identity needs a value");

	public Identity {
		source = source == null ? "" : source;
	}

	/**
	 * Normalises a raw value.
	 * @param defaultRegion ISO country whose numbering applies to phones written without
	 * a country code
	 * @throws InvalidIdentityException with a message fit for the user, naming the value,
	 * when the value cannot be an identity of that type
	 */
	public static Identity of(IdentityType type, String source, String raw, String defaultRegion) {
		if (raw == null || raw.isBlank()) {
			throw new InvalidIdentityException(BLANK);
		}
		String trimmed = raw.strip();
		if (trimmed.length() > MAX_LENGTH) {
			throw new InvalidIdentityException(Text.of("customer.identity.too-long",
					"''{0}'' is too long: at most {1} characters", ShownValue.of(trimmed), String.valueOf(MAX_LENGTH)));
		}
		return switch (type) {
			case EMAIL -> email(trimmed);
			case PHONE -> phone(trimmed, defaultRegion);
			case CARD -> card(trimmed);
			case EXTERNAL -> external(source, trimmed);
		};
	}

	public static Identity email(String raw) {
		String value = raw.strip().toLowerCase(Locale.ROOT);
		if (!EMAIL.matcher(value).matches()) {
			throw new InvalidIdentityException(
					Text.of("customer.identity.email", "''{0}'' is not an e-mail address", ShownValue.of(raw.strip())));
		}
		return new Identity(IdentityType.EMAIL, "", value);
	}

	public static Identity phone(String raw, String defaultRegion) {
		try {
			PhoneNumber number = PHONES.parse(raw, defaultRegion == null ? "US" : defaultRegion);
			if (!PHONES.isPossibleNumber(number)) {
				throw new InvalidIdentityException(Text.of("customer.identity.phone-impossible",
						"''{0}'' is not a possible phone number", ShownValue.of(raw.strip())));
			}
			return new Identity(IdentityType.PHONE, "", PHONES.format(number, PhoneNumberUtil.PhoneNumberFormat.E164));
		}
		catch (NumberParseException ex) {
			throw new InvalidIdentityException(
					Text.of("customer.identity.phone", "''{0}'' is not a phone number", ShownValue.of(raw.strip())));
		}
	}

	public static Identity card(String raw) {
		String digits = raw.replaceAll("[\\s-]", "");
		if (!CARD.matcher(digits).matches()) {
			throw new InvalidIdentityException(Text.of("customer.identity.card",
					"''{0}'' is not a card number: use 6 to 32 digits", ShownValue.of(raw.strip())));
		}
		return new Identity(IdentityType.CARD, "", digits);
	}

	public static Identity external(String source, String raw) {
		if (source == null || source.isBlank()) {
			throw new InvalidIdentityException(Text.of("customer.identity.external-source",
					"the external id ''{0}'' needs the name of its source system", ShownValue.of(raw)));
		}
		return new Identity(IdentityType.EXTERNAL, source.strip().toLowerCase(Locale.ROOT), raw.strip());
	}

	/**
	 * The key that suggests two customers may be one person: e-mail without +tags (and
	 * without dots for Gmail), phone as its last nine digits (the national number without
	 * trunk or country prefix), the value itself otherwise.
	 */
	public String matchKey() {
		return switch (this.type) {
			case EMAIL -> emailMatchKey(this.value);
			case PHONE -> this.value.length() > 9 ? this.value.substring(this.value.length() - 9) : this.value;
			case CARD, EXTERNAL -> this.value;
		};
	}

	private static String emailMatchKey(String email) {
		int at = email.lastIndexOf('@');
		String local = email.substring(0, at);
		String domain = email.substring(at + 1);
		int plus = local.indexOf('+');
		if (plus > 0) {
			local = local.substring(0, plus);
		}
		if (domain.equals("gmail.com") || domain.equals("googlemail.com")) {
			local = local.replace(".", "");
			domain = "gmail.com";
		}
		return local + "@" + domain;
	}

	/**
	 * A value that cannot be an identity of the requested type; the message is English,
	 * {@link #text()} gives it in the reader's language.
	 */
	public static class InvalidIdentityException extends IllegalArgumentException {

		private final transient Text text;

		public InvalidIdentityException(Text text) {
			super(text.english());
			this.text = text;
		}

		public Text text() {
			return this.text;
		}

	}

}
