package org.rapport.interaction;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import org.rapport.platform.web.Text;

/**
 * The physical lines of an import file, read as bytes and decoded one by one with a
 * strict UTF-8 decoder, so a line in another encoding is rejected on its own instead of
 * being read as replacement characters or failing the whole file. Lines end with LF or
 * CRLF; a UTF-8 byte order mark at the start is skipped. Lines longer than the limit are
 * skipped to their end and reported as such.
 */
final class ImportLines {

	/** One physical line: its number (from 1), its text, or why it could not be read. */
	record Line(long number, String text, Text problem, String raw) {

		boolean ok() {
			return this.problem == null;
		}

	}

	private final InputStream in;

	private final int maxBytes;

	private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
		.onMalformedInput(CodingErrorAction.REPORT)
		.onUnmappableCharacter(CodingErrorAction.REPORT);

	private final byte[] buffer = new byte[64 * 1024];

	private int position;

	private int limit;

	private byte[] line = new byte[256];

	private long number;

	private long bytes;

	ImportLines(InputStream in, int maxBytes) {
		this.in = in;
		this.maxBytes = maxBytes;
	}

	long bytesRead() {
		return this.bytes;
	}

	long lineNumber() {
		return this.number;
	}

	/** The next line, or null at the end of the file. */
	Line next() throws IOException {
		int length = 0;
		boolean tooLong = false;
		boolean any = false;
		while (true) {
			if (this.position == this.limit) {
				this.limit = this.in.read(this.buffer);
				this.position = 0;
				if (this.limit <= 0) {
					this.limit = 0;
					if (!any) {
						return null;
					}
					break;
				}
			}
			any = true;
			byte b = this.buffer[this.position++];
			this.bytes++;
			if (b == '\n') {
				break;
			}
			if (length >= this.maxBytes) {
				tooLong = true;
				continue;
			}
			if (length == this.line.length) {
				this.line = Arrays.copyOf(this.line, Math.min(this.maxBytes, length * 2));
			}
			this.line[length++] = b;
		}
		this.number++;
		if (length > 0 && this.line[length - 1] == '\r') {
			length--;
		}
		int start = (this.number == 1 && length >= 3 && (this.line[0] & 0xff) == 0xef && (this.line[1] & 0xff) == 0xbb
				&& (this.line[2] & 0xff) == 0xbf) ? 3 : 0;
		if (tooLong) {
			return new Line(this.number, null, Text.of("interaction.import.line-too-long", "line longer than {0} bytes",
					String.valueOf(this.maxBytes)), latin1(start, Math.min(length, 200)));
		}
		if (ascii(start, length)) {
			// ASCII is UTF-8 as it is: one copy, no decoder
			String text = new String(this.line, start, length - start, StandardCharsets.ISO_8859_1);
			return new Line(this.number, text, null, text);
		}
		try {
			String text = this.decoder.decode(ByteBuffer.wrap(this.line, start, length - start)).toString();
			return new Line(this.number, text, null, text);
		}
		catch (CharacterCodingException ex) {
			return new Line(this.number, null,
					Text.of("interaction.import.not-utf8", "not valid UTF-8 (wrong encoding?)"), latin1(start, length));
		}
	}

	private boolean ascii(int start, int end) {
		for (int i = start; i < end; i++) {
			if (this.line[i] < 0) {
				return false;
			}
		}
		return true;
	}

	/** The bytes as ISO-8859-1, to show a line that is not UTF-8 in the error report. */
	private String latin1(int start, int end) {
		return new String(this.line, start, Math.max(0, end - start), StandardCharsets.ISO_8859_1);
	}

}
