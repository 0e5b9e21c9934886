package org.rapport.platform.db;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import org.postgresql.copy.CopyManager;

/**
 * Rows for one table in PostgreSQL's binary {@code COPY} format: per row a field count,
 * then each field as its length and its bytes in the type's binary form, so the server
 * stores them without parsing text — uuid as 16 bytes, timestamptz as microseconds and
 * date as days since 2000-01-01, boolean as one byte, text as UTF-8, jsonb as version 1
 * and the JSON text, text[] in the array form. {@link #copyInto} sends the rows with the
 * format's header and trailer. The caller names the columns in the order it writes the
 * fields, and writes values of the columns' types (the server checks each field's length
 * and refuses what is not valid, e.g. a JSON text that does not parse).
 * <p>
 * Rows made {@link #withoutHeader(int) without the header} can be sent in parts: the
 * caller notes {@link #size()} before and after a row, later overwrites fields left as
 * slots ({@link #uuidSlot}, {@link #putUuid}, {@link #putTimestamptz}) and writes
 * {@link #HEADER}, the parts it chooses of {@link #bytes()} and {@link #TRAILER} to the
 * server itself.
 */
public final class BinaryCopyRows {

	/** The format's header: signature, flags, header extension length. */
	public static final byte[] HEADER = { 'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xff, '\r', '\n', 0, 0, 0, 0, 0, 0,
			0, 0, 0 };

	/** The format's trailer: a field count of -1. */
	public static final byte[] TRAILER = { (byte) 0xff, (byte) 0xff };

	private static final BigInteger TEN_THOUSAND = BigInteger.valueOf(10_000);

	/** Seconds from 1970-01-01 to PostgreSQL's epoch, 2000-01-01. */
	private static final long POSTGRES_EPOCH_SECONDS = 946_684_800L;

	/** Days from 1970-01-01 to 2000-01-01. */
	private static final long POSTGRES_EPOCH_DAYS = 10_957L;

	/** The type oid of text, for text[] fields. */
	private static final int TEXT_OID = 25;

	private byte[] bytes;

	private int size;

	private long rows;

	private final boolean headed;

	public BinaryCopyRows() {
		this(16 * 1024);
	}

	public BinaryCopyRows(int capacity) {
		this(capacity, true);
	}

	private BinaryCopyRows(int capacity, boolean headed) {
		this.bytes = new byte[Math.max(64, capacity)];
		this.headed = headed;
		if (headed) {
			raw(HEADER);
		}
	}

	/**
	 * Rows without the format's header, to be sent in parts by their offsets; see the
	 * class comment.
	 */
	public static BinaryCopyRows withoutHeader(int capacity) {
		return new BinaryCopyRows(capacity, false);
	}

	/** Bytes written so far: the offset the next field or row starts at. */
	public int size() {
		return this.size;
	}

	/** The buffer the rows are written in; valid up to {@link #size()}. */
	public byte[] bytes() {
		return this.bytes;
	}

	/** Rows written so far. */
	public long rows() {
		return this.rows;
	}

	/** Starts a row of {@code fields} fields. */
	public BinaryCopyRows row(int fields) {
		ensure(2);
		this.bytes[this.size++] = (byte) (fields >>> 8);
		this.bytes[this.size++] = (byte) fields;
		this.rows++;
		return this;
	}

	public BinaryCopyRows nul() {
		return int4(-1);
	}

	public BinaryCopyRows uuid(UUID value) {
		if (value == null) {
			return nul();
		}
		int4(16);
		int8(value.getMostSignificantBits());
		return int8(value.getLeastSignificantBits());
	}

	public BinaryCopyRows int8Field(long value) {
		int4(8);
		return int8(value);
	}

	public BinaryCopyRows int4Field(int value) {
		int4(4);
		return int4(value);
	}

	public BinaryCopyRows bool(boolean value) {
		int4(1);
		ensure(1);
		this.bytes[this.size++] = (byte) (value ? 1 : 0);
		return this;
	}

	public BinaryCopyRows timestamptz(Instant value) {
		if (value == null) {
			return nul();
		}
		int4(8);
		return int8(micros(value));
	}

	/** A uuid field of zeros, to be filled in later with {@link #putUuid}. */
	public BinaryCopyRows uuidSlot() {
		return uuid(new UUID(0, 0));
	}

	/**
	 * Writes a uuid over the 16 bytes at {@code at} (a slot made by {@link #uuidSlot}).
	 */
	public void putUuid(int at, UUID value) {
		putLong(at, value.getMostSignificantBits());
		putLong(at + 8, value.getLeastSignificantBits());
	}

	/** Writes a timestamptz value over the 8 bytes at {@code at}. */
	public void putTimestamptz(int at, Instant value) {
		putLong(at, micros(value));
	}

