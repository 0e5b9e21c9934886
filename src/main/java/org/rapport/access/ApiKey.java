package org.rapport.access;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An API key: {@code rk_<prefix>_<secret>}, where the prefix (48 random bits, 12 hex
 * digits) finds the client and the secret (256 random bits, 64 hex digits) proves it.
 * Only {@link #hash()} is stored. A key this random cannot be guessed or brute-forced
 * from its hash, so a fast hash (SHA-256) is enough and keeps every API call cheap.
 */
record ApiKey(String prefix, String value) {

	static final String START = "rk_";

	/** The form of a key: {@code rk_}, 12 lower-case hex digits, {@code _}, 64 more. */
	static final Pattern FORMAT = Pattern.compile("rk_([0-9a-f]{12})_[0-9a-f]{64}");

	private static final int PREFIX_END = START.length() + 12;

	private static final int LENGTH = PREFIX_END + 1 + 64;

	/** Cloned per hash: looking the algorithm up costs more than hashing a key. */
	private static final MessageDigest SHA_256 = sha256Digest();

	private static final SecureRandom RANDOM = new SecureRandom();

	static ApiKey generate() {
		String prefix = HexFormat.of().formatHex(randomBytes(6));
		String secret = HexFormat.of().formatHex(randomBytes(32));
		return new ApiKey(prefix, START + prefix + "_" + secret);
	}

	/**
	 * The key as presented by a caller, if it has the right form ({@link #FORMAT},
	 * checked character by character: this runs on every API call).
	 */
	static Optional<ApiKey> parse(String presented) {
		if (presented == null) {
			return Optional.empty();
		}
		String key = presented.trim();
		if (key.length() != LENGTH || !key.startsWith(START) || key.charAt(PREFIX_END) != '_'
				|| !lowerHex(key, START.length(), PREFIX_END) || !lowerHex(key, PREFIX_END + 1, LENGTH)) {
			return Optional.empty();
		}
		return Optional.of(new ApiKey(key.substring(START.length(), PREFIX_END), key));
	}

	private static boolean lowerHex(String s, int from, int to) {
		for (int i = from; i < to; i++) {
			char c = s.charAt(i);
			if ((c < '0' || c > '9') && (c < 'a' || c > 'f')) {
				return false;
			}
		}
		return true;
	}

	String hash() {
		return sha256(this.value);
	}

	/** Compares in constant time, so response times do not reveal how much matched. */
	boolean matches(String storedHash) {
		return sameHash(hash(), storedHash);
	}

	/** Compares two hashes in constant time. */
	static boolean sameHash(String hash, String storedHash) {
		return storedHash != null && MessageDigest.isEqual(storedHash.getBytes(StandardCharsets.US_ASCII),
				hash.getBytes(StandardCharsets.US_ASCII));
	}

	@Override
	public String toString() {
		return START + this.prefix + "_…";
	}

	static String sha256(String value) {
		MessageDigest digest;
		try {
			digest = (MessageDigest) SHA_256.clone();
		}
		catch (CloneNotSupportedException ex) {
			digest = sha256Digest();
		}
		return HexFormat.of().formatHex(digest.digest(value.getBytes(StandardCharsets.UTF_8)));
	}

	private static MessageDigest sha256Digest() {
		try {
			return MessageDigest.getInstance("SHA-256");
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static byte[] randomBytes(int n) {
		byte[] bytes = new byte[n];
		RANDOM.nextBytes(bytes);
		return bytes;
	}

}
