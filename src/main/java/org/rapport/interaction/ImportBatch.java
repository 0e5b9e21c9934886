package org.rapport.interaction;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.rapport.customer.Identity;
import org.rapport.platform.db.BinaryCopyRows;

/**
 * One chunk of an import checked and rendered, ready for the writer: the rejected lines
 * found so far (read and rules), the good purchases and other interactions and their
 * lines as binary COPY rows ({@link BinaryCopyRows}) whose customer id and recorded-at
 * are left blank for the writer to fill in, and the customer references they name. A
 * reference is a small number standing for one customer id or one identity of the chunk;
 * the writer resolves every reference of the chunk at once and writes the answers into
 * the rows, so the rows never wait for the customers. Returns are kept aside: they go
 * through the API's path, which checks them against their purchases.
 */
final class ImportBatch {

	/**
	 * A staged interaction: its customer reference, the file lines it came from, the
	 * checked interaction with its id and key, and where its row
	 * ({@code [rowStart, rowEnd)} of {@link #interactions()}) and its lines
	 * ({@code [lineStart, lineEnd)} of {@link #lines()}) lie in the chunk's COPY rows.
	 */
	record Staged(int ref, InteractionReader.Group group, NewInteraction item, UUID id, String key, int rowStart,
			int rowEnd, int lineStart, int lineEnd) {

		/** Where the 16 bytes of the customer id lie (the row's second field). */
		int customerAt() {
			return this.rowStart + 2 + 4 + 16 + 4;
		}

		/** Where the 8 bytes of recorded-at lie (the row's third field). */
		int recordedAt() {
			return customerAt() + 16 + 4;
		}

	}

	/** A checked return waiting for its customer. */
	record Return(int ref, InteractionReader.Group group) {
	}

	private final List<ImportRejection> rejections;

	private final BinaryCopyRows interactions = BinaryCopyRows.withoutHeader(1 << 16);

	private final BinaryCopyRows lines = BinaryCopyRows.withoutHeader(1 << 16);

	private final List<Staged> staged = new ArrayList<>();

	private final List<Return> returns = new ArrayList<>();

	private final Map<UUID, Integer> ids = new LinkedHashMap<>();

	private final Map<Identity, Integer> identities = new LinkedHashMap<>();

	ImportBatch(List<ImportRejection> readRejections) {
		this.rejections = new ArrayList<>(readRejections);
	}

	/** The reference of a customer named by id (the same number for the same id). */
	int ref(UUID customerId) {
		return this.ids.computeIfAbsent(customerId, (k) -> refs());
	}

	/** The reference of a customer named by identity (the same for the same identity). */
	int ref(Identity identity) {
		return this.identities.computeIfAbsent(identity, (k) -> refs());
	}

	private int refs() {
		return this.ids.size() + this.identities.size();
	}

	/** How many distinct customer references the chunk names. */
	int refCount() {
		return refs();
	}

	void staged(Staged staged) {
		this.staged.add(staged);
	}

	void returned(int ref, InteractionReader.Group group) {
		this.returns.add(new Return(ref, group));
	}

	List<ImportRejection> rejections() {
		return this.rejections;
	}

	BinaryCopyRows interactions() {
		return this.interactions;
	}

	BinaryCopyRows lines() {
		return this.lines;
	}

	List<Staged> staged() {
		return this.staged;
	}

	List<Return> returns() {
		return this.returns;
	}

	Map<UUID, Integer> ids() {
		return this.ids;
	}

	Map<Identity, Integer> identities() {
		return this.identities;
	}

}
