package org.rapport.analytics;

import java.text.NumberFormat;
import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.Test;
import org.rapport.analytics.learn.ChurnRule;
import org.rapport.analytics.learn.Condition;
import org.rapport.analytics.learn.Feature;

import org.springframework.context.NoSuchMessageException;
import org.springframework.context.support.ResourceBundleMessageSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

class ModelWordingTest {

	static final Locale RU = Locale.forLanguageTag("ru");

	final ResourceBundleMessageSource messages = bundles();

	final ModelWording wording = new ModelWording(this.messages);

	static ResourceBundleMessageSource bundles() {
		ResourceBundleMessageSource source = new ResourceBundleMessageSource();
		source.setBasename("i18n/messages");
		source.setDefaultEncoding("UTF-8");
		source.setFallbackToSystemLocale(false);
		return source;
	}

	@Test
	void aClassLabelIsShownWordByWordInTheReadersLanguage() {
		assertThat(this.wording.classLabel("recent · new · likely gone", RU))
			.isEqualTo("недавние · новые · вероятно ушли");
		assertThat(this.wording.classLabel("big baskets · frequent", Locale.forLanguageTag("es")))
			.isEqualTo("tickets grandes · frecuentes");
	}

	@Test
	void inEnglishAClassLabelReadsAsTheModelWroteIt() {
		assertThat(this.wording.classLabel("lapsed · slow rhythm", Locale.ENGLISH)).isEqualTo("lapsed · slow rhythm");
	}

	@Test
	void twoClassesWithTheSameWordsKeepTheNumberThatTellsThemApart() {
		assertThat(this.wording.classLabel("typical (2)", RU)).isEqualTo("типичные (2)");
		assertThat(this.wording.classLabel("recent · frequent (3)", Locale.forLanguageTag("ms")))
			.isEqualTo("baru membeli · kerap (3)");
	}

	@Test
	void aWordNoBundleKnowsIsShownAsTheModelWroteIt() {
		ModelWording custom = new ModelWording(this.messages,
				List.of(Feature.of("loyalty points").words("points hoarders", "no points")));
		assertThat(custom.classLabel("points hoarders · typical", RU)).isEqualTo("points hoarders · типичные");
		assertThat(custom.feature("loyalty points", RU)).isEqualTo("loyalty points");
	}

	@Test
	void aChurnRuleIsPutTogetherInTheReadersLanguageWithItsNumberFormat() {
		ChurnRule rule = new ChurnRule(List.of(new Condition(0, "days since last purchase", true, 120),
				new Condition(1, "purchases", false, 2.5)), 0.78, 1204);
		String n = NumberFormat.getIntegerInstance(RU).format(1204);

		assertThat(this.wording.rule(rule, RU))
			.isEqualTo("если дней с последней покупки > 120 и покупки ≤ 2,5, то риск оттока 78 % (n = " + n + ")");
	}

	@Test
	void inEnglishAChurnRuleReadsAsTheModelLibraryWritesIt() {
		ChurnRule rule = new ChurnRule(List.of(new Condition(0, "days since last purchase", true, 120),
				new Condition(3, "mean days between purchases", false, 33.333)), 0.4, 48);
		ChurnRule always = new ChurnRule(List.of(), 0.25, 12);

		assertThat(this.wording.rule(rule, Locale.ENGLISH)).isEqualTo(rule.text());
		assertThat(this.wording.rule(always, Locale.ENGLISH)).isEqualTo(always.text());
	}

	/** {@code MessageBundlesTest} makes sure every language has what English has. */
	@Test
	void everyFeatureAndClassWordOfTheModelsHasAMessage() {
		Locale language = Locale.ENGLISH;
		for (Feature f : ClassWriter.FEATURES) {
			String slug = ModelWording.slug(f.name());
			assertThat(this.messages.getMessage("analytics.feature." + slug, null, language)).isEqualTo(f.name());
			assertThat(this.messages.getMessage("analytics.classword." + slug + ".high", null, language))
				.isEqualTo(f.highWord());
			assertThat(this.messages.getMessage("analytics.classword." + slug + ".low", null, language))
				.isEqualTo(f.lowWord());
		}
		for (String name : ChurnSnapshots.FEATURES) {
			assertThat(this.messages.getMessage("analytics.feature." + ModelWording.slug(name), null, language))
				.isEqualTo(name);
		}
		assertThat(this.messages.getMessage("analytics.classword.typical", null, language))
			.isEqualTo(ModelWording.CLASS_TYPICAL);
	}

	@Test
	void aMissingMessageIsNoticed() {
		assertThatCode(() -> this.messages.getMessage("analytics.feature.no-such-feature", null, RU))
			.isInstanceOf(NoSuchMessageException.class);
	}

}
