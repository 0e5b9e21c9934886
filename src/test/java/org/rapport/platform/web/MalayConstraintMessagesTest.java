package org.rapport.platform.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.hibernate.validator.messageinterpolation.ResourceBundleMessageInterpolator;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Hibernate Validator ships its standard constraint messages in Spanish and Russian but
 * not in Malay; ours ({@code ValidationMessages_ms.properties}) is read before its own
 * and keeps the values and expressions of its English messages.
 */
class MalayConstraintMessagesTest {

	private static final Pattern EXPRESSION = Pattern.compile("\\$?\\{[^}]*}");

	record Form(@NotBlank String name, @Size(min = 2, max = 5) String code) {
	}

	@Test
	void aStandardConstraintIsExplainedInMalayAndTheOtherLanguagesKeepTheirOwn() {
		assertThat(messages(Locale.forLanguageTag("ms"))).containsExactlyInAnyOrder("tidak boleh kosong",
				"saiz mesti antara 2 dan 5");
		assertThat(messages(Locale.forLanguageTag("es"))).contains("el tamaño debe estar entre 2 y 5");
		assertThat(messages(Locale.ENGLISH)).containsExactlyInAnyOrder("must not be blank",
				"size must be between 2 and 5");
	}

	@Test
	void everyMalayMessageTranslatesAStandardOneAndKeepsItsExpressions() {
		Properties english = load("/org/hibernate/validator/ValidationMessages.properties");
		Properties malay = load("/ValidationMessages_ms.properties");
		assertThat(malay.stringPropertyNames()).contains("jakarta.validation.constraints.NotBlank.message",
				"jakarta.validation.constraints.Size.message");
		List<String> wrong = new ArrayList<>();
		for (String key : malay.stringPropertyNames()) {
			String original = english.getProperty(key);
			if (original == null) {
				wrong.add(key + " is no standard message");
			}
			else if (!expressions(original).equals(expressions(malay.getProperty(key)))) {
				wrong.add(key + " names " + expressions(malay.getProperty(key)) + ", not " + expressions(original));
			}
		}
		assertThat(wrong).isEmpty();
	}

	private static List<String> messages(Locale locale) {
		try (var factory = Validation.byDefaultProvider()
			.configure()
			.messageInterpolator(new LocaleInterpolator(locale))
			.buildValidatorFactory()) {
			Validator validator = factory.getValidator();
			return validator.validate(new Form(" ", "x")).stream().map(ConstraintViolation::getMessage).toList();
		}
	}

	/** Expressions without what the translation may word differently inside quotes. */
	private static Set<String> expressions(String message) {
		Set<String> found = new TreeSet<>();
		Matcher m = EXPRESSION.matcher(message);
		while (m.find()) {
			found.add(m.group().startsWith("$") ? m.group().replaceAll("'[^']*'", "''") : m.group());
		}
		return found;
	}

	private static Properties load(String name) {
		Properties properties = new Properties();
		try (InputStream in = MalayConstraintMessagesTest.class.getResourceAsStream(name)) {
			assertThat(in).as(name).isNotNull();
			properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return properties;
	}

	private static final class LocaleInterpolator extends ResourceBundleMessageInterpolator {

		private final Locale locale;

		LocaleInterpolator(Locale locale) {
			this.locale = locale;
		}

		@Override
		public String interpolate(String template, Context context) {
			return interpolate(template, context, this.locale);
		}

	}

}
