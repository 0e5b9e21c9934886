package org.rapport.demo;

import java.util.List;
import java.util.SplittableRandom;

/**
 * ms-MY: Malay names carry the father's name after bin (son) or binti (daughter), e.g.
 * "Nur Aisyah binti Abdullah"; the given name is the name the person is called by.
 */
final class MalayMalaysia extends LocaleProfile {

	private static final List<String> MALE = List.of("Muhammad Hafiz", "Ahmad Faris", "Mohd Azlan", "Muhammad Aiman",
			"Amirul Hakim", "Hafizuddin", "Syed Ali", "Khairul Anuar", "Faizal", "Zulkifli");

	private static final List<String> FEMALE = List.of("Nur Aisyah", "Siti Nurhaliza", "Nurul Izzah", "Farah Hanim",
			"Aina Sofea", "Nur Syafiqah", "Siti Aminah", "Puteri Balqis", "Noraini", "Zarina");

	private static final List<String> FATHER = List.of("Abdullah", "Ismail", "Ibrahim", "Hassan", "Osman", "Rahman",
			"Yusof", "Ahmad", "Razak", "Hamid", "Kassim", "Salleh");

	private static final List<String> COMPANY = List.of("Maju Jaya", "Sinar Harapan", "Teknologi Nusantara",
			"Bumi Hijau", "Cahaya Timur", "Seri Mutiara", "Warisan Emas");

	MalayMalaysia() {
		super("ms-MY", List.of("gmail.com", "yahoo.com.my", "hotmail.my", "outlook.com"),
				List.of(new City("Kuala Lumpur", "Wilayah Persekutuan Kuala Lumpur", "50", 5),
						new City("George Town", "Pulau Pinang", "10", 5), new City("Johor Bahru", "Johor", "80", 5),
						new City("Shah Alam", "Selangor", "40", 5), new City("Kota Kinabalu", "Sabah", "88", 5),
						new City("Ipoh", "Perak", "30", 5), new City("Kuching", "Sarawak", "93", 5)),
				List.of("Jalan Ampang", "Jalan Tun Razak", "Jalan Bukit Bintang", "Jalan Sultan Ismail",
						"Jalan Masjid India", "Lorong Kenari", "Jalan Setia Murni", "Persiaran Gurney"),
				List.of("Lebih suka dihubungi pada waktu petang.", "Bertanya tentang kad kesetiaan untuk pasangan.",
						"Mengadu tentang penghantaran lewat; ditawarkan baucar.",
						"Berminat dengan koleksi musim bunga yang baharu.",
						"Bayar melalui invois; semak dengan akaun dahulu."));
	}

	private static String patronym(boolean female, String father) {
		return (female ? "binti " : "bin ") + father;
	}

	@Override
	Name person(SplittableRandom random, boolean female) {
		return new Name(pick(female ? FEMALE : MALE, random), patronym(female, pick(FATHER, random)), female);
	}

	@Override
	Name partner(Name head, SplittableRandom random) {
		return person(random, !head.female());
	}

	@Override
	Name child(Name head, Name partner, SplittableRandom random, boolean female) {
		Name father = head.female() ? partner : head;
		return new Name(pick(female ? FEMALE : MALE, random), patronym(female, father.given()), female);
	}

	@Override
	String householdName(Name head) {
		return "Keluarga " + head.given();
	}

	@Override
	String companyName(SplittableRandom random) {
		return pick(COMPANY, random) + (random.nextBoolean() ? " Sdn Bhd" : " Enterprise");
	}

	@Override
	String emailName(Name name, SplittableRandom random, long n) {
		String[] given = name.given().split(" ");
		String father = ascii(name.family().substring(name.family().indexOf(' ') + 1));
		String first = ascii(given[given.length - 1]);
		return random.nextBoolean() ? first + "." + father + n : ascii(name.given()) + n;
	}

	@Override
	long mobileSpace() {
		return 90_000_000L;
	}

	@Override
	String mobile(long n) {
		return "01" + (1 + n / 10_000_000L) + "-" + digits((n % 10_000_000L) / 10_000, 3) + " " + digits(n % 10_000, 4);
	}

	@Override
	String line1(SplittableRandom random, String street) {
		return "No. " + (1 + random.nextInt(200)) + ", " + street;
	}

}
