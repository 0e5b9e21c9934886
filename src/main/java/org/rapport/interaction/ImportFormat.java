package org.rapport.interaction;

/** The layouts an import file can have (docs/import.md). */
public enum ImportFormat {

	/** A header row and one row per purchase line. */
	CSV,
	/** One interaction per line, as JSON like the API's body. */
	JSONL,
	/** The CDNOW purchase file: customer_id date number_of_cds dollar_value. */
	CDNOW

}
