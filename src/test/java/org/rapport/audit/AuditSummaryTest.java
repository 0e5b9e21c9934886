package org.rapport.audit;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.rapport.platform.web.Text;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.support.ResourceBundleMessageSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An audit summary written from a {@link Text} keeps its English as the summary and its
 * key and values as text; read back, it says in the reader's language what the text
 * itself would say, and an entry without them reads in its stored English.
 */
class AuditSummaryTest {

	static final Locale SPANISH = Locale.forLanguageTag("es");

	static final Locale RUSSIAN = Locale.forLanguageTag("ru");

	final JsonMapper json = JsonMapper.builder().build();

	final ResourceBundleMessageSource messages = bundles();

	final AuditLog log = new AuditLog(null, this.json, this.messages);

	@Test
	void theStoredSummaryIsTheTextsEnglish() {
		AuditTrail.Change change = AuditTrail.Change.of("loyalty.adjusted", "loyalty_account", "a-1",
				Text.of("loyalty.audit.adjusted", "Adjusted by {0} {1}: {2}", "5", "points", "goodwill"), null, null);

		assertThat(change.english()).isEqualTo("Adjusted by 5 points: goodwill");
	}

	@Test
	void aSummaryWrittenFromATextKeepsItsKeyAndItsValuesAsText() {
		Text text = Text.of("customer.audit.reassigned", "Moved {0} customers from {1} to {2}", 1200, "Ana", "Luis");

		assertThat(AuditTrail.wording(text))
			.isEqualTo(Map.of("key", "customer.audit.reassigned", "values", List.of("1200", "Ana", "Luis")));
	}

	@Test
	void aSummaryWrittenAsASentenceKeepsNoWording() {
		assertThat(AuditTrail
			.wording(AuditTrail.Change.of("note-added", "customer", "c-1", "Added a note", null, null).summary()))
			.isNull();
		assertThat(AuditTrail.wording(null)).isNull();
	}

	@Test
	void aSummaryReadBackSaysInTheReadersLanguageWhatItsTextSays() {
		Text text = Text.of("loyalty.audit.adjusted", "Adjusted by {0} {1}: {2}", "5", "points",
				"Goodwill for the cold coffee");

		AuditSummary read = stored(text);

		assertThat(read.in(this.messages, SPANISH)).isEqualTo(text.in(this.messages, SPANISH))
			.isEqualTo("Ajuste de 5 points: Goodwill for the cold coffee");
		assertThat(read.in(this.messages, RUSSIAN))
			.isEqualTo("Корректировка на 5 points: Goodwill for the cold coffee");
		assertThat(read.in(this.messages, Locale.ENGLISH))
			.isEqualTo("Adjusted by 5 points: Goodwill for the cold coffee");
	}

	@Test
	void aNumberReadsAsItWasWrittenInEveryLanguage() {
		Text text = Text.of("customer.audit.reassigned", "Moved {0} customers from {1} to {2}", "1200", "Ana", "Luis");

		AuditSummary read = stored(text);

		assertThat(read.english()).isEqualTo("Moved 1200 customers from Ana to Luis");
		assertThat(read.in(this.messages, SPANISH)).isEqualTo("Clientes pasados de Ana a Luis: 1200");
	}

	@Test
	void anEntryWrittenBeforeReadsInItsStoredEnglishInEveryLanguage() {
		AuditSummary read = this.log.summary("Adjusted by 5 points: goodwill", null);

		assertThat(read.in(this.messages, SPANISH)).isEqualTo("Adjusted by 5 points: goodwill");
		assertThat(read.in(this.messages, RUSSIAN)).isEqualTo("Adjusted by 5 points: goodwill");
	}

	@Test
	void aKeyWithoutATranslationReadsInItsStoredEnglish() {
		AuditSummary read = stored(Text.of("loyalty.audit.no-such-wording", "Did {0}", "this"));

		assertThat(read.in(this.messages, SPANISH)).isEqualTo("Did this");
	}

	@Test
	void aRedactedEntryHasNoSummaryInAnyLanguage() {
		assertThat(this.log.summary(null, null).in(this.messages, SPANISH)).isNull();
	}

	@Test
	void aValueThatLooksLikeAPatternIsShownAsItIs() {
		Text text = Text.of("loyalty.audit.adjusted", "Adjusted by {0} {1}: {2}", "5", "points", "it's {0} o'clock");

		assertThat(stored(text).in(this.messages, SPANISH)).isEqualTo("Ajuste de 5 points: it's {0} o'clock");
	}

	/** The summary as the audit log reads it back from the row the text was stored in. */
	private AuditSummary stored(Text text) {
		return this.log.summary(text.english(), this.json.writeValueAsString(AuditTrail.wording(text)));
	}

	private static ResourceBundleMessageSource bundles() {
		ResourceBundleMessageSource messages = new ResourceBundleMessageSource();
		messages.setBasenames("i18n/texts/access", "i18n/texts/customer", "i18n/texts/interaction",
				"i18n/texts/loyalty");
		messages.setDefaultEncoding("UTF-8");
		messages.setFallbackToSystemLocale(false);
		return messages;
	}

}
