package org.rapport.analytics.clv;

import java.nio.charset.StandardCharsets;
import java.util.List;

/** Customer ids as slices of one byte array, so a million ids cost no objects. */
final class CustomerIds {

	private final byte[] bytes;

	private final int[] start;

	private final int[] length;

	CustomerIds(byte[] bytes, int[] start, int[] length) {
		this.bytes = bytes;
		this.start = start;
		this.length = length;
	}

	static CustomerIds of(List<String> ids) {
		int total = 0;
		byte[][] encoded = new byte[ids.size()][];
		for (int i = 0; i < encoded.length; i++) {
			encoded[i] = ids.get(i).getBytes(StandardCharsets.UTF_8);
			total += encoded[i].length;
		}
		byte[] bytes = new byte[total];
		int[] start = new int[encoded.length];
		int[] length = new int[encoded.length];
		for (int i = 0, at = 0; i < encoded.length; i++) {
			System.arraycopy(encoded[i], 0, bytes, at, encoded[i].length);
			start[i] = at;
			length[i] = encoded[i].length;
			at += encoded[i].length;
		}
		return new CustomerIds(bytes, start, length);
	}

	int size() {
		return this.start.length;
	}

	int length(int i) {
		return this.length[i];
	}

	int copy(int i, byte[] into, int at) {
		System.arraycopy(this.bytes, this.start[i], into, at, this.length[i]);
		return at + this.length[i];
	}

	String get(int i) {
		return new String(this.bytes, this.start[i], this.length[i], StandardCharsets.UTF_8);
	}

}
