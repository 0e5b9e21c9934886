package org.rapport.demo;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;

import org.rapport.interaction.BulkInteraction;
import org.rapport.interaction.InteractionKind;

/**
 * Generates one customer's history: purchases in a buy-till-you-die rhythm (see
 * {@link HistorySettings}) starting at their first purchase, baskets of one to five lines
 * from the {@link DemoCatalogue} worth about the customer's Gamma-Gamma spend, a few
 * returns, and calls, visits and e-mails ({@link HistoryContacts}). Every customer draws
 * from a random stream of their own (seed and external key), so a history does not depend
 * on which other customers are generated, or in which order.
 */
final class PurchaseHistory {

	static final long DAY = 86_400_000L;

	private static final double[] LINE_COUNTS = { 0.35, 0.30, 0.20, 0.10, 0.05 };

	private static final Map<String, List<String>> STORES = Map.of("ES",
			List.of("Madrid Centro", "Madrid Salamanca", "Barcelona Gràcia", "Valencia Ruzafa"), "US",
			List.of("New York SoHo", "Chicago Loop", "Austin South Congress"), "RU",
			List.of("Москва Тверская", "Санкт-Петербург Невский"), "MY", List.of("Kuala Lumpur Bangsar", "Penang"));

	private final HistorySettings settings;

	PurchaseHistory(HistorySettings settings) {
		this.settings = settings;
	}

	/** A customer to generate a history for. */
	record Customer(UUID id, String externalKey, String region) {
	}

	/**
	 * A customer's own parameters: purchase rate per day, dropout probability after each
	 * repeat purchase, Gamma-Gamma rate ν (mean spend p/ν), first purchase (epoch ms),
	 * favourite category and share of purchases in the web shop.
	 */
	record Traits(double lambda, double dropout, double nu, long firstPurchase, int favourite, double webShare) {
	}

	HistorySettings settings() {
		return this.settings;
	}

	SplittableRandom random(String externalKey) {
		long seed = Showcase.isShowcase(externalKey) ? 0 : this.settings.seed();
		return new SplittableRandom(seed * 0x9E3779B97F4A7C15L ^ Draws.hash(externalKey));
	}

	Traits traits(SplittableRandom random) {
		HistorySettings s = this.settings;
		double lambda = Draws.gamma(random, s.r(), 1 / s.alpha());
		double dropout = Draws.beta(random, s.a(), s.b());
		double nu = Draws.gamma(random, s.q(), 1 / s.gamma());
		long window = s.windowDays() * DAY;
		long first = daytime(s.asOf().toEpochMilli() - window + (long) (random.nextDouble() * window), random);
		return new Traits(lambda, dropout, nu, first, random.nextInt(DemoCatalogue.categories()),
				random.nextDouble() * 0.6);
	}

	/** The customer's whole history, oldest first, keyed and with ids. */
	List<BulkInteraction> history(Customer customer) {
		SplittableRandom random = random(customer.externalKey());
		boolean showcase = Showcase.isShowcase(customer.externalKey());
		Traits traits = showcase ? ShowcaseHistory.traits(this.settings) : traits(random);
		List<String> stores = STORES.getOrDefault(customer.region(), List.of("Online"));
		String homeStore = stores.get(random.nextInt(stores.size()));
		List<HistoryDraft> drafts = new ArrayList<>();
		List<HistoryDraft> purchases = purchases(traits, random, homeStore);
		drafts.addAll(purchases);
		for (HistoryDraft purchase : purchases) {
			if (random.nextDouble() < this.settings.returnShare()) {
				HistoryDraft ret = returnOf(purchase, random);
				if (ret != null) {
					drafts.add(ret);
				}
			}
		}
		long lastPurchase = purchases.get(purchases.size() - 1).at;
		new HistoryContacts(this.settings, random).add(drafts, traits.firstPurchase(), lastPurchase, homeStore);
		if (showcase) {
			ShowcaseHistory.extras(this.settings, drafts, purchases, (p) -> returnOf(p, random));
		}
		drafts.sort(Comparator.comparingLong((HistoryDraft d) -> d.at));
		String prefix = this.settings.keyPrefix(showcase ? "showcase" : String.valueOf(this.settings.seed()),
				customer.externalKey());
		for (int i = 0; i < drafts.size(); i++) {
			HistoryDraft d = drafts.get(i);
			d.key = prefix + (i + 1);
			d.id = showcase ? BulkInteraction.idFor(HistorySettings.SOURCE, d.key)
					: interactionId(customer.id(), i + 1);
		}
		List<BulkInteraction> history = new ArrayList<>(drafts.size());
		for (HistoryDraft d : drafts) {
			history.add(d.toInteraction(customer.id(), this.settings.currency()));
		}
		return history;
	}

	/**
	 * The id of the customer's n-th generated interaction: the customer's id counted up
	 * by n in its low 62 bits. Customer ids are time-ordered (version 7) and loaded in
	 * the order their histories are generated, so the interactions' ids arrive in
	 * ascending order and their primary-key (and line) index inserts land on the
	 * right-most pages instead of all over the index. Like the key, it is the same in
	 * every run against the same customers.
	 */
	static UUID interactionId(UUID customer, int n) {
		long low = customer.getLeastSignificantBits();
		return new UUID(customer.getMostSignificantBits(),
				(low & 0xC000000000000000L) | ((low + n) & 0x3FFFFFFFFFFFFFFFL));
	}

