package org.rapport.interaction;

/**
 * A line of an import file that was not stored: its number (from 1, the header is line 1
 * of a CSV file), why, and its text as read (at most a few thousand characters).
 */
public record ImportRejection(long line, String reason, String raw) {

	static final int MAX_RAW = 2000;

	public ImportRejection {
		raw = (raw != null && raw.length() > MAX_RAW) ? raw.substring(0, MAX_RAW) : raw;
	}

}
