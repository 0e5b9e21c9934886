package org.rapport.customer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.List;

import org.postgresql.copy.CopyManager;

/**
 * Rows in PostgreSQL's COPY text format, one buffer per table and chunk: columns
 * separated by tabs, {@code \N} for null, backslash escapes for tab, newline, carriage
 * return and backslash.
 */
final class BulkCopyText {

	private final StringBuilder text = new StringBuilder(64 * 1024);

	private boolean lineStart = true;

	private long rows;

	BulkCopyText col(Object value) {
		if (!this.lineStart) {
			this.text.append('\t');
		}
		this.lineStart = false;
		if (value == null) {
			this.text.append("\\N");
		}
		else {
			escape(this.text, value.toString());
		}
		return this;
	}

	/** A text[] column. */
	BulkCopyText array(List<String> values) {
		StringBuilder literal = new StringBuilder("{");
		for (int i = 0; i < values.size(); i++) {
			if (i > 0) {
				literal.append(',');
			}
			literal.append('"');
			for (char c : values.get(i).toCharArray()) {
				if (c == '"' || c == '\\') {
					literal.append('\\');
				}
				literal.append(c);
			}
			literal.append('"');
		}
		return col(literal.append('}').toString());
	}

	void end() {
		this.text.append('\n');
		this.lineStart = true;
		this.rows++;
	}

	long rows() {
		return this.rows;
	}

	/**
	 * Sends the rows with {@code COPY table (columns) FROM STDIN} and clears the buffer.
	 */
	long copyInto(CopyManager copy, String table, String columns) throws SQLException {
		if (this.rows == 0) {
			return 0;
		}
		try {
			byte[] bytes = this.text.toString().getBytes(StandardCharsets.UTF_8);
			long copied = copy.copyIn("COPY " + table + " (" + columns + ") FROM STDIN",
					new java.io.ByteArrayInputStream(bytes));
			this.text.setLength(0);
			this.rows = 0;
			return copied;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	String text() {
		return this.text.toString();
	}

	static void escape(StringBuilder out, String value) {
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			switch (c) {
				case '\\' -> out.append("\\\\");
				case '\t' -> out.append("\\t");
				case '\n' -> out.append("\\n");
				case '\r' -> out.append("\\r");
				default -> out.append(c);
			}
		}
	}

}
