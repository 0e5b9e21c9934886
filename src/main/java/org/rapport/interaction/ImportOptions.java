package org.rapport.interaction;

import java.util.Locale;

/**
 * How to import a file: its format, the source system the interactions come from (their
 * idempotency keys are unique within it), what to do with identities nobody holds, and
 * how many interactions are stored per transaction.
 */
public record ImportOptions(ImportFormat format, String sourceSystem, UnknownIdentities unknownIdentities,
		int chunkSize) {

	public static final int DEFAULT_CHUNK = 10_000;

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
	}

	public static ImportOptions of(ImportFormat format, String sourceSystem) {
		return new ImportOptions(format, sourceSystem, null, 0);
	}

	public ImportOptions withUnknownIdentities(UnknownIdentities policy) {
		return new ImportOptions(this.format, this.sourceSystem, policy, this.chunkSize);
	}

	public ImportOptions withChunkSize(int size) {
		return new ImportOptions(this.format, this.sourceSystem, this.unknownIdentities, size);
	}

}
