package org.rapport.interaction;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.UUID;

import org.rapport.customer.Identity;
import org.rapport.customer.Prospects;
import org.rapport.platform.Ids;
import org.rapport.platform.db.BinaryCopyRows;
import org.rapport.platform.web.ApiException.FieldProblem;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Component;

/**
 * The Java half of storing a chunk, done on the reading thread while the writer stores
 * the chunk before ({@link ChunkFeed}): every interaction is checked against the API's
 * rules, normalised, given its id and key and rendered as binary COPY rows
 * ({@link BinaryCopyRows}); identities are normalised and every customer named gets a
 * reference of the chunk ({@link ImportBatch}). Nothing here writes: the customers are
 * resolved, and prospects created, in the chunk's transaction by
 * {@link ImportChunkWriter}.
 */
@Component
class ImportChecks {

	private final InteractionRules rules;

	private final ProductCatalogue catalogue;

	private final Prospects prospects;

	private final JsonMapper json;

	private final Clock clock;

	ImportChecks(IngestionSettings settings, ProductCatalogue catalogue, Prospects prospects, JsonMapper json,
			Clock clock) {
		this.rules = new InteractionRules(settings);
		this.catalogue = catalogue;
		this.prospects = prospects;
		this.json = json;
		this.clock = clock;
	}

	/** The chunk checked and rendered; rejected lines go with it. */
	ImportBatch prepare(ChunkFeed.Chunk chunk) {
		Instant now = this.clock.instant();
		// ids by the thousand: random bits from a fast generator seeded securely per
		// chunk
		SplittableRandom random = new SplittableRandom(Ids.seed());
		ImportBatch batch = new ImportBatch(chunk.rejected());
		Map<String, Product> products = this.catalogue.find(skus(chunk.groups()));
		for (InteractionReader.Group g : chunk.groups()) {
			NewInteraction item = Ingestion.normalise(g.interaction());
			List<FieldProblem> problems = this.rules.check(item, now, products);
			if (!problems.isEmpty()) {
				ImportProblems.reject(g, problems, batch.rejections());
				continue;
			}
			int ref;
			if (item.customerId() != null) {
				ref = batch.ref(item.customerId());
			}
			else {
				CustomerIdentityRef identity = item.identity();
				try {
					ref = batch.ref(this.prospects.normalise(identity.type(), identity.source(), identity.value()));
				}
				catch (Identity.InvalidIdentityException ex) {
					ImportProblems.reject(g, List.of(FieldProblem.of("identity_value", ex.text())), batch.rejections());
					continue;
				}
			}
			if (item.kind() == InteractionKind.RETURN) {
				batch.returned(ref, g);
			}
			else {
				batch.staged(render(batch, ref, g, item, products, now, random));
			}
		}
		return batch;
	}

	/**
	 * Appends a checked interaction and its lines to the chunk's COPY rows
	 * ({@link ImportStaging#COLUMNS}, {@link ImportStaging#LINE_COLUMNS}), its customer
	 * and recorded-at left blank for the writer.
	 */
	private ImportBatch.Staged render(ImportBatch batch, int ref, InteractionReader.Group g, NewInteraction it,
			Map<String, Product> products, Instant now, SplittableRandom random) {
		UUID id = Ids.next(now.toEpochMilli(), random.nextLong());
		String key = it.effectiveKey();
		BinaryCopyRows rows = batch.interactions();
		int rowStart = rows.size();
		rows.row(ImportStaging.FIELDS)
			.uuid(id)
			.uuidSlot()
			.timestamptz(Instant.EPOCH)
			.text(it.kind().name())
			.text(it.channel())
			.timestamptz(it.occurredAt())
			.text(it.sourceSystem())
			.text(it.externalId())
			.text(key)
			.text(name(it.outcome()))
			.text(it.outcomeReason())
			.text(name(it.direction()))
			.text(it.orderReference())
			.numeric(it.total())
			.text(it.currency())
			.text(it.store())
			.uuid(it.staffId())
			.uuid(it.referenceId())
			.jsonb(it.attributes().isEmpty() ? "{}" : this.json.writeValueAsString(it.attributes()));
		int rowEnd = rows.size();
		BinaryCopyRows lines = batch.lines();
		int lineStart = lines.size();
		for (int n = 0; n < it.lines().size(); n++) {
			NewLine l = it.lines().get(n);
			lines.row(ImportStaging.LINE_FIELDS)
				.uuid(id)
				.int4Field(n + 1)
				.text(l.sku())
				.text(products.get(l.sku()).category())
				.numeric(l.quantity())
				.numeric(l.unitPrice())
				.numeric(l.discount() == null ? BigDecimal.ZERO : l.discount())
				.numeric(l.amount() != null ? l.amount() : InteractionRules.expectedAmount(l));
		}
		return new ImportBatch.Staged(ref, g, it, id, key, rowStart, rowEnd, lineStart, lines.size());
	}

	private static String name(Enum<?> value) {
		return value == null ? null : value.name();
	}

	private static Set<String> skus(List<InteractionReader.Group> groups) {
		Set<String> skus = new HashSet<>();
		for (InteractionReader.Group g : groups) {
			for (NewLine l : g.interaction().lines()) {
				if (l != null && l.sku() != null) {
					skus.add(l.sku());
				}
			}
		}
		return skus;
	}

}
