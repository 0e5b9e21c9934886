package org.rapport.analytics;

import java.math.RoundingMode;
import java.text.NumberFormat;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.rapport.analytics.learn.ChurnRule;
import org.rapport.analytics.learn.Condition;
import org.rapport.analytics.learn.Feature;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * The models' words in the reader's language. The model library writes its class labels
 * ("recent · new · likely gone"), feature names and churn rules in English, because the
 * API and the command line serve them as they are; the console shows them through the
 * message bundles: a feature name {@code "days since last purchase"} is the message
 * {@code analytics.feature.days-since-last-purchase}, a class word is
 * {@code analytics.classword.<feature>.high|low}, a churn rule is put together from its
 * conditions with the reader's number format. A word no bundle knows is shown as the
 * model wrote it.
 */
@Component
class ModelWording {

	private static final String SEPARATOR = " · ";

	/** "typical (2)": the number that tells apart two classes with the same words. */
	private static final Pattern REPEATED = Pattern.compile("^(.*) \\((\\d+)\\)$");

	private final MessageSource messages;

	/** The English class words by the message that translates them. */
	private final Map<String, String> classWords;

	@Autowired
	ModelWording(MessageSource messages) {
		this(messages,
				java.util.stream.Stream
					.concat(ClassWriter.FEATURES.stream(), java.util.stream.Stream.of(ClassWriter.P_ALIVE))
					.toList());
	}

	ModelWording(MessageSource messages, List<Feature> features) {
		this.messages = messages;
		Map<String, String> words = new HashMap<>();
		words.put(CLASS_TYPICAL, "analytics.classword.typical");
		for (Feature f : features) {
			words.put(f.highWord(), "analytics.classword." + slug(f.name()) + ".high");
			words.put(f.lowWord(), "analytics.classword." + slug(f.name()) + ".low");
		}
		this.classWords = Map.copyOf(words);
	}

	/** The label the model library gives a class no feature sets apart. */
	static final String CLASS_TYPICAL = "typical";

	/** A feature's name, e.g. "days since last purchase". */
	String feature(String name, Locale locale) {
		return this.messages.getMessage("analytics.feature." + slug(name), null, name, locale);
	}

	List<String> features(List<String> names, Locale locale) {
		return names.stream().map((n) -> feature(n, locale)).toList();
	}

	/** A stored class label, word by word, keeping the number of a repeated label. */
	String classLabel(String label, Locale locale) {
		if (label == null) {
			return null;
		}
		String words = label;
		String repeat = null;
		Matcher m = REPEATED.matcher(label);
		if (m.matches()) {
			words = m.group(1);
			repeat = m.group(2);
		}
		String translated = List.of(words.split(Pattern.quote(SEPARATOR))).stream().map((w) -> {
			String key = this.classWords.get(w);
			return (key == null) ? w : this.messages.getMessage(key, null, w, locale);
		}).collect(Collectors.joining(SEPARATOR));
		return (repeat == null) ? translated : translated + " (" + repeat + ")";
	}

	/**
	 * A churn rule: "if days since last purchase > 120 and … then churn risk 78 % (n =
	 * 1,204)".
	 */
	String rule(ChurnRule rule, Locale locale) {
		String when;
		if (rule.conditions().isEmpty()) {
			when = this.messages.getMessage("analytics.churn.rule.always", null, "always", locale);
		}
		else {
			String and = " " + this.messages.getMessage("analytics.churn.rule.and", null, "and", locale) + " ";
			String conditions = rule.conditions()
				.stream()
				.map((c) -> condition(c, locale))
				.collect(Collectors.joining(and));
			when = this.messages.getMessage("analytics.churn.rule.if", new Object[] { conditions }, "if " + conditions,
					locale);
		}
		String risk = Long.toString(Math.round(rule.churnRisk() * 100));
		String samples = NumberFormat.getIntegerInstance(locale).format(rule.samples());
		return this.messages.getMessage("analytics.churn.rule", new Object[] { when, risk, samples },
				when + " then churn risk " + risk + " % (n = " + samples + ")", locale);
	}

	List<String> rules(List<ChurnRule> rules, Locale locale) {
		return rules.stream().map((r) -> rule(r, locale)).toList();
	}

	private String condition(Condition condition, Locale locale) {
		NumberFormat number = NumberFormat.getNumberInstance(locale);
		number.setMaximumFractionDigits(2);
		number.setRoundingMode(RoundingMode.HALF_UP);
		return feature(condition.feature(), locale) + (condition.above() ? " > " : " ≤ ")
				+ number.format(condition.threshold());
	}

	/** "days since last purchase" → "days-since-last-purchase". */
	static String slug(String name) {
		return name.trim().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
	}

}
