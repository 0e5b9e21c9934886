package org.rapport.interaction;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The product catalogue: SKU, name, category and whether it is still sold.
 * <p>
 * Recording looks up the SKUs of every purchase, so the products found are kept in memory
 * for a short while ({@link #KEPT}, ADR 0024): a till's purchase then costs no catalogue
 * query. Products are never deleted and an unknown SKU is always looked up again, so a
 * product added anywhere is known at once; a product changed through {@link #save} is
 * forgotten when its transaction commits; one changed behind this process's back (another
 * instance, plain SQL) shows its new name and category after at most {@link #KEPT}.
 */
@Repository
class ProductCatalogue {

	private static final String COLUMNS = "sku, name, category, active";

	/** How long a product read from the table is used without reading it again. */
	static final Duration KEPT = Duration.ofSeconds(30);

	/** More distinct SKUs than this and the kept products are dropped and read afresh. */
	static final int MAX_KEPT = 50_000;

	private final JdbcClient jdbc;

	private final Clock clock;

	private final Map<String, Kept> kept = new ConcurrentHashMap<>();

	private record Kept(Product product, long until) {
	}

	ProductCatalogue(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/**
	 * The products among these SKUs, by SKU (inactive ones too: old purchases name them).
	 * Products read within {@link #KEPT} come from memory; the others from one query.
	 */
	Map<String, Product> find(Collection<String> skus) {
		if (skus.isEmpty()) {
			return Map.of();
		}
		long now = System.nanoTime();
		Map<String, Product> found = new HashMap<>();
		List<String> missing = new ArrayList<>();
		for (String sku : skus) {
			Kept k = this.kept.get(sku);
			if (k != null && now - k.until() < 0) {
				found.put(sku, k.product());
			}
			else {
				missing.add(sku);
			}
		}
		if (missing.isEmpty()) {
			return found;
		}
		List<Product> read = this.jdbc.sql("SELECT " + COLUMNS + " FROM product WHERE sku = ANY(?)")
			.param(missing.toArray(String[]::new))
			.query(ProductCatalogue::product)
			.list();
		if (this.kept.size() + read.size() > MAX_KEPT) {
			this.kept.clear();
		}
		long until = now + KEPT.toNanos();
		boolean inTransaction = TransactionSynchronizationManager.isActualTransactionActive();
		for (Product p : read) {
			found.put(p.sku(), p);
			if (!inTransaction) {
				// a caller's transaction may see its own uncommitted change: keep only
				// what every reader sees
				this.kept.put(p.sku(), new Kept(p, until));
			}
		}
		return found;
	}

	Optional<Product> get(String sku) {
		return this.jdbc.sql("SELECT " + COLUMNS + " FROM product WHERE sku = ?")
			.param(sku)
			.query(ProductCatalogue::product)
			.optional();
	}

	/**
	 * @return true when the product was new
	 */
	boolean save(Product product) {
		boolean existed = get(product.sku()).isPresent();
		forget(product.sku());
		this.jdbc.sql("""
				INSERT INTO product (sku, name, category, active, updated_at) VALUES (?, ?, ?, ?, ?)
				ON CONFLICT (sku) DO UPDATE SET name = excluded.name, category = excluded.category,
				  active = excluded.active, updated_at = excluded.updated_at
				""")
			.params(product.sku(), product.name(), product.category(), product.active(),
					OffsetDateTime.ofInstant(this.clock.instant(), ZoneOffset.UTC))
			.update();
		return !existed;
	}

	/**
	 * Drops the kept copy of the product now and again when the current transaction ends,
	 * so that nobody keeps the old one read in between.
	 */
	private void forget(String sku) {
		this.kept.remove(sku);
		if (TransactionSynchronizationManager.isSynchronizationActive()) {
			TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
				@Override
				public void afterCompletion(int status) {
					ProductCatalogue.this.kept.remove(sku);
				}
			});
		}
	}

	/** A page of the catalogue ordered by SKU, optionally only one category. */
	List<Product> list(String category, String afterSku, int limit) {
		return this.jdbc
			.sql("SELECT " + COLUMNS + " FROM product WHERE (CAST(? AS text) IS NULL OR category = ?) "
					+ "AND sku > ? ORDER BY sku LIMIT ?")
			.params(category, category, afterSku == null ? "" : afterSku, limit)
			.query(ProductCatalogue::product)
			.list();
	}

	/**
	 * A page of the catalogue for the console, ordered by SKU: the SKU starting with, or
	 * the name containing, {@code text} (case and accents as typed; no index: the
	 * catalogue is small), optionally one category and only active or inactive products.
	 */
	List<Product> search(String text, String category, Boolean active, String afterSku, int limit) {
		String like = text == null ? null : likeEscaped(text);
		return this.jdbc.sql("SELECT " + COLUMNS + """
				 FROM product
				WHERE (CAST(:like AS text) IS NULL OR sku ILIKE :like || '%' OR name ILIKE '%' || :like || '%')
				  AND (CAST(:category AS text) IS NULL OR category = :category)
				  AND (CAST(:active AS boolean) IS NULL OR active = :active)
				  AND sku > :after
				ORDER BY sku LIMIT :limit
				""")
			.param("like", like)
			.param("category", category)
			.param("active", active)
			.param("after", afterSku == null ? "" : afterSku)
			.param("limit", limit)
			.query(ProductCatalogue::product)
			.list();
	}

	/** Every category the catalogue's products name, with how many name it. */
	Map<String, Integer> categories() {
		Map<String, Integer> categories = new java.util.LinkedHashMap<>();
		this.jdbc
			.sql("SELECT category, count(*) AS n FROM product WHERE category IS NOT NULL GROUP BY category "
					+ "ORDER BY category")
			.query((rs) -> {
				categories.put(rs.getString("category"), rs.getInt("n"));
			});
		return categories;
	}

	/** The text with LIKE's wildcards and escape character taken literally. */
	static String likeEscaped(String text) {
		return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
	}

	private static Product product(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
		return new Product(rs.getString("sku"), rs.getString("name"), rs.getString("category"),
				rs.getBoolean("active"));
	}

}
