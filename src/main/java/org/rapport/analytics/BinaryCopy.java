package org.rapport.analytics;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * PostgreSQL's binary {@code COPY} format for the columns a full run moves between the
 * server and its arrays (docs/adr/0040): {@code int4} and {@code float8} fields, NULL
 * allowed. Values cross as their eight or four bytes: no text to format or parse on
 * either side, and a {@code float8} arrives exactly as the server computed it.
 */
final class BinaryCopy {

	private static final byte[] SIGNATURE = "PGCOPY\n\377\r\n\0".getBytes(StandardCharsets.ISO_8859_1);

	private BinaryCopy() {
	}

	/**
	 * Reads a binary COPY stream row by row: {@link #next} answers the number of fields
	 * of the next row (-1 at the end), then each field is read in order with
	 * {@link #int4} or {@link #float8}.
	 */
	static final class Reader {

		private final DataInputStream in;

		Reader(InputStream stream) {
			this.in = new DataInputStream(new BufferedInputStream(stream, 1 << 16));
			try {
				byte[] signature = new byte[SIGNATURE.length];
				this.in.readFully(signature);
				if (!Arrays.equals(signature, SIGNATURE)) {
					throw new IllegalStateException("not a binary COPY stream");
				}
				this.in.readInt();
				this.in.skipNBytes(this.in.readInt());
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}

		/** The number of fields of the next row; -1 at the end of the data. */
		int next() {
			try {
				return this.in.readShort();
			}
			catch (EOFException ex) {
				return -1;
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}

		/** The next field as an {@code int4}; {@code ifNull} when NULL. */
		int int4(int ifNull) {
			try {
				int length = this.in.readInt();
				if (length < 0) {
					return ifNull;
				}
				if (length != 4) {
					throw new IllegalStateException("an int4 field of " + length + " bytes");
				}
				return this.in.readInt();
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}

		/**
		 * The next field as a {@code uuid} into {@code into} (most significant eight
		 * bytes, then the least); false when NULL.
		 */
		boolean uuid(long[] into) {
			try {
				int length = this.in.readInt();
				if (length < 0) {
					return false;
				}
				if (length != 16) {
					throw new IllegalStateException("a uuid field of " + length + " bytes");
				}
				into[0] = this.in.readLong();
				into[1] = this.in.readLong();
				return true;
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}

		/** The next field as a {@code float8}; {@code ifNull} when NULL. */
		double float8(double ifNull) {
			try {
				int length = this.in.readInt();
				if (length < 0) {
					return ifNull;
				}
				if (length != 8) {
					throw new IllegalStateException("a float8 field of " + length + " bytes");
				}
				return this.in.readDouble();
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}

	}

	/**
	 * Writes rows in the binary COPY format into a buffer that the caller hands to the
	 * server and clears ({@link #bytes}, {@link #clear}) as it grows; {@link #end} writes
	 * the trailer.
	 */
	static final class Writer {

		private final ByteArrayOutputStream buffer = new ByteArrayOutputStream(1 << 20);

		private final DataOutputStream out = new DataOutputStream(this.buffer);

		Writer() {
			try {
				this.out.write(SIGNATURE);
				this.out.writeInt(0);
				this.out.writeInt(0);
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}

		/** Starts a row of {@code fields} fields. */
		Writer row(int fields) {
			try {
				this.out.writeShort(fields);
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
			return this;
		}

		Writer int4(int value) {
			try {
				this.out.writeInt(4);
				this.out.writeInt(value);
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
			return this;
		}

		/** A {@code float8}; NaN is written as NULL. */
		Writer float8OrNull(double value) {
			try {
				if (Double.isNaN(value)) {
					this.out.writeInt(-1);
				}
				else {
					this.out.writeInt(8);
					this.out.writeDouble(value);
				}
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
			return this;
		}

		Writer nullField() {
			try {
				this.out.writeInt(-1);
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
			return this;
		}

		/** Writes the trailer that ends the data. */
		Writer end() {
			try {
				this.out.writeShort(-1);
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
			return this;
		}

		int size() {
			return this.buffer.size();
		}

		byte[] bytes() {
			return this.buffer.toByteArray();
		}

		void clear() {
			this.buffer.reset();
		}

	}

}
