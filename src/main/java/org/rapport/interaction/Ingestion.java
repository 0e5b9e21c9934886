package org.rapport.interaction;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.rapport.access.StaffDirectory;
import org.rapport.platform.Ids;
import org.rapport.platform.web.ApiException.FieldProblem;
import org.rapport.platform.web.Text;

import org.springframework.stereotype.Component;

/**
 * Records interactions, one or a batch, in two steps: first every item is checked and its
 * customer resolved (each bad item is rejected on its own with its field problems), then
 * all good items are written in one transaction by {@link IngestionWrite}. An item either
 * is stored whole, with its lines, figures and event, or not at all.
 */
@Component
class Ingestion {

	/**
	 * Recordings of up to this many items are written together with other requests' (see
	 * {@link WriteCombiner}); bigger batches carry their own commit.
	 */
	static final int SMALL = 16;

	private final InteractionRules rules;

	private final CustomerResolver customers;

	private final ProductCatalogue catalogue;

	private final IngestionWrite write;

	private final WriteCombiner combiner;

	private final Clock clock;

	private final StaffDirectory staff;

	Ingestion(IngestionSettings settings, CustomerResolver customers, ProductCatalogue catalogue, IngestionWrite write,
			WriteCombiner combiner, Clock clock, StaffDirectory staff) {
		this.staff = staff;
		this.rules = new InteractionRules(settings);
		this.customers = customers;
		this.catalogue = catalogue;
		this.write = write;
		this.combiner = combiner;
		this.clock = clock;
	}

	List<RecordResult> record(List<NewInteraction> items) {
		return record(items, null);
	}

	/**
	 * As {@link #record(List)}; with {@code shown}, every created interaction is also put
	 * there as stored, so that the caller can answer with it without reading it back.
	 */
	List<RecordResult> record(List<NewInteraction> items, Map<UUID, InteractionView> shown) {
		Instant now = this.clock.instant();
		List<NewInteraction> normalised = items.stream().map(Ingestion::normalise).toList();
		Set<String> skus = new HashSet<>();
		for (NewInteraction item : normalised) {
			if (item != null) {
				item.lines().stream().filter((l) -> l != null && l.sku() != null).forEach((l) -> skus.add(l.sku()));
			}
		}
		Map<String, Product> products = this.catalogue.find(skus);
		CustomerResolver.Session session = this.customers.session();
		Map<UUID, Boolean> staff = new HashMap<>();
		List<RecordResult> results = new ArrayList<>();
		List<Prepared> good = new ArrayList<>();
		for (int i = 0; i < normalised.size(); i++) {
			NewInteraction item = normalised.get(i);
			if (item == null) {
				results.add(RecordResult.rejected(i,
						List.of(FieldProblem.of("", Text.of("interaction.rule.null", "must not be null")))));
				continue;
			}
			List<FieldProblem> problems = new ArrayList<>(this.rules.check(item, now, products));
			if (item.staffId() != null && !staff.computeIfAbsent(item.staffId(), this::staffExists)) {
				problems.add(FieldProblem.of("staffId",
						Text.of("interaction.staff.unknown-id", "no staff member has this id")));
			}
			if (problems.isEmpty() && item.customerId() != null && item.identity() != null) {
				problems.addAll(session.disagreement(item));
			}
			if (!problems.isEmpty()) {
				results.add(RecordResult.rejected(i, problems));
				continue;
			}
			if (item.customerId() != null) {
				// resolved by the write, in its transaction, with all others named by id
				good.add(prepare(i, item, products, true));
				continue;
			}
			CustomerResolver.Resolution customer = session.resolve(item);
			if (!customer.problems().isEmpty()) {
				results.add(RecordResult.rejected(i, customer.problems()));
				continue;
			}
			good.add(prepare(i, item.forCustomer(customer.customerId()), products, false));
		}
		Map<Integer, Prepared> byIndex = new HashMap<>();
		good.forEach((p) -> byIndex.put(p.index(), p));
		List<Prepared> again = new ArrayList<>();
		for (RecordResult r : write(good, now, shown)) {
			if (r.status() != RecordResult.Status.REJECTED || r.errors().size() != 1
					|| r.errors().get(0) != CustomerResolver.NOT_ACTIVE) {
				results.add(r);
				continue;
			}
			// not active: unknown, erased, or merged more than once; the front door tells
			Prepared p = byIndex.get(r.index());
			CustomerResolver.Resolution customer = session.resolve(p.item());
			if (customer.problems().isEmpty()) {
				again.add(p.resolvedTo(customer.customerId()));
			}
			else {
				results.add(RecordResult.rejected(r.index(), customer.problems()));
			}
		}
		results.addAll(write(again, now, shown));
		results.sort(Comparator.comparingInt(RecordResult::index));
		return results;
	}

	/** Whether a staff member (active or no longer) has this id. */
	private boolean staffExists(UUID id) {
		return this.staff.byId(id).isPresent();
	}

	private List<RecordResult> write(List<Prepared> good, Instant now, Map<UUID, InteractionView> shown) {
		if (good.isEmpty()) {
			return new ArrayList<>();
		}
		return (good.size() <= SMALL) ? this.combiner.write(good, shown) : this.write.write(good, now, shown);
	}

	private Prepared prepare(int index, NewInteraction item, Map<String, Product> products, boolean namedById) {
		List<Prepared.Line> lines = new ArrayList<>();
		for (int n = 0; n < item.lines().size(); n++) {
			NewLine l = item.lines().get(n);
			lines.add(new Prepared.Line(n + 1, l.sku(), products.get(l.sku()).category(), l.quantity(), l.unitPrice(),
					l.discount() == null ? java.math.BigDecimal.ZERO : l.discount(),
					l.amount() != null ? l.amount() : InteractionRules.expectedAmount(l), l.purchaseLineNo()));
		}
		java.util.UUID id = Ids.next(this.clock);
		String key = item.effectiveKey() != null ? item.effectiveKey() : Prepared.ownKey(id);
		return new Prepared(index, id, item.customerId(), item, key, lines, namedById);
	}

	/**
	 * Names compared case-insensitively are stored in lower case; free text is trimmed.
	 */
	static NewInteraction normalise(NewInteraction in) {
		if (in == null) {
			return null;
		}
		return new NewInteraction(in.customerId(), in.identity(), in.kind(), lower(in.channel()), in.occurredAt(),
				lower(in.sourceSystem()), strip(in.externalId()), strip(in.idempotencyKey()), in.outcome(),
				strip(in.outcomeReason()), in.direction(), strip(in.orderReference()), in.total(),
				in.currency() == null ? null : in.currency().strip().toUpperCase(Locale.ROOT), strip(in.store()),
				in.staffId(), in.relatedPurchaseId(), in.referenceId(), in.attributes(), in.lines());
	}

	private static String lower(String value) {
		return value == null ? null : value.strip().toLowerCase(Locale.ROOT);
	}

	private static String strip(String value) {
		return (value == null || value.isBlank()) ? null : value.strip();
	}

}
