package org.rapport.interaction;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The product catalogue: SKU, name, category and whether it is still sold. */
@Repository
class ProductCatalogue {

	private static final String COLUMNS = "sku, name, category, active";

	private final JdbcClient jdbc;

	private final Clock clock;

	ProductCatalogue(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/**
	 * The products among these SKUs, by SKU (inactive ones too: old purchases name them).
	 */
	Map<String, Product> find(Collection<String> skus) {
		if (skus.isEmpty()) {
			return Map.of();
		}
		return this.jdbc.sql("SELECT " + COLUMNS + " FROM product WHERE sku = ANY(?)")
			.param(skus.toArray(String[]::new))
			.query(ProductCatalogue::product)
			.list()
			.stream()
			.collect(Collectors.toMap(Product::sku, Function.identity()));
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

	/** A page of the catalogue ordered by SKU, optionally only one category. */
	List<Product> list(String category, String afterSku, int limit) {
		return this.jdbc
			.sql("SELECT " + COLUMNS + " FROM product WHERE (CAST(? AS text) IS NULL OR category = ?) "
					+ "AND sku > ? ORDER BY sku LIMIT ?")
			.params(category, category, afterSku == null ? "" : afterSku, limit)
			.query(ProductCatalogue::product)
			.list();
	}

	private static Product product(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
		return new Product(rs.getString("sku"), rs.getString("name"), rs.getString("category"),
				rs.getBoolean("active"));
	}

}
