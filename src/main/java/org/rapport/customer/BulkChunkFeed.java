package org.rapport.customer;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

import org.rapport.platform.Ids;

/**
 * Reads the rows of a bulk load, runs the checks that need no database
 * ({@link BulkRow#check}) and renders the COPY text on a thread of its own, one chunk
 * ahead of the writer: while one chunk is being copied into PostgreSQL, the next one is
 * generated or read, its identities normalised and its text rendered, so the two cores
 * work at once. Rows keep their order and numbers; at most two checked chunks wait. A
 * problem reading the rows surfaces in the writer's thread from {@link #next()}.
 * <p>
 * A chunk ends after {@code chunkSize} rows, unless the rows right after it belong with
 * it: further members of a household it holds or contact people of a company it holds.
 * Those join it (up to {@link #extraRows} more), so that the next chunk does not wait for
 * this one to commit before it can write them (docs/adr/0043).
 */
final class BulkChunkFeed implements AutoCloseable {

	/** A row refused by the checks, with its number and reason. */
	record Refused(long row, String externalKey, String reason) {
	}

	/**
	 * The rows of one chunk: those that passed the checks (already rendered as COPY text,
	 * on the assumption that the database takes them all) and those that did not.
	 */
	record Chunk(List<BulkRow> checked, BulkChunkWriter.Encoded encoded, List<Refused> refused, int read) {
	}

	private static final Object END = new Object();

	private final BlockingQueue<Object> queue = new ArrayBlockingQueue<>(2);

	private final Thread thread;

	private volatile boolean closed;

	BulkChunkFeed(Iterator<BulkCustomer> rows, int chunkSize, String source, BulkChunkWriter writer, Clock clock) {
		this.thread = new Thread(() -> feed(rows, chunkSize, source, writer, clock), "bulk-load-feed");
		this.thread.setDaemon(true);
		this.thread.start();
	}

	/** The next chunk, or null after the last. */
	Chunk next() throws InterruptedException {
		Object next = this.queue.take();
		if (next == END) {
			this.queue.put(END);
			return null;
		}
		if (next instanceof RuntimeException ex) {
			throw ex;
		}
		if (next instanceof Error error) {
			throw error;
		}
		return (Chunk) next;
	}

	private void feed(Iterator<BulkCustomer> rows, int chunkSize, String source, BulkChunkWriter writer, Clock clock) {
		try {
			long row = 0;
			BulkCustomer ahead = null;
			int extra = extraRows(chunkSize);
			while (!this.closed && (ahead != null || rows.hasNext())) {
				Instant now = clock.instant();
				SplittableRandom random = new SplittableRandom(Ids.seed());
				List<BulkRow> checked = new ArrayList<>(chunkSize + extra);
				List<Refused> refused = new ArrayList<>();
				Set<String> households = new HashSet<>();
				Set<String> keys = new HashSet<>();
				int read = 0;
				while (ahead != null || rows.hasNext()) {
					BulkCustomer input = (ahead != null) ? ahead : rows.next();
					ahead = null;
					if (read >= chunkSize && (read >= chunkSize + extra || !belongsWith(input, households, keys))) {
						// the first row of the next chunk
						ahead = input;
						break;
					}
					read++;
					row++;
					if (input.householdKey() != null) {
						households.add(input.householdKey());
					}
					if (input.externalKey() != null) {
						keys.add(input.externalKey());
					}
					try {
						checked.add(BulkRow.check(row, input, Ids.next(now.toEpochMilli(), random.nextLong()), source));
					}
					catch (BulkRow.Rejected ex) {
						refused.add(new Refused(row, input.externalKey(), ex.getMessage()));
					}
				}
				this.queue.put(new Chunk(checked, writer.encode(checked, now.toEpochMilli()), refused, read));
			}
			this.queue.put(END);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		catch (RuntimeException | Error ex) {
			try {
				this.queue.put(ex);
			}
			catch (InterruptedException interrupted) {
				Thread.currentThread().interrupt();
			}
		}
	}

	/**
	 * Rows a full chunk may still take when they belong with its rows: up to a tenth of
	 * the chunk size, at least 16.
	 */
	static int extraRows(int chunkSize) {
		return Math.max(16, chunkSize / 10);
	}

	/**
	 * Whether the row belongs with rows of the chunk: a further member of one of its
	 * households, or a contact person of one of its companies. Such a row written in the
	 * next chunk would make that chunk wait for this one (ADR 0043).
	 */
	static boolean belongsWith(BulkCustomer input, Set<String> households, Set<String> externalKeys) {
		return (input.householdKey() != null && households.contains(input.householdKey()))
				|| (input.contactOfKey() != null && externalKeys.contains(input.contactOfKey()));
	}

	@Override
	public void close() {
		this.closed = true;
		this.thread.interrupt();
	}

}
