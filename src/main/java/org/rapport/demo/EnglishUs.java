package org.rapport.demo;

import java.util.List;
import java.util.SplittableRandom;

/** en-US: one given and one family name; partners often share the family name. */
final class EnglishUs extends LocaleProfile {

	private static final List<String> MALE = List.of("James", "Michael", "Robert", "John", "David", "William",
			"Richard", "Joseph", "Thomas", "Christopher", "Daniel", "Matthew", "Anthony", "Andrew", "Joshua", "Ryan");

	private static final List<String> FEMALE = List.of("Mary", "Patricia", "Jennifer", "Linda", "Elizabeth", "Barbara",
			"Susan", "Jessica", "Sarah", "Karen", "Emily", "Ashley", "Olivia", "Emma", "Madison", "Zoë");

	private static final List<String> FAMILY = List.of("Smith", "Johnson", "Williams", "Brown", "Jones", "Miller",
			"Davis", "Wilson", "Anderson", "Taylor", "Thomas", "Moore", "Jackson", "Martin", "Lee", "Thompson", "White",
			"Harris", "Clark", "Lewis", "Robinson", "Walker", "Young", "O'Brien", "Nguyen", "Kim");

	private static final List<String> COMPANY = List.of("Summit", "Blue Ridge", "Lakeside", "Pioneer", "Evergreen",
			"Keystone", "Redwood", "Harbor", "Silverline", "Northwind");

	private static final List<String> TRADE = List.of("Logistics", "Dental Group", "Outfitters", "Bakery", "Consulting",
			"Hardware", "Realty", "Catering");

	EnglishUs() {
		super("en-US", List.of("gmail.com", "yahoo.com", "outlook.com", "icloud.com", "hotmail.com"),
				List.of(new City("New York", "NY", "100", 5), new City("Los Angeles", "CA", "900", 5),
						new City("Chicago", "IL", "606", 5), new City("Houston", "TX", "770", 5),
						new City("Seattle", "WA", "981", 5), new City("Boston", "MA", "021", 5),
						new City("Miami", "FL", "331", 5), new City("Denver", "CO", "802", 5)),
				List.of("Maple Street", "Oak Avenue", "Washington Boulevard", "Lake Shore Drive", "Elm Street",
						"Park Avenue", "Sunset Boulevard", "Main Street", "Cedar Lane", "Highland Avenue"),
				List.of("Prefers to be called in the evening.", "Asked about a loyalty card for her partner.",
						"Complained about a late delivery; offered a voucher.",
						"Interested in the new spring collection.", "Pays by invoice; check with accounting first."));
	}

	@Override
	Name person(SplittableRandom random, boolean female) {
		return new Name(pick(female ? FEMALE : MALE, random), pick(FAMILY, random), female);
	}

	@Override
	Name partner(Name head, SplittableRandom random) {
		String family = random.nextInt(10) < 8 ? head.family() : pick(FAMILY, random);
		return new Name(pick(head.female() ? MALE : FEMALE, random), family, !head.female());
	}

	@Override
	Name child(Name head, Name partner, SplittableRandom random, boolean female) {
		return new Name(pick(female ? FEMALE : MALE, random), head.family(), female);
	}

	@Override
	String householdName(Name head) {
		return "The " + head.family() + " household";
	}

	@Override
	String companyName(SplittableRandom random) {
		return pick(COMPANY, random) + " " + pick(TRADE, random) + (random.nextBoolean() ? " LLC" : " Inc.");
	}

	@Override
	long mobileSpace() {
		return 8_000_000_000L;
	}

	@Override
	String mobile(long n) {
		long area = 200 + n / 10_000_000L;
		long line = n % 10_000_000L;
		return "(" + area + ") " + digits(line / 10_000, 3) + "-" + digits(line % 10_000, 4);
	}

	@Override
	String line1(SplittableRandom random, String street) {
		return (1 + random.nextInt(9_999)) + " " + street;
	}

}
