package org.rapport.loyalty;

import java.math.BigDecimal;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantLock;

import org.rapport.interaction.InteractionKind;
import org.rapport.interaction.InteractionRecorded;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Earns for the recorded interactions of concurrent deliveries together (ADR 0038), as
 * the recording side's {@code WriteCombiner} writes concurrent recordings together: a
 * delivery puts its interactions in a queue and takes the earner's lock; whoever holds
 * the lock earns for everything queued so far in one transaction, with the statements of
 * {@link PurchaseEarning#earnAll} (a fixed number for the whole group), and one commit. A
 * delivery returns only once the transaction that earned its points has committed, so its
 * publication is only completed when its points are durably written; a delivery whose
 * interactions were earned while it waited finds them done and returns. Alone, a delivery
 * earns at once, in a transaction of its own, as before.
 * <p>
 * If a combined transaction fails, each delivery of it is earned again in a transaction
 * of its own, so one delivery's failure never becomes another's: it fails alone, its
 * publication stays incomplete and is delivered again (ADR 0015). A caller already in a
 * transaction earns in it, without combining, so that its own rollback stays its own.
 * <p>
 * The combiner's own transactions run their statements on kept plans (ADR 0056, as the
 * recording side's since ADR 0045): each starts with {@link #GENERIC_PLANS}, local to it.
 * Left to itself ({@code plan_cache_mode = auto}) PostgreSQL planned the members query
 * afresh on every call, because a plan made for the customers array's actual length
 * always looked cheaper than the kept one, for the same plan. A transaction of more than
 * {@link #MAX_ITEMS} interactions (one large delivery, a batch) keeps {@code auto}, where
 * the actual number of rows may matter to the plan.
 */
@Component
class EarningCombiner {

	private static final Logger log = LoggerFactory.getLogger(EarningCombiner.class);

	/**
	 * At most this many interactions are earned in one combined transaction (a delivery
	 * larger than that is earned alone).
	 */
	static final int MAX_ITEMS = 512;

	/**
	 * Run first in the combiner's own transactions of at most {@link #MAX_ITEMS}
	 * interactions, with {@code force_generic_plan} (a parameter, so that it is itself a
	 * prepared statement): their statements use the plans kept for their prepared
	 * statements instead of being planned again on every execution; the setting ends with
	 * the transaction.
	 */
	static final String GENERIC_PLANS = "SELECT set_config('plan_cache_mode', ?, true)";

	private final AccountStore accounts;

	private final PurchaseEarning earning;

	private final TransactionTemplate transactions;

	private final JdbcClient jdbc;

	private final ReentrantLock earner = new ReentrantLock();

	private final ArrayDeque<Pending> queue = new ArrayDeque<>();

	EarningCombiner(AccountStore accounts, PurchaseEarning earning, PlatformTransactionManager transactions,
			JdbcClient jdbc) {
		this.accounts = accounts;
		this.earning = earning;
		this.transactions = new TransactionTemplate(transactions);
		this.transactions.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
		this.jdbc = jdbc;
	}

	/**
	 * Earns and reverses for the interactions, possibly in one transaction with other
	 * deliveries' interactions; returns once that transaction has committed, or throws
	 * what made the delivery fail on its own.
	 */
	void earn(List<InteractionRecorded> interactions) {
		if (interactions.isEmpty()) {
			return;
		}
		if (TransactionSynchronizationManager.isActualTransactionActive()) {
			earnNow(interactions);
			return;
		}
		Pending mine = new Pending(interactions);
		synchronized (this.queue) {
			this.queue.add(mine);
		}
		this.earner.lock();
		try {
			while (!mine.done()) {
				earnQueued();
			}
		}
		finally {
			this.earner.unlock();
		}
		mine.result();
	}

	/** How many deliveries are waiting to be earned. */
	int queued() {
		synchronized (this.queue) {
			return this.queue.size();
		}
	}

	/** Under the earner's lock: takes what is queued and earns for it. */
	private void earnQueued() {
		List<Pending> group = new ArrayList<>();
		int size = 0;
		synchronized (this.queue) {
			while (!this.queue.isEmpty()
					&& (group.isEmpty() || size + this.queue.peek().interactions.size() <= MAX_ITEMS)) {
				Pending next = this.queue.poll();
				group.add(next);
				size += next.interactions.size();
			}
		}
		if (group.size() == 1) {
			group.get(0).run(this);
			return;
		}
		List<InteractionRecorded> all = new ArrayList<>(size);
		group.forEach((p) -> all.addAll(p.interactions));
		try {
			earnInOwnTransaction(all);
		}
		catch (RuntimeException ex) {
			log.info("Earning for {} deliveries together failed ({}); earning for each on its own", group.size(),
					ex.toString());
			group.forEach((p) -> p.run(this));
			return;
		}
		group.forEach(Pending::complete);
	}

	/**
	 * Earns and reverses for the interactions in a transaction of their own, on kept
	 * plans when they are at most {@link #MAX_ITEMS}.
	 */
	private void earnInOwnTransaction(List<InteractionRecorded> interactions) {
		this.transactions.executeWithoutResult((status) -> {
			if (interactions.size() <= MAX_ITEMS) {
				this.jdbc.sql(GENERIC_PLANS).param("force_generic_plan").query(String.class).single();
			}
			earnNow(interactions);
		});
	}

	/**
	 * Earns and reverses for the interactions in the current transaction: the members
	 * among all their customers from one query, so that customers who are not members
	 * cost nothing more; then every purchase or event earns and every return reverses, in
	 * the order recorded per customer, by {@link PurchaseEarning#earnAll}.
	 */
	void earnNow(List<InteractionRecorded> interactions) {
		// By customer (stable, so each customer's interactions keep their order).
		List<InteractionRecorded> items = interactions.stream()
			.filter((i) -> i.customerId() != null)
			.sorted(Comparator.comparing(InteractionRecorded::customerId))
			.toList();
		if (items.isEmpty()) {
			return;
		}
		List<UUID> earners = items.stream()
			.filter((i) -> i.kind() != InteractionKind.RETURN)
			.map(InteractionRecorded::customerId)
			.distinct()
			.toList();
		Map<UUID, List<Account>> members = this.accounts.activeOfAll(earners);
		List<PurchaseEarning.Step> steps = new ArrayList<>();
		for (InteractionRecorded item : items) {
			if (item.kind() == InteractionKind.RETURN) {
				if (item.relatedPurchaseId() != null) {
					steps.add(new PurchaseEarning.Reverse(item.interactionId(), item.relatedPurchaseId(),
							(item.total() == null) ? BigDecimal.ZERO : item.total(), item.occurredAt()));
				}
				continue;
			}
			List<Account> accounts = members.getOrDefault(item.customerId(), List.of());
			if (accounts.isEmpty()) {
				continue;
			}
			Basket basket = new Basket(item.kind().name(), item.occurredAt(), item.currency(), item.total(),
					item.lines()
						.stream()
						.map((l) -> new Basket.Line(l.sku(), l.category(), l.quantity(), l.amount()))
						.toList());
			if (basket.isPurchase() && basket.total() == null) {
				continue;
			}
			for (Account account : accounts) {
				steps.add(new PurchaseEarning.Earn(account, item.interactionId(), basket));
			}
		}
		if (!steps.isEmpty()) {
			this.earning.earnAll(steps);
		}
	}

	/** One delivery's interactions and, once earned, done or the failure. */
	private static final class Pending {

		private final List<InteractionRecorded> interactions;

		private volatile boolean completed;

		private volatile RuntimeException failure;

		Pending(List<InteractionRecorded> interactions) {
			this.interactions = interactions;
		}

		boolean done() {
			return this.completed || this.failure != null;
		}

		void run(EarningCombiner combiner) {
			try {
				combiner.earnInOwnTransaction(this.interactions);
				complete();
			}
			catch (RuntimeException ex) {
				this.failure = ex;
			}
		}

		void complete() {
			this.completed = true;
		}

		void result() {
			if (this.failure != null) {
				throw this.failure;
			}
		}

	}

}
