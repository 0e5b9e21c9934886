package org.rapport.loyalty;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.rapport.interaction.InteractionKind;
import org.rapport.interaction.InteractionRecorded;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Earns for the recorded interactions of concurrent deliveries together (ADR 0038), as
 * the recording side's {@code WriteCombiner} writes concurrent recordings together: a
 * delivery puts its interactions in a queue; one delivery's thread at a time (the earner)
 * earns for everything queued so far in one transaction, with the statements of
 * {@link PurchaseEarning#earnAll} (a fixed number for the whole group), and one commit,
 * while the others wait on the queue for their outcome. A delivery returns only once the
 * transaction that earned its points has committed, so its publication is only completed
 * when its points are durably written; a delivery whose interactions were earned while it
 * waited returns as soon as that transaction ends, without waiting for the next one.
 * Alone, a delivery earns at once, in a transaction of its own, as before.
 * <p>
 * Under load the earner gathers (ADR 0071): a transaction that would start less than
 * {@code rapport.loyalty.earning.period} after the previous one started waits for the
 * rest of the period, or until {@code rapport.loyalty.earning.gather-until} interactions
 * are queued. A transaction's fixed cost is several times a purchase's, so earning what
 * arrived over a period, rather than the one or two deliveries that arrived while the
 * previous transaction ran, halves the earning's processor time per purchase. The period
 * is counted from start to start, so earning keeps up at any rate that the transactions
 * can: the groups grow with the rate.
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

	private final ArrayDeque<Pending> queue = new ArrayDeque<>();

	/** Interactions in {@link #queue}; guarded by it. */
	private int queuedItems;

	/**
	 * Whether a delivery's thread is earning (the earner); guarded by {@link #queue}, on
	 * whose monitor the other deliveries wait for their outcome.
	 */
	private boolean earnerBusy;

	private final long periodNanos;

	/**
	 * When the last transaction started ({@link System#nanoTime()}); read and written by
	 * the earner only. At first a period ago, so that the first delivery is earned at
	 * once.
	 */
	private long lastStart;

	private final int gatherUntil;

	EarningCombiner(AccountStore accounts, PurchaseEarning earning, PlatformTransactionManager transactions,
			JdbcClient jdbc) {
		this(accounts, earning, transactions, jdbc, Duration.ZERO, MAX_ITEMS);
	}

	@Autowired
	EarningCombiner(AccountStore accounts, PurchaseEarning earning, PlatformTransactionManager transactions,
			JdbcClient jdbc, @Value("${rapport.loyalty.earning.period:10ms}") Duration period,
			@Value("${rapport.loyalty.earning.gather-until:256}") int gatherUntil) {
		this.accounts = accounts;
		this.earning = earning;
		this.transactions = new TransactionTemplate(transactions);
		this.transactions.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
		this.jdbc = jdbc;
		this.periodNanos = period.toNanos();
		this.gatherUntil = Math.max(1, Math.min(gatherUntil, MAX_ITEMS));
		this.lastStart = System.nanoTime() - this.periodNanos;
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
			this.queuedItems += interactions.size();
			if (this.queuedItems >= this.gatherUntil) {
				this.queue.notifyAll();
			}
		}
		boolean interrupted = false;
		while (true) {
			synchronized (this.queue) {
				while (!mine.done() && this.earnerBusy) {
					try {
						this.queue.wait();
					}
					catch (InterruptedException ex) {
						// the delivery is queued and will be earned: wait for its outcome
						interrupted = true;
					}
				}
				if (mine.done()) {
					break;
				}
				this.earnerBusy = true;
			}
			try {
				gather();
				earnQueued();
			}
			finally {
				synchronized (this.queue) {
					this.earnerBusy = false;
					this.queue.notifyAll();
				}
			}
		}
		if (interrupted) {
			Thread.currentThread().interrupt();
		}
		mine.result();
	}

	/** How many deliveries are waiting to be earned. */
	int queued() {
		synchronized (this.queue) {
			return this.queue.size();
		}
	}

	/**
	 * By the earner, before a combined transaction: when the last one started less than
	 * the period ago, waits for the rest of the period, or until {@code gather-until}
	 * interactions are queued, so that under load each transaction earns for what arrived
	 * over a period instead of for the one or two deliveries that arrived while the
	 * previous one ran. The wait is counted from the previous start, not added after its
	 * end: as long as a transaction takes less than the period, earning keeps up at any
	 * rate, the groups growing with the rate. An idle earner earns at once.
	 */
	private void gather() {
		synchronized (this.queue) {
			long remaining = this.lastStart + this.periodNanos - System.nanoTime();
			while (remaining > 0 && this.queuedItems < this.gatherUntil) {
				try {
					this.queue.wait(remaining / 1_000_000, (int) (remaining % 1_000_000));
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					break;
				}
				remaining = this.lastStart + this.periodNanos - System.nanoTime();
			}
		}
		this.lastStart = System.nanoTime();
	}

	/** By the earner: takes what is queued and earns for it. */
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
			this.queuedItems -= size;
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
						.toList(),
					item.outcome() == null ? null : item.outcome().name());
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