	/** A numeric in its binary form: digits in base 10,000 around the decimal point. */
	public BinaryCopyRows numeric(BigDecimal value) {
		if (value == null) {
			return nul();
		}
		if (value.scale() < 0) {
			value = value.setScale(0);
		}
		int scale = value.scale();
		int pad = (4 - scale % 4) % 4;
		int sign = value.signum() < 0 ? 0x4000 : 0;
		BigInteger unscaled = value.unscaledValue().abs();
		short[] digits = new short[8];
		int n = 0;
		if (unscaled.bitLength() < 50) {
			long v = unscaled.longValue();
			for (int i = 0; i < pad; i++) {
				v *= 10;
			}
			while (v != 0) {
				if (n == digits.length) {
					digits = Arrays.copyOf(digits, n * 2);
				}
				digits[n++] = (short) (v % 10_000);
				v /= 10_000;
			}
		}
		else {
			BigInteger v = unscaled.multiply(BigInteger.TEN.pow(pad));
			while (v.signum() != 0) {
				BigInteger[] qr = v.divideAndRemainder(TEN_THOUSAND);
				if (n == digits.length) {
					digits = Arrays.copyOf(digits, n * 2);
				}
				digits[n++] = qr[1].shortValue();
				v = qr[0];
			}
		}
		// digits[0] is the least significant group; (scale + pad) / 4 groups are after
		// the point
		int fraction = (scale + pad) / 4;
		int low = 0;
		while (low < n && digits[low] == 0) {
			low++;
		}
		int count = n - low;
		int weight = (count == 0) ? 0 : n - 1 - fraction;
		int4(8 + 2 * count);
		short2(count);
		short2(weight);
		short2(count == 0 ? 0 : sign);
		short2(scale);
		for (int i = n - 1; i >= low; i--) {
			short2(digits[i]);
		}
		return this;
	}

	private static long micros(Instant value) {
		return Math.addExact(Math.multiplyExact(value.getEpochSecond() - POSTGRES_EPOCH_SECONDS, 1_000_000L),
				value.getNano() / 1_000);
	}

	public BinaryCopyRows date(LocalDate value) {
		if (value == null) {
			return nul();
		}
		int4(4);
		return int4(Math.toIntExact(value.toEpochDay() - POSTGRES_EPOCH_DAYS));
	}

	/** A text (or varchar, char) field; {@code null} writes NULL. */
	public BinaryCopyRows text(String value) {
		if (value == null) {
			return nul();
		}
		int at = this.size;
		int4(0);
		utf8(value);
		putInt(at, this.size - at - 4);
		return this;
	}

	/** An enum's name as text; {@code null} writes NULL. */
	public BinaryCopyRows text(Enum<?> value) {
		return text(value == null ? null : value.name());
	}

	public BinaryCopyRows jsonb(String json) {
		if (json == null) {
			return nul();
		}
		int at = this.size;
		int4(0);
		ensure(1);
		this.bytes[this.size++] = 1;
		utf8(json);
		putInt(at, this.size - at - 4);
		return this;
	}

	/** A one-dimensional text[] of non-null values. */
	public BinaryCopyRows textArray(List<String> values) {
		int at = this.size;
		int4(0);
		if (values.isEmpty()) {
			int4(0);
			int4(0);
			int4(TEXT_OID);
		}
		else {
			int4(1);
			int4(0);
			int4(TEXT_OID);
			int4(values.size());
			int4(1);
			for (String value : values) {
				text(value);
			}
		}
		putInt(at, this.size - at - 4);
		return this;
	}

	/**
	 * Sends the rows with {@code COPY table (columns) FROM STDIN (FORMAT binary)};
	 * returns the rows the server took. The rows stay, so they can be sent again.
	 */
	public long copyInto(CopyManager copy, String table, String columns) throws SQLException {
		if (this.rows == 0) {
			return 0;
		}
		int head = this.headed ? 0 : HEADER.length;
		byte[] all = new byte[head + this.size + TRAILER.length];
		System.arraycopy(HEADER, 0, all, 0, head);
		System.arraycopy(this.bytes, 0, all, head, this.size);
		System.arraycopy(TRAILER, 0, all, head + this.size, TRAILER.length);
		try {
			return copy.copyIn("COPY " + table + " (" + columns + ") FROM STDIN (FORMAT binary)",
					new ByteArrayInputStream(all));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private void utf8(String value) {
		int n = value.length();
		ensure(n);
		for (int i = 0; i < n; i++) {
			char c = value.charAt(i);
			if (c >= 0x80) {
				byte[] rest = value.substring(i).getBytes(StandardCharsets.UTF_8);
				raw(rest);
				return;
			}
			this.bytes[this.size++] = (byte) c;
		}
	}

	private BinaryCopyRows raw(byte[] value) {
		ensure(value.length);
		System.arraycopy(value, 0, this.bytes, this.size, value.length);
		this.size += value.length;
		return this;
	}

	private BinaryCopyRows int4(int value) {
		ensure(4);
		putInt(this.size, value);
		this.size += 4;
		return this;
	}

	private BinaryCopyRows int8(long value) {
		ensure(8);
		putLong(this.size, value);
		this.size += 8;
		return this;
	}

	private void short2(int value) {
		ensure(2);
		this.bytes[this.size++] = (byte) (value >>> 8);
		this.bytes[this.size++] = (byte) value;
	}

	private void putLong(int at, long value) {
		putInt(at, (int) (value >>> 32));
		putInt(at + 4, (int) value);
	}

	private void putInt(int at, int value) {
		this.bytes[at] = (byte) (value >>> 24);
		this.bytes[at + 1] = (byte) (value >>> 16);
		this.bytes[at + 2] = (byte) (value >>> 8);
		this.bytes[at + 3] = (byte) value;
	}

	private void ensure(int more) {
		if (this.size + more > this.bytes.length) {
			this.bytes = Arrays.copyOf(this.bytes, Math.max(this.size + more, this.bytes.length * 2));
		}
	}

}