	/**
	 * The first purchase, then while active a purchase after every exponential wait,
	 * dropping out after a repeat purchase with the customer's probability.
	 */
	private List<HistoryDraft> purchases(Traits traits, SplittableRandom random, String store) {
		long asOf = this.settings.asOf().toEpochMilli();
		List<HistoryDraft> purchases = new ArrayList<>();
		purchases.add(purchase(traits, random, traits.firstPurchase(), store));
		double t = traits.firstPurchase();
		while (true) {
			t += Draws.exponential(random, traits.lambda()) * DAY;
			if (t >= asOf) {
				break;
			}
			long previous = purchases.get(purchases.size() - 1).at;
			long at = Math.max(daytime((long) t, random), previous + 1_800_000L);
			if (at >= asOf) {
				break;
			}
			purchases.add(purchase(traits, random, at, store));
			if (random.nextDouble() < traits.dropout()) {
				break;
			}
		}
		return purchases;
	}

	private HistoryDraft purchase(Traits traits, SplittableRandom random, long at, String store) {
		boolean web = random.nextDouble() < traits.webShare();
		HistoryDraft purchase = new HistoryDraft(InteractionKind.PURCHASE, at, web ? "web" : "store");
		purchase.store = web ? null : store;
		purchase.lines = basket(traits, random);
		purchase.total = purchase.lines.stream()
			.map(BulkInteraction.Line::amount)
			.reduce(BigDecimal.ZERO, BigDecimal::add);
		return purchase;
	}

	/** One to five lines worth about one Gamma-Gamma transaction value together. */
	private List<BulkInteraction.Line> basket(Traits traits, SplittableRandom random) {
		double value = Draws.gamma(random, this.settings.p(), 1 / traits.nu());
		int count = 1;
		double u = random.nextDouble();
		while (count < LINE_COUNTS.length && (u -= LINE_COUNTS[count - 1]) > 0) {
			count++;
		}
		List<DemoCatalogue.Item> favourite = DemoCatalogue.of(DemoCatalogue.category(traits.favourite()));
		List<DemoCatalogue.Item> all = DemoCatalogue.items();
		List<BulkInteraction.Line> lines = new ArrayList<>(count);
		List<String> skus = new ArrayList<>(count);
		for (int n = 1; n <= count; n++) {
			List<DemoCatalogue.Item> from = random.nextBoolean() ? favourite : all;
			DemoCatalogue.Item item = from.get(random.nextInt(from.size()));
			if (skus.contains(item.sku())) {
				continue;
			}
			skus.add(item.sku());
			double share = value / count;
			long quantity = Math.max(1, Math.min(12, Math.round(share / item.price().doubleValue())));
			BigDecimal gross = item.price().multiply(BigDecimal.valueOf(quantity));
			BigDecimal discount = random.nextDouble() < 0.1
					? gross.multiply(new BigDecimal("0.10")).setScale(2, RoundingMode.HALF_UP)
					: BigDecimal.ZERO.setScale(2);
			lines.add(new BulkInteraction.Line(lines.size() + 1, item.sku(), item.category(),
					BigDecimal.valueOf(quantity), item.price(), discount, gross.subtract(discount), null));
		}
		return lines;
	}

	/**
	 * Part or all of one line of the purchase, brought back 2 to 20 days later; null when
	 * that would be after the as-of date.
	 */
	HistoryDraft returnOf(HistoryDraft purchase, SplittableRandom random) {
		long at = daytime(purchase.at + (2 + random.nextInt(19)) * DAY, random);
		if (at >= this.settings.asOf().toEpochMilli()) {
			return null;
		}
		BulkInteraction.Line line = purchase.lines.get(random.nextInt(purchase.lines.size()));
		long bought = line.quantity().longValueExact();
		long back = 1 + random.nextInt((int) bought);
		BigDecimal discount = line.discount()
			.multiply(BigDecimal.valueOf(back))
			.divide(BigDecimal.valueOf(bought), 2, RoundingMode.HALF_UP);
		BigDecimal amount = line.unitPrice().multiply(BigDecimal.valueOf(back)).subtract(discount);
		HistoryDraft ret = new HistoryDraft(InteractionKind.RETURN, at, purchase.channel);
		ret.store = purchase.store;
		ret.purchase = purchase;
		ret.lines = List.of(new BulkInteraction.Line(1, line.sku(), line.category(), BigDecimal.valueOf(back),
				line.unitPrice(), discount, amount, line.lineNo()));
		ret.total = amount;
		return ret;
	}

	/** The same day, at a time between 09:00 and 21:00 UTC. */
	static long daytime(long at, SplittableRandom random) {
		return Math.floorDiv(at, DAY) * DAY + 9 * 3_600_000L + (long) (random.nextDouble() * 12 * 3_600_000L);
	}

}
