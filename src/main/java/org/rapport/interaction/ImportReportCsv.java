package org.rapport.interaction;

import java.util.Locale;

import org.springframework.context.MessageSource;

/**
 * The error report of an import as CSV: {@code line,reason,raw}, the reasons in English
 * or in the reader's language.
 */
final class ImportReportCsv {

	static final String HEADER = "line,reason,raw\n";

	private ImportReportCsv() {
	}

	/** The row of a rejection, its reason in English. */
	static String row(ImportRejection r) {
		return row(r, r.reason());
	}

	/** The row of a rejection, its reason in the locale's language. */
	static String row(ImportRejection r, MessageSource messages, Locale locale) {
		return row(r, r.reason(messages, locale));
	}

	private static String row(ImportRejection r, String reason) {
		return r.line() + "," + quote(reason) + "," + quote(r.raw()) + "\n";
	}

	static String quote(String value) {
		if (value == null) {
			return "";
		}
		String safe = value;
		if (!safe.isEmpty() && "=+-@".indexOf(safe.charAt(0)) >= 0) {
			// keep spreadsheets from reading the raw text as a formula
			safe = "'" + safe;
		}
		return "\"" + safe.replace("\"", "\"\"") + "\"";
	}

}
