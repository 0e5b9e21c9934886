package org.rapport.analytics.clv;

/** A problem in an input file, with the 1-based line it was found on (0 = the file). */
class InputException extends RuntimeException {

	InputException(String file, long line, String message) {
		super(file + ((line > 0) ? " line " + line : "") + ": " + message);
	}

}
