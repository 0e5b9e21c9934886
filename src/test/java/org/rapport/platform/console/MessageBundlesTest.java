package org.rapport.platform.console;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.text.MessageFormat;
import java.util.Locale;
import java.util.Properties;

import org.junit.jupiter.api.Test;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class MessageBundlesTest {

	@ParameterizedTest
	@ValueSource(strings = { "es", "ru", "ms" })
	void everyEnglishLabelIsTranslatedAndNoTranslationIsLeftOver(String language) throws IOException {
		Properties english = load("i18n/messages.properties");
		Properties translated = load("i18n/messages_" + language + ".properties");
		assertThat(translated.stringPropertyNames()).containsExactlyInAnyOrderElementsOf(english.stringPropertyNames());
		assertThat(translated.values()).allSatisfy((value) -> assertThat(value.toString()).isNotBlank());
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "es", "ru", "ms" })
	void everyLabelWithArgumentsIsAValidMessageFormatAndKeepsItsApostrophes(String language) throws IOException {
		Properties bundle = load(
				language.isEmpty() ? "i18n/messages.properties" : "i18n/messages_" + language + ".properties");
		Locale locale = language.isEmpty() ? Locale.ENGLISH : Locale.forLanguageTag(language);
		for (String key : bundle.stringPropertyNames()) {
			String value = bundle.getProperty(key);
			if (!value.matches("(?s).*\\{\\d.*")) {
				continue; // shown as written, without MessageFormat
			}
			MessageFormat format = new MessageFormat(value, locale);
			// a lone apostrophe would start a quoted part and swallow what follows it
			assertThat(value.replace("''", "")).as(key).doesNotContain("'");
			assertThat(format.getFormats()).as(key).isNotEmpty();
		}
	}

	@Test
	void aCountOfOneReadsInTheSingularInEnglish() throws IOException {
		Properties english = load("i18n/messages.properties");
		assertThat(format(english, "timeline.lines", 1)).isEqualTo("1 line");
		assertThat(format(english, "timeline.lines", 3)).isEqualTo("3 lines");
		assertThat(format(english, "move.count", 1, "Ana", "Luis")).isEqualTo("1 customer of Ana will move to Luis.");
		assertThat(format(english, "move.count", 0, "Ana", "Luis")).isEqualTo("No customer of Ana will move to Luis.");
		assertThat(format(english, "move.count", 1_234, "Ana", "Luis"))
			.isEqualTo("1,234 customers of Ana will move to Luis.");
		assertThat(format(english, "move.confirm", 1)).isEqualTo("Move 1 customer");
		assertThat(format(english, "move.done", 2, "Luis")).isEqualTo("2 customers moved to Luis.");
		assertThat(format(english, "audit.total", 1L, 1, 1)).isEqualTo("1 change · page 1 of 1");
		assertThat(format(english, "analytics.list.total", 1L)).isEqualTo("1 customer");
		assertThat(format(english, "analytics.list.total", 0L)).isEqualTo("0 customers");
		assertThat(format(english, "loyalty.tiers.applied", 1)).isEqualTo("Ladder saved: 1 member moved.");
		assertThat(format(english, "loyalty.impact.summary", 1, 0, "0", "EUR")).startsWith("1 member would lose");
		assertThat(format(english, "loyalty.expiring.total", 1L, "10", "points", "0.10 EUR"))
			.isEqualTo("1 member loses 10 points (0.10 EUR) unless they use them.");
		assertThat(format(english, "loyalty.expiring.total", 1_234L, "12,340", "points", "123.40 EUR"))
			.startsWith("1,234 members lose 12,340 points");
		assertThat(format(english, "analytics.programme.expiringOf", 0L, "0.00 EUR")).isEqualTo("no member, 0.00 EUR");
		assertThat(format(english, "loyalty.nextExpiry", 1L, "2027-01-31")).isEqualTo("1 point expires on 2027-01-31");
		assertThat(format(english, "loyalty.nextExpiry", 1_500L, "2027-01-31"))
			.isEqualTo("1,500 points expire on 2027-01-31");
		assertThat(format(english, "loyalty.counter.redeemed", 1L)).isEqualTo("1 point redeemed.");
		assertThat(format(english, "loyalty.counter.reward.issued", "Coffee", 150L))
			.isEqualTo("Coffee redeemed for 150 points.");
		assertThat(format(english, "loyalty.voucher.reward", "Sticker", 1L)).isEqualTo("Sticker, 1 point");
		assertThat(format(english, "loyalty.redemption.cancel.submit", 1L)).isEqualTo("Cancel and give 1 point back");
		assertThat(format(english, "analytics.programme.expiring", 1)).isEqualTo("Expiring in 1 day");
		assertThat(format(english, "analytics.programme.expiring", 30)).isEqualTo("Expiring in 30 days");
	}

	@Test
	void aCountOfOneReadsInTheSingularInSpanish() throws IOException {
		Properties spanish = load("i18n/messages_es.properties");
		Locale es = Locale.forLanguageTag("es");
		assertThat(new MessageFormat(spanish.getProperty("loyalty.nextExpiry"), es).format(new Object[] { 1L, "x" }))
			.isEqualTo("1 punto caduca el x");
		assertThat(new MessageFormat(spanish.getProperty("loyalty.voucher.reward"), es)
			.format(new Object[] { "Café", 2L })).isEqualTo("Café, 2 puntos");
		assertThat(new MessageFormat(spanish.getProperty("loyalty.tiers.applied"), es).format(new Object[] { 1 }))
			.isEqualTo("Escala guardada: 1 socio cambió de nivel.");
	}

	@Test
	void russianPointCountsAreLabelsBecauseTheNounDeclinesWithTheNumber() throws IOException {
		// 1 балл, 2 балла, 5 баллов: a number written before the noun reads wrong for
		// most
		// counts, so the count follows a label ("баллов: {0}") instead
		Properties russian = load("i18n/messages_ru.properties");
		assertThat(russian.stringPropertyNames()).allSatisfy((key) -> assertThat(russian.getProperty(key)).as(key)
			.doesNotContainPattern("\\{\\d[^}]*\\}\\s*(балл|участник|клиент|дн)"));
	}

	private static String format(Properties bundle, String key, Object... arguments) {
		return new MessageFormat(bundle.getProperty(key), Locale.ENGLISH).format(arguments);
	}

	private static Properties load(String resource) throws IOException {
		Properties properties = new Properties();
		try (InputStream in = MessageBundlesTest.class.getClassLoader().getResourceAsStream(resource)) {
			assertThat(in).as(resource).isNotNull();
			properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
		}
		return properties;
	}

}
