package org.rapport.interaction;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.rapport.customer.Identity;
import org.rapport.customer.Prospects;
import org.rapport.platform.Ids;
import org.rapport.platform.web.ApiException.FieldProblem;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Component;

/**
 * The Java half of storing a chunk, done on the reading thread while the writer stores
 * the chunk before ({@link ChunkFeed}): every interaction is checked against the API's
 * rules, normalised, given its id and key and rendered as COPY text for the staging
 * tables ({@link ImportStaging#render}); identities are normalised and every customer
 * named gets a reference of the chunk ({@link ImportBatch}). Nothing here writes: the
 * customers are resolved, and prospects created, in the chunk's transaction by
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
					ImportProblems.reject(g, List.of(new FieldProblem("identity_value", ex.getMessage())),
							batch.rejections());
					continue;
				}
			}
			if (item.kind() == InteractionKind.RETURN) {
				batch.returned(ref, g);
			}
			else {
				ImportStaging.render(this.json, batch, ref, prepare(item, products, now));
				batch.staged(ref, g);
			}
		}
		return batch;
	}

	private static Prepared prepare(NewInteraction item, Map<String, Product> products, Instant now) {
		List<Prepared.Line> lines = new ArrayList<>(item.lines().size());
		for (int n = 0; n < item.lines().size(); n++) {
			NewLine l = item.lines().get(n);
			lines.add(new Prepared.Line(n + 1, l.sku(), products.get(l.sku()).category(), l.quantity(), l.unitPrice(),
					l.discount() == null ? BigDecimal.ZERO : l.discount(),
					l.amount() != null ? l.amount() : InteractionRules.expectedAmount(l), null));
		}
		return new Prepared(0, Ids.next(now.toEpochMilli()), null, item, item.effectiveKey(), lines);
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
