package org.rapport.access;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class ApiKeyTest {

	@Test
	void aKeyIsRkThenATwelveDigitPrefixThenA256BitSecret() {
		ApiKey key = ApiKey.generate();
		assertThat(key.value()).matches("rk_[0-9a-f]{12}_[0-9a-f]{64}");
		assertThat(key.value()).startsWith("rk_" + key.prefix() + "_");
	}

	@Test
	void twoKeysNeverShareASecretOrPrefix() {
		ApiKey a = ApiKey.generate();
		ApiKey b = ApiKey.generate();
		assertThat(a.value()).isNotEqualTo(b.value());
		assertThat(a.prefix()).isNotEqualTo(b.prefix());
	}

	@Test
	void theStoredHashIsTheHexSha256OfTheWholeKeyAndNotTheKey() {
		ApiKey key = ApiKey.generate();
		assertThat(key.hash()).matches("[0-9a-f]{64}").isNotEqualTo(key.value()).doesNotContain(key.value());
		assertThat(ApiKey.sha256("abc")).isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
	}

	@Test
	void aPresentedKeyMatchesTheHashOfItsOwnKeyOnly() {
		ApiKey key = ApiKey.generate();
		ApiKey presented = ApiKey.parse(key.value()).orElseThrow();
		assertThat(presented.prefix()).isEqualTo(key.prefix());
		assertThat(presented.matches(key.hash())).isTrue();
		assertThat(presented.matches(ApiKey.generate().hash())).isFalse();
		assertThat(presented.matches(null)).isFalse();
	}

	@Test
	void aKeyWithOneSecretCharacterChangedDoesNotMatch() {
		ApiKey key = ApiKey.generate();
		String last = key.value().endsWith("0") ? "1" : "0";
		String tampered = key.value().substring(0, key.value().length() - 1) + last;
		assertThat(ApiKey.parse(tampered).orElseThrow().matches(key.hash())).isFalse();
	}

	@ParameterizedTest
	@NullSource
	@ValueSource(strings = { "", "rk_", "rk_abc_def", "xx_0123456789ab_" + SECRET, "rk_0123456789AB_" + SECRET,
			"rk_0123456789ab-" + SECRET, "rk_0123456789ab_" + SECRET + "0", "Bearer rk_0123456789ab_" + SECRET })
	void malformedKeysAreRejectedBeforeAnyLookup(String presented) {
		assertThat(ApiKey.parse(presented)).isEmpty();
	}

	static final String SECRET = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

	@Test
	void theKeyIsNeverPrintedInFull() {
		ApiKey key = ApiKey.generate();
		assertThat(key.toString()).startsWith("rk_" + key.prefix()).doesNotContain(key.value().substring(20));
	}

	@Test
	void theCharacterCheckAcceptsExactlyTheKeysOfTheFormat() {
		java.util.SplittableRandom random = new java.util.SplittableRandom(7);
		String alphabet = "0123456789abcdefABCDEFgz_-rk ";
		for (int n = 0; n < 20_000; n++) {
			StringBuilder s = new StringBuilder(ApiKey.generate().value());
			int edits = 1 + random.nextInt(2);
			for (int e = 0; e < edits; e++) {
				int at = random.nextInt(s.length() + 1);
				char c = alphabet.charAt(random.nextInt(alphabet.length()));
				switch (random.nextInt(4)) {
					case 0 -> s.insert(at, c);
					case 1 -> s.deleteCharAt(Math.min(at, s.length() - 1));
					case 2 -> s.setCharAt(Math.min(at, s.length() - 1), c);
					default -> {
						// left as generated
					}
				}
			}
			String presented = s.toString();
			boolean byPattern = ApiKey.FORMAT.matcher(presented.trim()).matches();
			assertThat(ApiKey.parse(presented).isPresent()).as(presented).isEqualTo(byPattern);
			ApiKey.parse(presented)
				.ifPresent((k) -> assertThat(k.prefix()).isEqualTo(presented.trim().substring(3, 15)));
		}
		assertThat(ApiKey.parse("  rk_0123456789ab_" + SECRET + " ")).isPresent();
	}

	@Test
	void hashingFromManyThreadsAtOnceGivesEveryoneTheirOwnHash() throws Exception {
		java.util.List<ApiKey> keys = java.util.stream.Stream.generate(ApiKey::generate).limit(64).toList();
		java.util.Map<ApiKey, String> expected = new java.util.HashMap<>();
		keys.forEach((k) -> expected.put(k, k.hash()));
		var pool = java.util.concurrent.Executors.newFixedThreadPool(8);
		try {
			java.util.List<java.util.concurrent.Future<Boolean>> checks = new java.util.ArrayList<>();
			for (int n = 0; n < 8; n++) {
				checks.add(pool.submit(() -> {
					boolean all = true;
					for (int r = 0; r < 200; r++) {
						for (ApiKey k : keys) {
							all &= ApiKey.sha256(k.value()).equals(expected.get(k));
						}
					}
					return all;
				}));
			}
			for (var check : checks) {
				assertThat(check.get()).isTrue();
			}
		}
		finally {
			pool.shutdownNow();
		}
	}

}
