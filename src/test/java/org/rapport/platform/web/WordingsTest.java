package org.rapport.platform.web;

import java.util.Locale;

import org.junit.jupiter.api.Test;

import org.springframework.context.support.StaticMessageSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Stored English sentences read back to their wording and shown in another language (ADR
 * 0092).
 */
class WordingsTest {

	private static final Locale SPANISH = Locale.forLanguageTag("es");

	private static final Wording CANCELLED = Wording.of("test.cancelled", "Cancelled redemption {0}");

	private static final Wording CANCELLED_WHY = Wording.of("test.cancelled-why", "Cancelled redemption {0}: {1}");

	private static final Wording STEP = Wording.of("test.step", "Birthday purchase");

	private static final Wording NOT_COUNTED = Wording
		.of("test.not-counted", "{0}; not counted: best of group ''{1}'' is {2}")
		.sentencesAt(0);

	private static final Wordings WORDINGS = Wordings.of(CANCELLED, CANCELLED_WHY, STEP, NOT_COUNTED);

	private final StaticMessageSource spanish = new StaticMessageSource();

	WordingsTest() {
		this.spanish.addMessage("test.cancelled", SPANISH, "Canje {0} anulado");
		this.spanish.addMessage("test.cancelled-why", SPANISH, "Canje {0} anulado: {1}");
		this.spanish.addMessage("test.step", SPANISH, "Compra de cumpleaños");
		this.spanish.addMessage("test.not-counted", SPANISH, "{0}; no cuenta: la mejor del grupo ''{1}'' es {2}");
	}

	@Test
	void aStoredSentenceIsReadBackToItsWordingAndValues() {
		String stored = CANCELLED_WHY.stored("r-1", "damaged");
		assertThat(stored).isEqualTo("Cancelled redemption r-1: damaged");
		Text read = WORDINGS.read(stored);
		assertThat(read.key()).isEqualTo("test.cancelled-why");
		assertThat(read.values()).containsExactly("r-1", "damaged");
		assertThat(read.in(this.spanish, SPANISH)).isEqualTo("Canje r-1 anulado: damaged");
		assertThat(read.english()).isEqualTo(stored);
	}

	@Test
	void theWordingWithTheMostFixedTextWinsOverOneThatWouldTakeTheSameSentence() {
		assertThat(WORDINGS.read("Cancelled redemption r-1: damaged").key()).isEqualTo("test.cancelled-why");
		assertThat(WORDINGS.read("Cancelled redemption r-1").key()).isEqualTo("test.cancelled");
	}

	@Test
	void aSentenceAPersonWroteIsShownAsItIsInEveryLanguage() {
		Text read = WORDINGS.read("Goodwill for the late delivery, it's on us");
		assertThat(read.isVerbatim()).isTrue();
		assertThat(read.in(this.spanish, SPANISH)).isEqualTo("Goodwill for the late delivery, it's on us");
		assertThat(WORDINGS.read("Birthday purchase!").isVerbatim()).isTrue();
	}

	@Test
	void aSentenceInsideAnotherIsShownInTheSameLanguage() {
		String stored = NOT_COUNTED.stored(STEP.stored(), "base", "1 per 6 EUR");
		assertThat(stored).isEqualTo("Birthday purchase; not counted: best of group 'base' is 1 per 6 EUR");
		assertThat(WORDINGS.read(stored).in(this.spanish, SPANISH))
			.isEqualTo("Compra de cumpleaños; no cuenta: la mejor del grupo 'base' es 1 per 6 EUR");
	}

	@Test
	void aValueThatIsANameIsShownByTheNamesOwnWordingAndStoredAsTheCodeSpellsIt() {
		Wording ratio = Wording.of("test.ratio", "{0} / {1} rounded {2} per purchase")
			.namesAt(2, "test.rounding.", "FLOOR", "CEILING");
		this.spanish.addMessage("test.ratio", SPANISH, "{0} / {1} redondeado {2} por compra");
		this.spanish.addMessage("test.rounding.FLOOR", SPANISH, "hacia abajo");
		String stored = ratio.stored("60.00", "6", "FLOOR");
		assertThat(stored).isEqualTo("60.00 / 6 rounded FLOOR per purchase");

		Text read = Wordings.of(ratio).read(stored);
		assertThat(read.isVerbatim()).isFalse();
		assertThat(read.in(this.spanish, SPANISH)).isEqualTo("60.00 / 6 redondeado hacia abajo por compra");
		assertThat(read.english()).as("English reads as stored").isEqualTo(stored);
		// a name whose wording the bundle lacks, and a value that is no name, read as
		// stored inside the translated sentence
		assertThat(Wordings.of(ratio).read("60.00 / 6 rounded CEILING per purchase").in(this.spanish, SPANISH))
			.isEqualTo("60.00 / 6 redondeado CEILING por compra");
		assertThat(Wordings.of(ratio).read("60.00 / 6 rounded UP per purchase").in(this.spanish, SPANISH))
			.isEqualTo("60.00 / 6 redondeado UP por compra");
	}

	@Test
	void numbersAreStoredAsTheyWereWrittenWithoutGrouping() {
		Wording points = Wording.of("test.points", "{0} points");
		assertThat(points.stored(1_234_567L)).isEqualTo("1234567 points");
		assertThat(Wordings.of(points).read("1234567 points").values()).containsExactly("1234567");
	}

	@Test
	void theStoredSentenceIsWhatTheWordingReadsInEnglish() {
		Object[][] cases = { { "r-1", "damaged" }, { "", "it's {not} a value" }, { 12, null } };
		for (Object[] values : cases) {
			assertThat(CANCELLED_WHY.stored(values)).isEqualTo(CANCELLED_WHY.with(values).english());
		}
		assertThat(NOT_COUNTED.stored(STEP.with(), "o''clock", "best"))
			.isEqualTo(NOT_COUNTED.with(STEP.with(), "o''clock", "best").english())
			.isEqualTo("Birthday purchase; not counted: best of group 'o''clock' is best");
		Wording quoted = Wording.of("test.quoted", "it''s {0}''s turn at {1}");
		assertThat(quoted.stored("Ana", "10:00")).isEqualTo(quoted.with("Ana", "10:00").english())
			.isEqualTo("it's Ana's turn at 10:00");
		assertThat(STEP.stored()).isEqualTo("Birthday purchase");
	}

	@Test
	void aLanguageWithoutTheKeyShowsTheEnglish() {
		Text read = WORDINGS.read("Cancelled redemption r-2");
		assertThat(read.in(this.spanish, Locale.forLanguageTag("ms"))).isEqualTo("Cancelled redemption r-2");
	}

	@Test
	void nothingStoredReadsAsNothing() {
		assertThat(WORDINGS.read(null)).isNull();
	}

}
