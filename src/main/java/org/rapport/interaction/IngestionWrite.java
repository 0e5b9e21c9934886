package org.rapport.interaction;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.rapport.platform.web.ApiException.FieldProblem;
import org.rapport.platform.web.Text;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The write step of recording: in one transaction, finds items recorded before under
 * their key (duplicates change nothing), checks returns against their locked purchases,
 * inserts the rest with their lines in two set-based statements, adds them to the
 * customers' figures in one more, and publishes one {@link InteractionsRecorded} with
 * every new interaction (none when nothing was created; ADR 0015).
 */
@Component
class IngestionWrite {

	private final InteractionStore store;

	private final FiguresStore figures;

	private final ApplicationEventPublisher events;

	private final CustomerResolver customers;

	IngestionWrite(InteractionStore store, FiguresStore figures, ApplicationEventPublisher events) {
		this(store, figures, events, null);
	}

	@Autowired
	IngestionWrite(InteractionStore store, FiguresStore figures, ApplicationEventPublisher events,
			CustomerResolver customers) {
		this.store = store;
		this.figures = figures;
		this.events = events;
		this.customers = customers;
	}

	@Transactional
	List<RecordResult> write(List<Prepared> items, Instant now) {
		return write(items, now, null);
	}

	/**
	 * As {@link #write(List, Instant)}; with {@code shown}, every created interaction is
	 * also put there as stored (with its lines), from what the inserts returned.
	 */
	@Transactional
	List<RecordResult> write(List<Prepared> items, Instant now, Map<UUID, InteractionView> shown) {
		List<RecordResult> results = new ArrayList<>();
		items = resolveNamed(items, results);
		if (items.isEmpty()) {
			return results;
		}
		Map<Object, PurchaseState> purchases = lockPurchases(items);
		// Returns are checked against their purchase, so a retried return must be known
		// as a duplicate before; other items simply lose the insert to their original
		// (ON CONFLICT) and are answered with it below, one round trip fewer.
		boolean anyReturn = items.stream().anyMatch((p) -> p.item().kind() == InteractionKind.RETURN);
		Map<String, UUID> recorded = anyReturn ? this.store.recorded(items) : Map.of();
		List<Prepared> fresh = new ArrayList<>();
		for (Prepared p : items) {
			UUID original = p.key() == null ? null
					: recorded.get(InteractionStore.retryKey(p.item().sourceSystem(), p.key()));
			if (original != null) {
				results.add(RecordResult.duplicate(p.index(), original));
				continue;
			}
			if (p.item().kind() == InteractionKind.RETURN) {
				Prepared checked = checkReturn(p, purchases, results);
				if (checked != null) {
					fresh.add(checked);
				}
				continue;
			}
			fresh.add(p);
		}
		Set<UUID> inserted = this.store.insert(fresh, now, shown);
		List<Prepared> lost = fresh.stream().filter((p) -> !inserted.contains(p.id())).toList();
		Map<String, UUID> originals = lost.isEmpty() ? Map.of() : this.store.recorded(lost);
		List<InteractionRecorded> created = new ArrayList<>(inserted.size());
		List<Prepared> written = new ArrayList<>(inserted.size());
		for (Prepared p : fresh) {
			if (inserted.contains(p.id())) {
				results.add(RecordResult.created(p.index(), p.id()));
				created.add(p.event());
				written.add(p);
			}
			else {
				results.add(RecordResult.duplicate(p.index(),
						originals.get(InteractionStore.retryKey(p.item().sourceSystem(), p.key()))));
			}
		}
		this.figures.add(written, now);
		if (!created.isEmpty()) {
			this.events.publishEvent(new InteractionsRecorded(created));
		}
		return results;
	}

	/**
	 * The items with the customers they name by id resolved in one query of this
	 * transaction; an id not found active is answered with
	 * {@link CustomerResolver#NOT_ACTIVE} for the caller to look into.
	 */
	private List<Prepared> resolveNamed(List<Prepared> items, List<RecordResult> results) {
		Set<UUID> named = new HashSet<>();
		for (Prepared p : items) {
			if (p.namedById()) {
				named.add(p.customerId());
			}
		}
		if (named.isEmpty()) {
			return items;
		}
		Map<UUID, UUID> active = this.customers.active(named);
		List<Prepared> resolved = new ArrayList<>(items.size());
		for (Prepared p : items) {
			if (!p.namedById()) {
				resolved.add(p);
				continue;
			}
			UUID customer = active.get(p.customerId());
			if (customer == null) {
				results.add(RecordResult.rejected(p.index(), List.of(CustomerResolver.NOT_ACTIVE)));
			}
			else {
				resolved.add(p.resolvedTo(customer));
			}
		}
		return resolved;
	}

	/**
	 * The locked purchases of the batch's returns, by id and by (source system, order
	 * reference).
	 */
	private Map<Object, PurchaseState> lockPurchases(List<Prepared> items) {
		List<String> sources = new ArrayList<>();
		List<String> orders = new ArrayList<>();
		Set<UUID> ids = new HashSet<>();
		for (Prepared p : items) {
			if (p.item().kind() != InteractionKind.RETURN) {
				continue;
			}
			if (p.item().relatedPurchaseId() != null) {
				ids.add(p.item().relatedPurchaseId());
			}
			else {
				sources.add(p.item().sourceSystem());
				orders.add(p.item().orderReference());
			}
		}
		Map<String, UUID> byOrder = this.store.purchasesByOrder(sources, orders);
		ids.addAll(byOrder.values());
		Map<Object, PurchaseState> states = new HashMap<>(this.store.lockPurchases(ids));
		byOrder.forEach((key, id) -> {
			if (states.get(id) != null) {
				states.put(key, states.get(id));
			}
		});
		return states;
	}

	/**
	 * The return with its purchase and purchase lines named, or null when it was
	 * rejected.
	 */
	private Prepared checkReturn(Prepared p, Map<?, PurchaseState> purchases, List<RecordResult> results) {
		NewInteraction ret = p.item();
		Object key = ret.relatedPurchaseId() != null ? ret.relatedPurchaseId()
				: InteractionStore.retryKey(ret.sourceSystem(), ret.orderReference());
		PurchaseState purchase = purchases.get(key);
		if (purchase == null) {
			String field = ret.relatedPurchaseId() != null ? "relatedPurchaseId" : "orderReference";
			results.add(RecordResult.rejected(p.index(),
					List.of(FieldProblem.of(field, Text.of("interaction.return.no-purchase", "names no purchase")))));
			return null;
		}
		List<Integer> lineNos = new ArrayList<>();
		List<FieldProblem> problems = purchase.accept(p.customerId(), ret, lineNos);
		if (!problems.isEmpty()) {
			results.add(RecordResult.rejected(p.index(), problems));
			return null;
		}
		List<Prepared.Line> lines = new ArrayList<>();
		for (int i = 0; i < p.lines().size(); i++) {
			Prepared.Line l = p.lines().get(i);
			lines.add(new Prepared.Line(l.lineNo(), l.sku(), l.category(), l.quantity(), l.unitPrice(), l.discount(),
					l.amount(), lineNos.get(i)));
		}
		return new Prepared(p.index(), p.id(), p.customerId(), ret.returning(purchase.id()), p.key(), lines);
	}

}
