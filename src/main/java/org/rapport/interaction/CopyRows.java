package org.rapport.interaction;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.UUID;

/**
 * Rows in PostgreSQL's binary {@code COPY} format (a field count, then each field as its
 * length and its bytes in the type's binary form), written into a growing byte array
 * without the file header and trailer ({@link #HEADER}, {@link #TRAILER}), so that the
 * writer can send any subset of the rows, in order, by their offsets. The server reads
 * these forms without parsing text: uuid as 16 bytes, timestamptz as microseconds since
 * 2000-01-01 UTC, numeric as base-10000 digits, text as UTF-8, jsonb as version 1 and the
 * JSON text.
 */
final class CopyRows {

	/** The file header: signature, flags, header extension length. */
	static final byte[] HEADER = { 'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xff, '\r', '\n', 0, 0, 0, 0, 0, 0, 0, 0,
			0 };

	/** The file trailer: a field count of -1. */
	static final byte[] TRAILER = { (byte) 0xff, (byte) 0xff };

	/** Seconds from 1970-01-01 to PostgreSQL's epoch, 2000-01-01. */
	private static final long POSTGRES_EPOCH = 946_684_800L;

	private static final BigInteger TEN_THOUSAND = BigInteger.valueOf(10_000);

	private byte[] bytes;

	private int size;

	CopyRows(int capacity) {
		this.bytes = new byte[Math.max(64, capacity)];
	}

	int size() {
		return this.size;
	}

	byte[] bytes() {
		return this.bytes;
	}

	/** Starts a row of {@code fields} fields. */
	CopyRows row(int fields) {
		ensure(2);
		this.bytes[this.size++] = (byte) (fields >>> 8);
		this.bytes[this.size++] = (byte) fields;
		return this;
	}

	CopyRows nul() {
		return int4(-1);
	}

	CopyRows uuid(UUID value) {
		if (value == null) {
			return nul();
		}
		int4(16);
		int8(value.getMostSignificantBits());
		return int8(value.getLeastSignificantBits());
	}

	/** A uuid field of zeros, to be filled in later with {@link #putUuid}. */
	CopyRows uuidSlot() {
		return uuid(new UUID(0, 0));
	}

	CopyRows int4Field(int value) {
		int4(4);
		return int4(value);
	}

	CopyRows timestamptz(Instant value) {
		if (value == null) {
			return nul();
		}
		int4(8);
		return int8(micros(value));
	}

	CopyRows text(String value) {
		if (value == null) {
			return nul();
		}
		int n = value.length();
		ensure(4 + n);
		int at = this.size;
		this.size += 4;
		for (int i = 0; i < n; i++) {
			char c = value.charAt(i);
			if (c >= 0x80) {
				// not ASCII: the general encoder
				this.size = at;
				byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
				int4(utf8.length);
				return raw(utf8);
			}
			this.bytes[this.size++] = (byte) c;
		}
		putInt(at, n);
		return this;
	}

	CopyRows jsonb(String json) {
		byte[] utf8 = json.getBytes(StandardCharsets.UTF_8);
		int4(utf8.length + 1);
		ensure(1);
		this.bytes[this.size++] = 1;
		return raw(utf8);
	}

	/** A numeric in its binary form: digits in base 10,000 around the decimal point. */
	CopyRows numeric(BigDecimal value) {
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

	/**
	 * Writes a uuid over the 16 bytes at {@code at} (a slot made by {@link #uuidSlot}).
	 */
	void putUuid(int at, UUID value) {
		putLong(at, value.getMostSignificantBits());
		putLong(at + 8, value.getLeastSignificantBits());
	}

	/** Writes a timestamptz value over the 8 bytes at {@code at}. */
	void putTimestamptz(int at, Instant value) {
		putLong(at, micros(value));
	}

	private static long micros(Instant value) {
		return Math.addExact(Math.multiplyExact(value.getEpochSecond() - POSTGRES_EPOCH, 1_000_000L),
				value.getNano() / 1_000);
	}

	private CopyRows raw(byte[] value) {
		ensure(value.length);
		System.arraycopy(value, 0, this.bytes, this.size, value.length);
		this.size += value.length;
		return this;
	}

	private void short2(int value) {
		ensure(2);
		this.bytes[this.size++] = (byte) (value >>> 8);
		this.bytes[this.size++] = (byte) value;
	}

	private CopyRows int4(int value) {
		ensure(4);
		putInt(this.size, value);
		this.size += 4;
		return this;
	}

	private CopyRows int8(long value) {
		ensure(8);
		putLong(this.size, value);
		this.size += 8;
		return this;
	}

	private void putInt(int at, int value) {
		this.bytes[at] = (byte) (value >>> 24);
		this.bytes[at + 1] = (byte) (value >>> 16);
		this.bytes[at + 2] = (byte) (value >>> 8);
		this.bytes[at + 3] = (byte) value;
	}

	private void putLong(int at, long value) {
		putInt(at, (int) (value >>> 32));
		putInt(at + 4, (int) value);
	}

	private void ensure(int more) {
		if (this.size + more > this.bytes.length) {
			this.bytes = Arrays.copyOf(this.bytes, Math.max(this.size + more, this.bytes.length * 2));
		}
	}

}
