package org.rapport.platform.console;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every message a page names literally exists, so no page ever shows a key in question
 * marks ({@code ??key_en??}); the translations have the same keys
 * ({@link MessageBundlesTest}). Keys put together at run time are not seen here.
 */
class TemplateMessagesTest {

	/** {@code #{key}}, {@code #{key(…)}} and {@code #messages.msg('key'…)}. */
	static final Pattern KEY = Pattern
		.compile("#\\{([A-Za-z0-9_.-]+)[}(]|#messages\\.msg(?:With)?\\('([A-Za-z0-9_.-]+)'");

	@Test
	void everyMessageAPageNamesIsInTheBundle() throws IOException {
		Properties english = new Properties();
		try (InputStream in = getClass().getClassLoader().getResourceAsStream("i18n/messages.properties")) {
			english.load(new InputStreamReader(in, StandardCharsets.UTF_8));
		}
		Set<String> named = new TreeSet<>();
		Resource[] pages = new PathMatchingResourcePatternResolver().getResources("classpath*:templates/**/*.html");
		for (Resource page : pages) {
			Matcher m = KEY.matcher(page.getContentAsString(StandardCharsets.UTF_8));
			while (m.find()) {
				String key = (m.group(1) != null) ? m.group(1) : m.group(2);
				// #messages.msg('analytics.class.' + c) names a key made at run time
				if (!key.endsWith(".")) {
					named.add(key);
				}
			}
		}

		assertThat(pages).hasSizeGreaterThan(30);
		assertThat(named).hasSizeGreaterThan(500);
		assertThat(named).allSatisfy((key) -> assertThat(english.containsKey(key)).as(key).isTrue());
	}

}
