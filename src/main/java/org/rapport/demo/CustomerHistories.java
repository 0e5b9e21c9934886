package org.rapport.demo;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

import org.rapport.customer.BulkCustomer;
import org.rapport.interaction.BulkInteraction;
import org.rapport.interaction.InteractionKind;

/**
 * The histories of a stream of generated customers, one interaction at a time: customers
 * are taken a block at a time, their ids looked up by external key (customers that were
 * not loaded have no history), and each customer's history generated when the previous
 * one is used up, so memory stays bounded by one block and one history.
 */
final class CustomerHistories implements Iterator<BulkInteraction> {

	static final int BLOCK = 2_000;

	private final Blocks blocks;

	private final Function<List<String>, Map<String, UUID>> ids;

	private final PurchaseHistory generator;

	private final Deque<PurchaseHistory.Customer> ready = new ArrayDeque<>();

	private Iterator<BulkInteraction> current = Collections.emptyIterator();

	private final AtomicLong customerCount;

	private final AtomicLong purchaseCount;

	CustomerHistories(Iterator<BulkCustomer> customers, Function<List<String>, Map<String, UUID>> ids,
			PurchaseHistory generator) {
		this(new Blocks(customers), ids, generator, new AtomicLong(), new AtomicLong());
	}

	/**
	 * The histories of the blocks of customers this one takes from a stream shared with
	 * other writers (each block goes to exactly one of them, so the customers are
	 * generated once for all); the counters may be shared by them.
	 */
	CustomerHistories(Blocks blocks, Function<List<String>, Map<String, UUID>> ids, PurchaseHistory generator,
			AtomicLong customerCount, AtomicLong purchaseCount) {
		this.blocks = blocks;
		this.ids = ids;
		this.generator = generator;
		this.customerCount = customerCount;
		this.purchaseCount = purchaseCount;
	}

	@Override
	public boolean hasNext() {
		while (!this.current.hasNext()) {
			if (this.ready.isEmpty() && !nextBlock()) {
				return false;
			}
			if (!this.ready.isEmpty()) {
				this.current = this.generator.history(this.ready.poll()).iterator();
				this.customerCount.incrementAndGet();
			}
		}
		return true;
	}

	@Override
	public BulkInteraction next() {
		if (!hasNext()) {
			throw new NoSuchElementException();
		}
		BulkInteraction next = this.current.next();
		if (next.kind() == InteractionKind.PURCHASE) {
			this.purchaseCount.incrementAndGet();
		}
		return next;
	}

	/** Customers whose history has been started. */
	long customers() {
		return this.customerCount.get();
	}

	/** Purchases handed out so far. */
	long purchases() {
		return this.purchaseCount.get();
	}

	private boolean nextBlock() {
		List<BulkCustomer> block = this.blocks.next();
		if (block.isEmpty()) {
			return false;
		}
		Map<String, UUID> found = this.ids.apply(block.stream().map(BulkCustomer::externalKey).toList());
		for (BulkCustomer c : block) {
			UUID id = found.get(c.externalKey());
			if (id != null) {
				this.ready.add(new PurchaseHistory.Customer(id, c.externalKey(), c.region()));
			}
		}
		return true;
	}

	/**
	 * A stream of generated customers handed out a block at a time to whichever writer
	 * asks next.
	 */
	static final class Blocks {

		private final Iterator<BulkCustomer> customers;

		Blocks(Iterator<BulkCustomer> customers) {
			this.customers = customers;
		}

		/** The next block; empty at the end. */
		synchronized List<BulkCustomer> next() {
			List<BulkCustomer> block = new ArrayList<>(BLOCK);
			while (block.size() < BLOCK && this.customers.hasNext()) {
				block.add(this.customers.next());
			}
			return block;
		}

	}

}
