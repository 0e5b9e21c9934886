package org.rapport.demo;

import java.util.List;
import java.util.SplittableRandom;

/** ru-RU: Cyrillic names; family names take a feminine form (Иванов, Иванова). */
final class RussianRussia extends LocaleProfile {

	private static final List<String> MALE = List.of("Александр", "Дмитрий", "Максим", "Сергей", "Андрей", "Алексей",
			"Иван", "Михаил", "Николай", "Владимир", "Артём", "Юрий");

	private static final List<String> FEMALE = List.of("Ольга", "Анна", "Елена", "Наталья", "Татьяна", "Мария",
			"Екатерина", "Ирина", "Светлана", "Юлия", "Дарья", "Алёна");

	private static final List<String> FAMILY = List.of("Иванов", "Смирнов", "Кузнецов", "Попов", "Васильев", "Петров",
			"Соколов", "Михайлов", "Новиков", "Фёдоров", "Морозов", "Волков", "Лебедев", "Козлов", "Ёлкин", "Никитин",
			"Орлов", "Белов", "Ковалевский", "Жуковский");

	private static final List<String> COMPANY = List.of("Сибирские Технологии", "Северный Ветер", "Волга-Трейд",
			"Альфа Логистик", "Уральский Металл", "Русский Хлеб", "Балтийская Верфь");

	RussianRussia() {
		super("ru-RU", List.of("mail.ru", "yandex.ru", "gmail.com", "rambler.ru"),
				List.of(new City("Москва", "Москва", "1010", 6),
						new City("Санкт-Петербург", "Санкт-Петербург", "190", 6),
						new City("Новосибирск", "Новосибирская область", "630", 6),
						new City("Екатеринбург", "Свердловская область", "620", 6),
						new City("Казань", "Республика Татарстан", "420", 6),
						new City("Нижний Новгород", "Нижегородская область", "603", 6),
						new City("Самара", "Самарская область", "443", 6)),
				List.of("ул. Ленина", "ул. Пушкина", "пр. Мира", "ул. Гагарина", "ул. Советская", "Невский пр.",
						"ул. Садовая", "ул. Лесная"),
				List.of("Предпочитает звонки вечером.", "Спрашивал о карте лояльности для супруги.",
						"Жалоба на задержку доставки; предложен купон.", "Интересуется новой весенней коллекцией.",
						"Оплата по счёту; сначала согласовать с бухгалтерией."));
	}

	/** The family name as a man or a woman of the family carries it. */
	static String gendered(String masculine, boolean female) {
		if (!female) {
			return masculine;
		}
		return masculine.endsWith("ский") ? masculine.substring(0, masculine.length() - 2) + "ая" : masculine + "а";
	}

	static String masculine(Name name) {
		String family = name.family();
		if (!name.female()) {
			return family;
		}
		return family.endsWith("ская") ? family.substring(0, family.length() - 2) + "ий"
				: family.substring(0, family.length() - 1);
	}

	@Override
	Name person(SplittableRandom random, boolean female) {
		return new Name(pick(female ? FEMALE : MALE, random), gendered(pick(FAMILY, random), female), female);
	}

	@Override
	Name partner(Name head, SplittableRandom random) {
		boolean female = !head.female();
		return new Name(pick(female ? FEMALE : MALE, random), gendered(masculine(head), female), female);
	}

	@Override
	Name child(Name head, Name partner, SplittableRandom random, boolean female) {
		return new Name(pick(female ? FEMALE : MALE, random), gendered(masculine(head), female), female);
	}

	@Override
	String householdName(Name head) {
		String family = masculine(head);
		return "Семья " + (family.endsWith("ий") ? family.substring(0, family.length() - 2) + "их" : family + "ых");
	}

	@Override
	String companyName(SplittableRandom random) {
		return (random.nextInt(4) == 0 ? "АО «" : "ООО «") + pick(COMPANY, random) + "»";
	}

	@Override
	long mobileSpace() {
		return 1_000_000_000L;
	}

	@Override
	String mobile(long n) {
		String d = "9" + digits(n, 9);
		String grouped = d.substring(3, 6) + "-" + d.substring(6, 8) + "-" + d.substring(8);
		return n % 2 == 0 ? "+7 " + d.substring(0, 3) + " " + grouped : "8 (" + d.substring(0, 3) + ") " + grouped;
	}

	@Override
	String line1(SplittableRandom random, String street) {
		return street + ", д. " + (1 + random.nextInt(120)) + ", кв. " + (1 + random.nextInt(300));
	}

}
