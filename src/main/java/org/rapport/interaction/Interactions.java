package org.rapport.interaction;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.rapport.audit.AuditTrail;
import org.rapport.platform.web.ApiException;
import org.rapport.platform.web.Text;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Front door of the interactions: record one interaction (the point-of-sale path) or a
 * batch, read one, a customer's timeline and figures, and keep the product catalogue.
 * Recording is idempotent per source system and key; what one call records is announced
 * with one {@link InteractionsRecorded}.
 */
@Service
@EnableConfigurationProperties(IngestionSettings.class)
public class Interactions {

	private final Ingestion ingestion;

	private final InteractionQueries queries;

	private final FiguresStore figures;

	private final ProductCatalogue products;

	private final IngestionSettings settings;

	private final AuditTrail audit;

	Interactions(Ingestion ingestion, InteractionQueries queries, FiguresStore figures, ProductCatalogue products,
			IngestionSettings settings, AuditTrail audit) {
		this.audit = audit;
		this.ingestion = ingestion;
		this.queries = queries;
		this.figures = figures;
		this.products = products;
		this.settings = settings;
	}

	/**
	 * Records one interaction: {@code CREATED}, {@code DUPLICATE} of the original when
	 * its source system and key were recorded before, or {@code REJECTED} with field
	 * problems.
	 */
	public RecordResult record(NewInteraction interaction) {
		return this.ingestion.record(java.util.Collections.singletonList(interaction)).get(0);
	}

	/**
	 * Records one interaction and answers it as stored: a created one from what its
	 * inserts returned (no second read, ADR 0024), the original of a duplicate as read
	 * back, none for a rejected one.
	 */
	public Recording recordAndShow(NewInteraction interaction) {
		Map<UUID, InteractionView> shown = new HashMap<>();
		RecordResult result = this.ingestion.record(java.util.Collections.singletonList(interaction), shown).get(0);
		InteractionView view = switch (result.status()) {
			case CREATED ->
				shown.containsKey(result.id()) ? shown.get(result.id()) : this.queries.get(result.id()).orElseThrow();
			case DUPLICATE -> this.queries.get(result.id()).orElseThrow();
			case REJECTED -> null;
		};
		return new Recording(result, view);
	}

	/**
	 * What recording one interaction did, with the interaction as stored (null when it
	 * was rejected).
	 */
	public record Recording(RecordResult result, InteractionView interaction) {
	}

	/**
	 * Records a batch; every item gets its own result, in order. Bad items are rejected
	 * without holding back the good ones; the good ones are written in one transaction.
	 * @throws ApiException 400 when the batch is empty or larger than the configured
	 * maximum
	 */
	public BatchResult recordBatch(List<NewInteraction> interactions) {
		if (interactions == null || interactions.isEmpty()) {
			throw ApiException.invalid("items", Text.of("interaction.batch.empty", "give at least one interaction"));
		}
		if (interactions.size() > this.settings.maxBatch()) {
			throw ApiException.invalid("items", Text.of("interaction.batch.too-large",
					"at most {0} interactions per batch", String.valueOf(this.settings.maxBatch())));
		}
		return BatchResult.of(this.ingestion.record(interactions));
	}

	@Transactional(readOnly = true)
	public Optional<InteractionView> get(UUID id) {
		return this.queries.get(id);
	}

	/**
	 * A page of the customer's timeline, newest first.
	 * @param cursor the {@code next} of the previous page, or null to use the page number
	 */
	@Transactional(readOnly = true)
	public TimelinePage timeline(UUID customerId, TimelineFilter filter, int page, int size, String cursor) {
		if (page < 0) {
			throw ApiException.invalid("page", Text.of("interaction.page.negative", "must not be negative"));
		}
		if (size < 1 || size > 200) {
			throw ApiException.invalid("size", Text.of("interaction.size.range", "must be between 1 and 200"));
		}
		if (filter.from() != null && filter.to() != null && !filter.from().isBefore(filter.to())) {
			throw ApiException.invalid("to", Text.of("interaction.period.to-after-from", "must be after from"));
		}
		return this.queries.timeline(customerId, filter, page, size, TimelineCursor.decode(cursor));
	}

	/** The customer's figures; all zero for a customer without interactions. */
	@Transactional(readOnly = true)
	public CustomerFigures figures(UUID customerId) {
		return this.figures.find(customerId).orElseGet(() -> CustomerFigures.none(customerId, this.figures.currency()));
	}

	/**
	 * The figures of the customers with the highest revenue among those who bought after
	 * {@code since}, highest first (ties by customer id), at most {@code limit}.
	 */
	@Transactional(readOnly = true)
	public List<CustomerFigures> topBuyers(Instant since, int limit) {
		return this.figures.topBuyers(since, limit);
	}

	@Transactional(readOnly = true)
	public Optional<Product> product(String sku) {
		return this.products.get(sku);
	}

	/**
	 * Adds or replaces a product; answers true when it was new. A change is audited with
	 * the product before and after (a product saved as it was changes nothing and is
	 * not).
	 */
	@Transactional
	public boolean saveProduct(Product product) {
		Optional<Product> before = this.products.get(product.sku());
		if (before.isPresent() && before.get().equals(product)) {
			return false;
		}
		boolean created = this.products.save(product);
		this.audit.record(AuditTrail.Change.of(created ? "product.added" : "product.changed", "product", product.sku(),
				created ? Text.of("interaction.audit.product-added", "Added product {0} ({1})", product.sku(),
						product.name())
						: Text.of("interaction.audit.product-changed", "Changed product {0} ({1})", product.sku(),
								product.name()),
				before.orElse(null), product));
		return created;
	}

	/**
	 * The console's page of the catalogue: SKU starting with or name containing
	 * {@code text}, optionally of one category, only active or inactive products; ordered
	 * by SKU after {@code afterSku}.
	 */
	@Transactional(readOnly = true)
	public List<Product> searchProducts(String text, String category, Boolean active, String afterSku, int limit) {
		return this.products.search(blankToNull(text), blankToNull(category), active, afterSku,
				Math.max(1, Math.min(limit, 500)));
	}

	/** The catalogue's categories, in order, with how many products name each. */
	@Transactional(readOnly = true)
	public Map<String, Integer> productCategories() {
		return this.products.categories();
	}

	private static String blankToNull(String text) {
		return (text == null || text.isBlank()) ? null : text.strip();
	}

	/** Products ordered by SKU, after {@code afterSku}, optionally of one category. */
	@Transactional(readOnly = true)
	public List<Product> products(String category, String afterSku, int limit) {
		return this.products.list(category, afterSku, Math.max(1, Math.min(limit, 500)));
	}

}
