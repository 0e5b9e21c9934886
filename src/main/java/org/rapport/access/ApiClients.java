package org.rapport.access;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.rapport.platform.Actor;
import org.rapport.platform.Ids;
import org.rapport.platform.web.ApiException;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Integration clients (POS, web shop, partners) and their API keys. A key is shown once
 * when created; only its SHA-256 hash is stored (the key is 256 random bits, so a slow
 * hash adds nothing). The key's prefix finds the row; the hash is compared in constant
 * time.
 */
@Service
public class ApiClients {

	static final String KEY_START = "rk_";

	private static final SecureRandom RANDOM = new SecureRandom();

	private final JdbcClient jdbc;

	private final Clock clock;

	ApiClients(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/** A client as listed to administrators (never with its key). */
	public record ApiClient(UUID id, String name, String keyPrefix, Set<Scope> scopes, boolean active) {
	}

	/** A newly created client with its key, which is not shown again. */
	public record CreatedClient(ApiClient client, String apiKey) {
	}

	@Transactional
	public CreatedClient create(String name, Set<Scope> scopes, Actor createdBy) {
		if (name == null || name.isBlank() || name.length() > 100) {
			throw ApiException.invalid("name", "give a name of 1-100 characters");
		}
		if (scopes.isEmpty()) {
			throw ApiException.invalid("scopes", "give at least one scope");
		}
		boolean taken = this.jdbc.sql("SELECT EXISTS (SELECT 1 FROM api_client WHERE name = ?)")
			.param(name)
			.query(Boolean.class)
			.single();
		if (taken) {
			throw ApiException.conflict("name-taken", "An API client called " + name + " exists already");
		}
		String prefix = HexFormat.of().formatHex(randomBytes(6));
		String secret = HexFormat.of().formatHex(randomBytes(32));
		String key = KEY_START + prefix + "_" + secret;
		UUID id = Ids.next(this.clock);
		this.jdbc
			.sql("INSERT INTO api_client (id, name, key_prefix, key_hash, scopes, created_at, created_by) "
					+ "VALUES (?, ?, ?, ?, ?, ?, ?)")
			.params(id, name, prefix, sha256(key), scopeArray(scopes), this.clock.instant().atOffset(ZoneOffset.UTC),
					createdBy.name())
			.update();
		return new CreatedClient(new ApiClient(id, name, prefix, EnumSet.copyOf(scopes), true), key);
	}

	public List<ApiClient> all() {
		return this.jdbc.sql("SELECT id, name, key_prefix, scopes, active FROM api_client ORDER BY name")
			.query((rs, row) -> new ApiClient(rs.getObject("id", UUID.class), rs.getString("name"),
					rs.getString("key_prefix"), scopes((String[]) rs.getArray("scopes").getArray()),
					rs.getBoolean("active")))
			.list();
	}

	@Transactional
	public void revoke(UUID id) {
		int rows = this.jdbc.sql("UPDATE api_client SET active = FALSE, revoked_at = ? WHERE id = ?")
			.params(this.clock.instant().atOffset(ZoneOffset.UTC), id)
			.update();
		if (rows == 0) {
			throw ApiException.notFound("API client", id);
		}
	}

	/** The principal for a presented key, if it is a valid key of an active client. */
	Optional<RapportPrincipal> authenticate(String presentedKey) {
		if (presentedKey == null || !presentedKey.startsWith(KEY_START)) {
			return Optional.empty();
		}
		int sep = presentedKey.indexOf('_', KEY_START.length());
		if (sep < 0) {
			return Optional.empty();
		}
		String prefix = presentedKey.substring(KEY_START.length(), sep);
		byte[] presentedHash = sha256(presentedKey).getBytes(StandardCharsets.US_ASCII);
		return this.jdbc.sql("SELECT id, name, key_hash, scopes FROM api_client WHERE key_prefix = ? AND active")
			.param(prefix)
			.query((rs, row) -> {
				byte[] stored = rs.getString("key_hash").getBytes(StandardCharsets.US_ASCII);
				if (!MessageDigest.isEqual(stored, presentedHash)) {
					return null;
				}
				Actor actor = new Actor("api-client:" + rs.getObject("id", UUID.class), rs.getString("name"),
						Actor.Kind.API_CLIENT);
				return new RapportPrincipal(actor, rs.getString("name"), "", true,
						RapportPrincipal.authoritiesOfScopes(scopes((String[]) rs.getArray("scopes").getArray())));
			})
			.optional();
	}

	private static Set<Scope> scopes(String[] names) {
		return Arrays.stream(names)
			.map(Scope::ofName)
			.collect(Collectors.toCollection(() -> EnumSet.noneOf(Scope.class)));
	}

	private static String[] scopeArray(Set<Scope> scopes) {
		return scopes.stream().map(Scope::scopeName).sorted().toArray(String[]::new);
	}

	private static byte[] randomBytes(int n) {
		byte[] bytes = new byte[n];
		RANDOM.nextBytes(bytes);
		return bytes;
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

}
