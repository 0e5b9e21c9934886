package org.rapport.demo;

import java.text.Normalizer;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * What a generated customer of one locale looks like: names and how families pass them
 * on, phone numbering, e-mail domains, cities with their postal codes, streets, company
 * names and note texts. Pure data and rules, no framework.
 */
abstract class LocaleProfile {

	/** A generated person's name. */
	record Name(String given, String family, boolean female) {

		String full() {
			return this.given + " " + this.family;
		}

	}

	/** A city with its region and the first digits of its postal codes. */
	record City(String name, String region, String postalPrefix, int postalLength) {
	}

	final String tag;

	final String country;

	final String language;

	final List<String> emailDomains;

	final List<City> cities;

	final List<String> streets;

	final List<String> notes;

	LocaleProfile(String tag, List<String> emailDomains, List<City> cities, List<String> streets, List<String> notes) {
		this.tag = tag;
		this.country = tag.substring(3);
		this.language = tag.substring(0, 2);
		this.emailDomains = emailDomains;
		this.cities = cities;
		this.streets = streets;
		this.notes = notes;
	}

	abstract Name person(SplittableRandom random, boolean female);

	abstract Name partner(Name head, SplittableRandom random);

	abstract Name child(Name head, Name partner, SplittableRandom random, boolean female);

	abstract String householdName(Name head);

	abstract String companyName(SplittableRandom random);

	/** How many distinct mobile numbers {@link #mobile(long)} can give. */
	abstract long mobileSpace();

	/**
	 * The mobile number with index {@code n} (0 ≤ n &lt; mobileSpace), as people type it.
	 */
	abstract String mobile(long n);

	abstract String line1(SplittableRandom random, String street);

	/** The local part of an e-mail address built from a name, plain ASCII. */
	String emailName(Name name, SplittableRandom random, long n) {
		String given = ascii(firstWord(name.given()));
		String family = ascii(firstWord(name.family()));
		return switch (random.nextInt(4)) {
			case 0 -> given + family.charAt(0) + n;
			case 1 -> given.charAt(0) + family + n;
			case 2 -> given + "_" + family + n;
			default -> given + "." + family + n;
		};
	}

	String postalCode(City city, SplittableRandom random) {
		int free = city.postalLength() - city.postalPrefix().length();
		int bound = (int) Math.pow(10, free);
		return city.postalPrefix() + digits(random.nextInt(bound), free);
	}

	static String firstWord(String text) {
		int space = text.indexOf(' ');
		return space < 0 ? text : text.substring(0, space);
	}

	/**
	 * Lower-case ASCII: accents dropped, Cyrillic transliterated, other letters dropped.
	 */
	static String ascii(String text) {
		String latin = Transliteration.latin(text.toLowerCase(Locale.ROOT));
		String folded = Normalizer.normalize(latin, Normalizer.Form.NFD);
		StringBuilder sb = new StringBuilder(folded.length());
		for (int i = 0; i < folded.length(); i++) {
			char c = folded.charAt(i);
			if (c >= 'a' && c <= 'z' || c >= '0' && c <= '9') {
				sb.append(c);
			}
		}
		return sb.toString();
	}

	/** {@code value} with leading zeros to {@code width} digits. */
	static String digits(long value, int width) {
		String text = Long.toString(value);
		return text.length() >= width ? text : "0".repeat(width - text.length()) + text;
	}

	static <T> T pick(List<T> values, SplittableRandom random) {
		return values.get(random.nextInt(values.size()));
	}

	/**
	 * Spreads {@code n} over {@code [0, space)} without repeats: a multiplier prime to
	 * every space used here (products of 2, 3 and 5) makes the map a bijection.
	 */
	static long spread(long n, long space) {
		return Math.floorMod(n * 48_271L + 12_345L, space);
	}

	static List<LocaleProfile> all() {
		return List.of(new EnglishUs(), new SpanishSpain(), new RussianRussia(), new MalayMalaysia());
	}

}
