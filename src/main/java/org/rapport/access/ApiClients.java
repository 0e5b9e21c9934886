package org.rapport.access;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

import org.rapport.audit.AuditTrail;
import org.rapport.platform.Actor;
import org.rapport.platform.Ids;
import org.rapport.platform.web.ApiException;
import org.rapport.platform.web.Text;

import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Integration clients (POS, web shop, partners) and their API keys. A key is shown once
 * when created; only its SHA-256 hash is stored (see {@link ApiKey}). Creating and
 * revoking a client are audited.
 */
@Service
public class ApiClients {

	static final String AUDIT_TYPE = "api-client";

	/** {@code last_used_at} is written at most this often per client and node. */
	static final Duration LAST_USED_PRECISION = Duration.ofMinutes(1);

	private static final String COLUMNS = "id, name, key_prefix, scopes, active, created_at, created_by, "
			+ "revoked_at, last_used_at";

	private final JdbcClient jdbc;

	private final AuditTrail audit;

	private final Clock clock;

	/**
	 * How long a verified key is believed without asking the database again. A revocation
	 * on this node takes effect at once (the entries of the client are dropped); one made
	 * on another node of a cluster takes effect within this time.
	 */
	static final Duration VERIFIED_KEY_TTL = Duration.ofSeconds(10);

	/** Beyond this many verified keys the cache starts over (only valid keys get in). */
	static final int MAX_VERIFIED_KEYS = 10_000;

	private final Map<UUID, Instant> lastUseWritten = new ConcurrentHashMap<>();

	/** Recently verified keys by the SHA-256 of the whole key, i.e. their stored hash. */
	private final Map<String, Verified> verified = new ConcurrentHashMap<>();

	/** Counts revocations, so a check that raced one does not cache what it read. */
	private final AtomicLong revocations = new AtomicLong();

	private record Verified(UUID clientId, RapportPrincipal principal, Instant until) {
	}

	ApiClients(JdbcClient jdbc, AuditTrail audit, Clock clock) {
		this.jdbc = jdbc;
		this.audit = audit;
		this.clock = clock;
	}

	/** A client as listed to administrators (never with its key or hash). */
	public record ApiClient(UUID id, String name, String keyPrefix, Set<Scope> scopes, boolean active,
			Instant createdAt, String createdBy, Instant revokedAt, Instant lastUsedAt) {
	}

	/** A newly created client with its key, which is not shown again. */
	public record CreatedClient(ApiClient client, String apiKey) {
	}

	@Transactional
	public CreatedClient create(String name, Set<Scope> scopes, Actor createdBy) {
		String trimmed = name == null ? "" : name.trim();
		if (trimmed.isEmpty() || trimmed.length() > 100) {
			throw ApiException.invalid("name",
					Text.of("access.api-client.name-length", "give a name of 1-100 characters"));
		}
		if (scopes == null || scopes.isEmpty()) {
			throw ApiException.invalid("scopes", Text.of("access.scopes.none", "give at least one scope"));
		}
		boolean taken = this.jdbc.sql("SELECT EXISTS (SELECT 1 FROM api_client WHERE name = ?)")
			.param(trimmed)
			.query(Boolean.class)
			.single();
		if (taken) {
			throw ApiException.conflict("name-taken",
					Text.of("access.api-client.name-taken", "An API client called {0} exists already", trimmed));
		}
		ApiKey key = ApiKey.generate();
		UUID id = Ids.next(this.clock);
		Instant now = this.clock.instant();
		this.jdbc
			.sql("INSERT INTO api_client (id, name, key_prefix, key_hash, scopes, created_at, created_by) "
					+ "VALUES (?, ?, ?, ?, ?, ?, ?)")
			.params(id, trimmed, key.prefix(), key.hash(), scopeArray(scopes), now.atOffset(ZoneOffset.UTC),
					createdBy.name())
			.update();
		ApiClient client = new ApiClient(id, trimmed, key.prefix(), EnumSet.copyOf(scopes), true, now, createdBy.name(),
				null, null);
		this.audit.record(createdBy, AuditTrail.Change.of("created", AUDIT_TYPE, id,
				Text.of("access.audit.api-client-created", "API client {0} created", trimmed), null,
				Map.of("name", trimmed, "keyPrefix", key.prefix(), "scopes", scopeArray(scopes), "active", true)));
		return new CreatedClient(client, key.value());
	}

	public List<ApiClient> all() {
		return this.jdbc.sql("SELECT " + COLUMNS + " FROM api_client ORDER BY name").query(ApiClients::map).list();
	}

	public Optional<ApiClient> byId(UUID id) {
		return this.jdbc.sql("SELECT " + COLUMNS + " FROM api_client WHERE id = ?")
			.param(id)
			.query(ApiClients::map)
			.optional();
	}

