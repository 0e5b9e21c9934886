package org.rapport.interaction;

import java.io.Closeable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

import org.rapport.platform.web.Text;

/**
 * Reads an import file one interaction at a time, never the whole file: each
 * {@link Group} is an interaction to store with the file lines it came from, or the
 * rejections of those lines.
 */
interface InteractionReader extends Closeable {

	/** The next interaction or rejected lines; null at the end of the file. */
	Group next() throws IOException;

	long bytesRead();

	/** Data rows read so far (the header not counted). */
	long rowsRead();

	/**
	 * The lines of one interaction: {@code interaction} is null when they were rejected;
	 * otherwise {@code lines[i]} and {@code raws[i]} are the file line and text of
	 * purchase line i (the first for an interaction without lines).
	 */
	record Group(NewInteraction interaction, long[] lines, String[] raws, List<ImportRejection> rejections) {

		static Group rejected(List<ImportRejection> rejections) {
			return new Group(null, new long[0], new String[0], rejections);
		}

		static Group rejected(long line, Text reason, String raw) {
			return rejected(List.of(ImportRejection.of(line, reason, raw)));
		}

		static Group rejected(ImportRejection rejection) {
			return rejected(List.of(rejection));
		}

		/** The last file line of the group. */
		long lastLine() {
			long last = 0;
			for (long line : this.lines) {
				last = Math.max(last, line);
			}
			for (ImportRejection r : this.rejections) {
				last = Math.max(last, r.line());
			}
			return last;
		}

		long firstLine() {
			return this.lines.length > 0 ? this.lines[0] : this.rejections.get(0).line();
		}

	}

	/**
	 * The idempotency key of a row group that came without one: its first line number and
	 * a hash of its text, so a re-run of the same file finds every group again, appended
	 * lines get new keys, and two identical lines of one file stay two interactions.
	 */
	static String derivedKey(String prefix, long line, String text) {
		return prefix + ":" + line + ":" + hash16(text);
	}

	/** The first 16 hex digits of the SHA-256 of a text. */
	static String hash16(String text) {
		try {
			byte[] hash = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
			return HexFormat.of().formatHex(hash, 0, 8);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
