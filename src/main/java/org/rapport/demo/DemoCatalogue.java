package org.rapport.demo;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.rapport.interaction.Product;

/**
 * The small product catalogue generated purchases buy from: 40 products in 6 categories,
 * always the same (a fixed seed), each with its shelf price.
 */
final class DemoCatalogue {

	/** A product and its price. */
	record Item(String sku, String name, String category, BigDecimal price) {

		Product product() {
			return new Product(this.sku, this.name, this.category, true);
		}

	}

	private static final String[][] CATEGORIES = {
			{ "wine", "WIN", "6", "45", "Rioja Crianza", "Albariño", "Ribera del Duero Reserva", "Cava Brut", "Verdejo",
					"Priorat", "Tempranillo Joven" },
			{ "food", "FOO", "2", "25", "Jamón Ibérico 100 g", "Manchego curado", "Aceite de oliva virgen extra",
					"Turrón de Jijona", "Chocolate 70%", "Aceitunas gordal", "Café molido" },
			{ "sport", "SPO", "12", "120", "Running shoes", "Sports socks 3-pack", "Water bottle", "Yoga mat",
					"Cycling gloves", "Training shirt", "Running jacket" },
			{ "home", "HOM", "5", "90", "Linen tablecloth", "Ceramic bowl set", "Scented candle", "Wine glasses 4x",
					"Olive wood board", "Cotton towel" },
			{ "beauty", "BEA", "4", "60", "Hand cream", "Olive oil soap", "Eau de toilette", "Face serum", "Lip balm",
					"Shampoo" },
			{ "books", "BOO", "8", "35", "Cookbook: Tapas", "Wine atlas", "City guide", "Novel of the month",
					"Children's picture book", "Running diary", "Garden notebook" } };

	private static final List<Item> ITEMS = build();

	private static final java.util.Map<String, List<Item>> BY_CATEGORY = ITEMS.stream()
		.collect(java.util.stream.Collectors.groupingBy(Item::category,
				java.util.stream.Collectors.toUnmodifiableList()));

	private DemoCatalogue() {
	}

	static List<Item> items() {
		return ITEMS;
	}

	static int categories() {
		return CATEGORIES.length;
	}

	static String category(int index) {
		return CATEGORIES[index][0];
	}

	/** The products of one category. */
	static List<Item> of(String category) {
		return BY_CATEGORY.getOrDefault(category, List.of());
	}

	private static List<Item> build() {
		SplittableRandom random = new SplittableRandom(40_6L);
		List<Item> items = new ArrayList<>();
		for (String[] category : CATEGORIES) {
			double low = Double.parseDouble(category[2]);
			double high = Double.parseDouble(category[3]);
			for (int i = 4; i < category.length; i++) {
				double price = low * Math.pow(high / low, random.nextDouble());
				items.add(new Item("G-" + category[1] + "-" + (i - 3 < 10 ? "0" : "") + (i - 3), category[i],
						category[0], BigDecimal.valueOf(Math.round(price) - 0.01).setScale(2, RoundingMode.HALF_UP)));
			}
		}
		return List.copyOf(items);
	}

}