	/** Revokes the client's key for good; its next call is refused. */
	@Transactional
	public ApiClient revoke(UUID id) {
		ApiClient before = byId(id).orElseThrow(() -> new ApiException(HttpStatus.NOT_FOUND, "not-found",
				Text.of("access.api-client.not-found", "API client {0} does not exist", id)));
		if (!before.active()) {
			return before;
		}
		this.jdbc.sql("UPDATE api_client SET active = FALSE, revoked_at = ? WHERE id = ?")
			.params(this.clock.instant().atOffset(ZoneOffset.UTC), id)
			.update();
		forgetVerifiedKeys(id);
		if (TransactionSynchronizationManager.isSynchronizationActive()) {
			// Once more after the commit: a check that read the row before it committed
			// must not leave the key cached.
			TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
				@Override
				public void afterCompletion(int status) {
					forgetVerifiedKeys(id);
				}
			});
		}
		this.audit.record(AuditTrail.Change.of("revoked", AUDIT_TYPE, id,
				Text.of("access.audit.api-client-revoked", "API client {0} revoked", before.name()),
				Map.of("active", true), Map.of("active", false)));
		return byId(id).orElseThrow();
	}

	/**
	 * The principal for a presented key, if it is a valid key of an active client. A key
	 * verified in the last {@link #VERIFIED_KEY_TTL} is taken from memory, found by the
	 * SHA-256 of the whole presented key: only a key with exactly that hash, i.e. the
	 * same key, finds the entry.
	 */
	Optional<RapportPrincipal> authenticate(String presentedKey) {
		Optional<ApiKey> key = ApiKey.parse(presentedKey);
		if (key.isEmpty()) {
			return Optional.empty();
		}
		String hash = key.get().hash();
		Instant now = this.clock.instant();
		Verified cached = this.verified.get(hash);
		if (cached != null && now.isBefore(cached.until())) {
			noteUse(cached.clientId(), now);
			return Optional.of(cached.principal());
		}
		long revocationsBefore = this.revocations.get();
		Optional<Verified> found = this.jdbc
			.sql("SELECT id, name, key_hash, scopes FROM api_client WHERE key_prefix = ? AND active")
			.param(key.get().prefix())
			.query((rs, row) -> {
				if (!ApiKey.sameHash(hash, rs.getString("key_hash"))) {
					return Optional.<Verified>empty();
				}
				UUID clientId = rs.getObject("id", UUID.class);
				Actor actor = new Actor("api-client:" + clientId, rs.getString("name"), Actor.Kind.API_CLIENT);
				return Optional.of(new Verified(clientId, new RapportPrincipal(actor, rs.getString("name"), "", true,
						RapportPrincipal.authoritiesOfScopes(scopes(rs))), now.plus(VERIFIED_KEY_TTL)));
			})
			.optional()
			.flatMap((f) -> f);
		found.ifPresent((v) -> remember(hash, v, revocationsBefore));
		found.ifPresent((v) -> noteUse(v.clientId(), now));
		return found.map(Verified::principal);
	}

	private void remember(String hash, Verified verified, long revocationsBefore) {
		if (this.revocations.get() != revocationsBefore) {
			return;
		}
		if (this.verified.size() >= MAX_VERIFIED_KEYS) {
			this.verified.clear();
		}
		this.verified.put(hash, verified);
		if (this.revocations.get() != revocationsBefore) {
			// A revocation ran in between; it may not have seen this entry.
			this.verified.remove(hash);
		}
	}

	private void forgetVerifiedKeys(UUID clientId) {
		this.revocations.incrementAndGet();
		this.verified.values().removeIf((v) -> v.clientId().equals(clientId));
	}

	/** Records the use at minute precision, so busy clients cause no write per call. */
	private void noteUse(UUID id, Instant now) {
		Instant last = this.lastUseWritten.get(id);
		if (last != null && last.plus(LAST_USED_PRECISION).isAfter(now)) {
			return;
		}
		this.lastUseWritten.put(id, now);
		this.jdbc.sql("UPDATE api_client SET last_used_at = ? WHERE id = ?")
			.params(now.atOffset(ZoneOffset.UTC), id)
			.update();
	}

	private static ApiClient map(ResultSet rs, int row) throws SQLException {
		return new ApiClient(rs.getObject("id", UUID.class), rs.getString("name"), rs.getString("key_prefix"),
				scopes(rs), rs.getBoolean("active"), instant(rs, "created_at"), rs.getString("created_by"),
				instant(rs, "revoked_at"), instant(rs, "last_used_at"));
	}

	private static Instant instant(ResultSet rs, String column) throws SQLException {
		java.time.OffsetDateTime value = rs.getObject(column, java.time.OffsetDateTime.class);
		return value == null ? null : value.toInstant();
	}

	private static Set<Scope> scopes(ResultSet rs) throws SQLException {
		return Arrays.stream((String[]) rs.getArray("scopes").getArray())
			.map(Scope::ofName)
			.collect(Collectors.toCollection(() -> EnumSet.noneOf(Scope.class)));
	}

	static String[] scopeArray(Set<Scope> scopes) {
		return scopes.stream().map(Scope::scopeName).sorted().toArray(String[]::new);
	}

}
