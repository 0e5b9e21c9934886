package org.rapport.interaction;

/** The error report of an import as CSV: {@code line,reason,raw}. */
final class ImportReportCsv {

	static final String HEADER = "line,reason,raw\n";

	private ImportReportCsv() {
	}

	static String row(ImportRejection r) {
		return r.line() + "," + quote(r.reason()) + "," + quote(r.raw()) + "\n";
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
