package org.rapport.platform.console;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Properties;

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

	private static Properties load(String resource) throws IOException {
		Properties properties = new Properties();
		try (InputStream in = MessageBundlesTest.class.getClassLoader().getResourceAsStream(resource)) {
			assertThat(in).as(resource).isNotNull();
			properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
		}
		return properties;
	}

}
