package org.rapport.access;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An API key: {@code rk_<prefix>_<secret>}, where the prefix (48 random bits, 12 hex
 * digits) finds the client and the secret (256 random bits, 64 hex digits) proves it.
 * Only {@link #hash()} is stored. A key this random cannot be guessed or brute-forced
 * from its hash, so a fast hash (SHA-256) is enough and keeps every API call cheap.
 */
record ApiKey(String prefix, String value) {

	static final String START = "rk_";

	private static final Pattern FORMAT = Pattern.compile("rk_([0-9a-f]{12})_[0-9a-f]{64}");

	private static final SecureRandom RANDOM = new SecureRandom();

	static ApiKey generate() {
		String prefix = HexFormat.of().formatHex(randomBytes(6));
		String secret = HexFormat.of().formatHex(randomBytes(32));
		return new ApiKey(prefix, START + prefix + "_" + secret);
	}

	/** The key as presented by a caller, if it has the right form. */
	static Optional<ApiKey> parse(String presented) {
		if (presented == null) {
			return Optional.empty();
		}
		Matcher m = FORMAT.matcher(presented.trim());
		return m.matches() ? Optional.of(new ApiKey(m.group(1), m.group())) : Optional.empty();
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
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
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
