package org.rapport.platform.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.MessageFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every sentence the code writes with {@link Text#of} has its translation in each console
 * language, with the same values, and no bundle keeps a sentence the code no longer
 * writes (ADR 0090).
 */
class TextBundlesTest {

	static final List<String> LANGUAGES = List.of("es", "ru", "ms");

	private static final Pattern TEXT = Pattern
		.compile("Text\\s*\\.of\\(\\s*\"([^\"]+)\"\\s*,\\s*((?:\"(?:[^\"\\\\]|\\\\.)*\"\\s*\\+?\\s*)+)");

	private static final Pattern LITERAL = Pattern.compile("\"((?:[^\"\\\\]|\\\\.)*)\"");

	private static final Pattern PLACEHOLDER = Pattern.compile("\\{(\\d+)[^}]*}");

	private static final Pattern CONSTRAINT_MESSAGE = Pattern.compile("message\\s*=\\s*\"\\{([a-z][\\w.-]*)}\"");

	private static final Pattern LONE_QUOTE = Pattern.compile("(?<!')'(?!')");

	@Test
	void everySentenceTheCodeWritesIsTranslatedIntoEachLanguage() {
		Map<String, String> texts = textsInCode();
		assertThat(texts).as("sentences found in the code").isNotEmpty();
		List<String> missing = new ArrayList<>();
		texts.forEach((key, english) -> LANGUAGES.forEach((language) -> {
			if (bundle(module(key), language).getProperty(key) == null) {
				missing.add(language + ": " + key + " (" + english + ")");
			}
		}));
		assertThat(missing).as("sentences without a translation").isEmpty();
	}

	@Test
	void everyConstraintMessageKeyHasItsEnglishAndItsTranslations() {
		List<String> missing = new ArrayList<>();
		for (String key : constraintKeysInCode()) {
			if (bundle(module(key), null).getProperty(key) == null) {
				missing.add("English: " + key);
			}
			LANGUAGES.stream()
				.filter((language) -> bundle(module(key), language).getProperty(key) == null)
				.forEach((language) -> missing.add(language + ": " + key));
		}
		assertThat(missing).as("constraint messages without a wording").isEmpty();
	}

	@Test
	void aTranslationNamesTheSameValuesAsTheEnglish() {
		List<String> wrong = new ArrayList<>();
		textsInCode().forEach((key, english) -> {
			Set<String> values = placeholders(english);
			for (String language : LANGUAGES) {
				String translated = bundle(module(key), language).getProperty(key);
				if (translated == null) {
					continue;
				}
				if (!placeholders(translated).equals(values)) {
					wrong.add(language + ": " + key + " names " + placeholders(translated) + ", not " + values);
				}
				if (!values.isEmpty() && LONE_QUOTE.matcher(translated).find()) {
					wrong.add(language + ": " + key + " has a single quote, which hides what follows: write ''");
				}
				if (values.isEmpty() && translated.contains("''")) {
					wrong.add(language + ": " + key + " has no values, so '' shows as two quotes");
				}
			}
		});
		assertThat(wrong).isEmpty();
	}

	@Test
	void theEnglishWordingIsAValidPatternWithItsApostrophesDoubled() {
		List<String> wrong = new ArrayList<>();
		textsInCode().forEach((key, english) -> {
			boolean values = !placeholders(english).isEmpty();
			if (values && LONE_QUOTE.matcher(english).find()) {
				wrong.add(key + ": " + english);
			}
			if (values) {
				new MessageFormat(english);
			}
		});
		assertThat(wrong).as("English wordings with values and a single quote").isEmpty();
	}

	@Test
	void noBundleKeepsASentenceTheCodeNoLongerWrites() {
		Map<String, String> texts = textsInCode();
		Set<String> constraints = constraintKeysInCode();
		List<String> stale = new ArrayList<>();
		for (String module : modules()) {
			for (String language : LANGUAGES) {
				bundle(module, language).stringPropertyNames()
					.stream()
					.filter((key) -> !texts.containsKey(key) && !constraints.contains(key))
					.forEach((key) -> stale.add(module + "_" + language + ": " + key));
			}
		}
		assertThat(stale).isEmpty();
	}

	@Test
	void aTextFallsBackToItsEnglishWordingAndFormatsItsValues() {
		Text text = Text.of("test.unknown-key", "between {0} and {1}, it''s {2}", 1, 2, "x");
		assertThat(text.english()).isEqualTo("between 1 and 2, it's x");
		assertThat(text.in(null, java.util.Locale.forLanguageTag("es"))).isEqualTo("between 1 and 2, it's x");
		assertThat(Text.of("test.plain", "it's plain").english()).isEqualTo("it's plain");
	}

	/** Key → English wording of every {@code Text.of("key", "wording"…)} in the code. */
	static Map<String, String> textsInCode() {
		Map<String, String> texts = new TreeMap<>();
		List<String> clashes = new ArrayList<>();
		try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
			for (Path file : files.filter((f) -> f.toString().endsWith(".java")).toList()) {
				Matcher text = TEXT.matcher(Files.readString(file));
				while (text.find()) {
					StringBuilder english = new StringBuilder();
					Matcher literal = LITERAL.matcher(text.group(2));
					while (literal.find()) {
						english.append(literal.group(1).replace("\\\"", "\"").replace("\\\\", "\\"));
					}
					String earlier = texts.put(text.group(1), english.toString());
					if (earlier != null && !earlier.equals(english.toString())) {
						clashes.add(text.group(1) + ": '" + earlier + "' and '" + english + "'");
					}
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		for (Wording wording : storedWordings()) {
			String earlier = texts.put(wording.key(), wording.english());
			if (earlier != null && !earlier.equals(wording.english())) {
				clashes.add(wording.key() + ": '" + earlier + "' and '" + wording.english() + "'");
			}
			// a value that is a name reads by the name's own key, whose English is the
			// name as stored
			wording.names()
				.values()
				.forEach((names) -> names.names().forEach((name) -> texts.put(names.key(name), name)));
		}
		assertThat(clashes).as("one key, two wordings").isEmpty();
		return texts;
	}

	/**
	 * The wordings of stored sentences (ADR 0092): every static {@link Wording} and
	 * {@link Wordings} field of the code's classes.
	 */
	static List<Wording> storedWordings() {
		List<Wording> found = new ArrayList<>();
		Path root = Path.of("src/main/java");
		try (Stream<Path> files = Files.walk(root)) {
			for (Path file : files.filter((f) -> f.toString().endsWith(".java")).toList()) {
				String name = root.relativize(file).toString().replace(java.io.File.separatorChar, '.');
				name = name.substring(0, name.length() - ".java".length());
				if (name.endsWith("package-info")) {
					continue;
				}
				for (java.lang.reflect.Field field : Class.forName(name).getDeclaredFields()) {
					if (!java.lang.reflect.Modifier.isStatic(field.getModifiers())) {
						continue;
					}
					if (field.getType() == Wording.class) {
						field.setAccessible(true);
						found.add((Wording) field.get(null));
					}
					else if (field.getType() == Wordings.class) {
						field.setAccessible(true);
						found.addAll(((Wordings) field.get(null)).wordings());
					}
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (ReflectiveOperationException ex) {
			throw new IllegalStateException(ex);
		}
		return found;
	}

	@Test
	void aStoredWordingHasPlainValuesThatAreNeverSideBySide() {
		List<String> wrong = new ArrayList<>();
		assertThat(storedWordings()).as("stored wordings found in the code").isNotEmpty();
		for (Wording wording : storedWordings()) {
			if (Pattern.compile("\\{\\d+,").matcher(wording.english()).find()) {
				wrong.add(wording.key() + " formats a value: stored values are text");
			}
			if (wording.english().contains("}{")) {
				wrong.add(wording.key() + " has two values side by side, which cannot be told apart when read back");
			}
		}
		assertThat(wrong).isEmpty();
	}

	/** Keys of constraint messages given as {@code message = "{key}"} in the code. */
	static Set<String> constraintKeysInCode() {
		Set<String> keys = new TreeSet<>();
		try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
			for (Path file : files.filter((f) -> f.toString().endsWith(".java")).toList()) {
				Matcher key = CONSTRAINT_MESSAGE.matcher(Files.readString(file));
				while (key.find()) {
					keys.add(key.group(1));
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return keys;
	}

	private static Set<String> placeholders(String pattern) {
		Set<String> found = new TreeSet<>();
		Matcher m = PLACEHOLDER.matcher(pattern);
		while (m.find()) {
			found.add(m.group(1));
		}
		return found;
	}

	private static String module(String key) {
		String first = key.substring(0, key.indexOf('.'));
		return "problem".equals(first) ? "platform" : first;
	}

	private static List<String> modules() {
		try (Stream<Path> files = Files.list(Path.of("src/main/resources/i18n/texts"))) {
			return files.map((f) -> f.getFileName().toString())
				.filter((n) -> !n.contains("_"))
				.map((n) -> n.substring(0, n.indexOf('.')))
				.sorted()
				.toList();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static Properties bundle(String module, String language) {
		Properties properties = new Properties();
		String name = "/i18n/texts/" + module + ((language == null) ? "" : "_" + language) + ".properties";
		try (InputStream in = TextBundlesTest.class.getResourceAsStream(name)) {
			assertThat(in).as(name).isNotNull();
			properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return properties;
	}

}
