package org.rapport.demo;

import java.util.List;
import java.util.SplittableRandom;

/**
 * es-ES: two family names, the father's first and the mother's first; partners keep their
 * own.
 */
final class SpanishSpain extends LocaleProfile {

	private static final List<String> MALE = List.of("José", "Antonio", "Manuel", "Francisco", "Javier", "David",
			"Daniel", "Carlos", "Alejandro", "Pablo", "Álvaro", "Sergio", "Jesús", "Miguel Ángel", "Juan Carlos",
			"Raúl", "Iñigo", "Óscar");

	private static final List<String> FEMALE = List.of("María", "María José", "Carmen", "Ana", "Lucía", "Laura",
			"Marta", "Isabel", "Cristina", "Paula", "Elena", "Sofía", "Begoña", "Ángela", "Inés", "Nuria", "Raquel",
			"Mónica");

	private static final List<String> FAMILY = List.of("García", "Rodríguez", "González", "Fernández", "López",
			"Martínez", "Sánchez", "Pérez", "Gómez", "Martín", "Jiménez", "Ruiz", "Hernández", "Díaz", "Moreno",
			"Muñoz", "Álvarez", "Romero", "Núñez", "Ortega", "Iglesias", "Castaño", "Peña", "Ibáñez");

	private static final List<String> TRADE = List.of("Distribuciones", "Construcciones", "Talleres", "Bodegas",
			"Transportes", "Consultoría", "Panadería", "Hostelería");

	private static final List<String> PLACE = List.of("Levante", "del Norte", "Ibérica", "del Sur", "Castellana",
			"Mediterráneo");

	SpanishSpain() {
		super("es-ES", List.of("gmail.com", "hotmail.es", "yahoo.es", "outlook.es", "telefonica.net"),
				List.of(new City("Madrid", "Madrid", "280", 5), new City("Barcelona", "Barcelona", "080", 5),
						new City("Valencia", "Valencia", "460", 5), new City("Sevilla", "Sevilla", "410", 5),
						new City("Bilbao", "Bizkaia", "480", 5), new City("Zaragoza", "Zaragoza", "500", 5),
						new City("Málaga", "Málaga", "290", 5), new City("A Coruña", "A Coruña", "150", 5)),
				List.of("Calle Mayor", "Calle de Alcalá", "Avenida de la Constitución", "Calle Real", "Paseo de Gracia",
						"Gran Vía", "Calle del Carmen", "Avenida de Andalucía", "Calle San Vicente", "Plaza de España"),
				List.of("Prefiere que le llamen por la tarde.", "Preguntó por la tarjeta de fidelidad para su pareja.",
						"Se quejó de un retraso en la entrega; se le ofreció un vale.",
						"Interesada en la nueva colección de primavera.",
						"Paga con factura; consultar antes con contabilidad."));
	}

	@Override
	Name person(SplittableRandom random, boolean female) {
		return new Name(pick(female ? FEMALE : MALE, random), pick(FAMILY, random) + " " + pick(FAMILY, random),
				female);
	}

	@Override
	Name partner(Name head, SplittableRandom random) {
		return person(random, !head.female());
	}

	@Override
	Name child(Name head, Name partner, SplittableRandom random, boolean female) {
		Name father = head.female() ? partner : head;
		Name mother = head.female() ? head : partner;
		return new Name(pick(female ? FEMALE : MALE, random),
				firstWord(father.family()) + " " + firstWord(mother.family()), female);
	}

	@Override
	String householdName(Name head) {
		return "Familia " + firstWord(head.family());
	}

	@Override
	String companyName(SplittableRandom random) {
		return pick(TRADE, random) + " " + pick(PLACE, random) + (random.nextInt(3) == 0 ? " S.A." : " S.L.");
	}

	@Override
	long mobileSpace() {
		return 90_000_000L;
	}

	/** Never 600 ..., so the well-known demo number stays free. */
	@Override
	String mobile(long n) {
		String digits = "6" + (1 + n / 10_000_000L) + digits(n % 10_000_000L, 7);
		return (n % 2 == 0 ? "+34 " : "") + digits.substring(0, 3) + " " + digits.substring(3, 6) + " "
				+ digits.substring(6);
	}

	@Override
	String line1(SplittableRandom random, String street) {
		String floor = random.nextBoolean() ? ", " + (1 + random.nextInt(8)) + "º " + (char) ('A' + random.nextInt(4))
				: "";
		return street + ", " + (1 + random.nextInt(150)) + floor;
	}

}
