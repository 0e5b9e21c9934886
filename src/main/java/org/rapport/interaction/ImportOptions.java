package org.rapport.interaction;

import java.util.Locale;

/**
 * How to import a file: its format, the source system the interactions come from (their
 * idempotency keys are unique within it), what to do with identities nobody holds, how
 * many interactions are stored per transaction, and on how many writing lanes (database
 * connections) consecutive chunks are stored at once (0: as set in
 * {@code rapport.imports.lanes}, see docs/adr/0050-import-writing-lanes.md).
 */
public record ImportOptions(ImportFormat format, String sourceSystem, UnknownIdentities unknownIdentities,
		int chunkSize, int lanes) {

	public static final int DEFAULT_CHUNK = 10_000;

	/** A source system name, as every interaction's is checked (InteractionRules). */

	/** The most writing lanes a run may use. */
	public static final int MAX_LANES = 4;

	/** What an import does with an identity no customer holds. */
	public enum UnknownIdentities {

		/** As configured for the source system (rapport.interactions.sources). */
		CONFIGURED,
		/** Create a prospect holding the identity. */
		CREATE_PROSPECT,
		/** Reject the row. */
		REJECT

	}

	public ImportOptions {
		format = format == null ? ImportFormat.CSV : format;
		if (sourceSystem == null || sourceSystem.isBlank()) {
			sourceSystem = format == ImportFormat.CDNOW ? "cdnow" : "import";
		}
		sourceSystem = sourceSystem.strip().toLowerCase(Locale.ROOT);
		unknownIdentities = unknownIdentities == null ? UnknownIdentities.CONFIGURED : unknownIdentities;
		chunkSize = chunkSize <= 0 ? DEFAULT_CHUNK : Math.min(chunkSize, 50_000);
		lanes = Math.max(0, Math.min(lanes, MAX_LANES));
	}

	/**
	 * Whether a name (after the normalisation the options give it) is a well-formed
	 * source system name, so a command can refuse a bad one before reading any row.
	 */
	static boolean isSourceSystem(String name) {
		return name != null && InteractionRules.SOURCE.matcher(name.strip().toLowerCase(Locale.ROOT)).matches();
	}

	/** Options whose writing lanes are as set for the installation. */
	public ImportOptions(ImportFormat format, String sourceSystem, UnknownIdentities unknownIdentities, int chunkSize) {
		this(format, sourceSystem, unknownIdentities, chunkSize, 0);
	}

	public static ImportOptions of(ImportFormat format, String sourceSystem) {
		return new ImportOptions(format, sourceSystem, null, 0);
	}

	public ImportOptions withUnknownIdentities(UnknownIdentities policy) {
		return new ImportOptions(this.format, this.sourceSystem, policy, this.chunkSize, this.lanes);
	}

	public ImportOptions withChunkSize(int size) {
		return new ImportOptions(this.format, this.sourceSystem, this.unknownIdentities, size, this.lanes);
	}

	/** The same options stored on this many writing lanes (1: one chunk at a time). */
	public ImportOptions withLanes(int count) {
		return new ImportOptions(this.format, this.sourceSystem, this.unknownIdentities, this.chunkSize, count);
	}

}
