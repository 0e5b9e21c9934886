package org.rapport.loyalty;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.rapport.customer.ConsentPurpose;
import org.rapport.platform.Actor;
import org.rapport.platform.Ids;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Programmes, their saved versions and their earning rules. */
@Repository
class ProgrammeStore {

	private static final String COLUMNS = "id, code, name, currency, point_name, point_value, return_window_days, "
			+ "expiry_policy, expiry_months, expiry_period_months, negative_balance, required_consent, "
			+ "combination::text AS combination, card_prefix, voucher_code_required, version, updated_at";

	private final JdbcClient jdbc;

	private final JsonMapper json;

	private final Clock clock;

	ProgrammeStore(JdbcClient jdbc, JsonMapper json, Clock clock) {
		this.jdbc = jdbc;
		this.json = json;
		this.clock = clock;
	}

	Optional<LoyaltyProgramme> byCode(String code) {
		return this.jdbc.sql("SELECT " + COLUMNS + " FROM loyalty_programme WHERE code = ?")
			.param(code)
			.query(this::programme)
			.optional();
	}

	Optional<LoyaltyProgramme> byId(UUID id) {
		return this.jdbc.sql("SELECT " + COLUMNS + " FROM loyalty_programme WHERE id = ?")
			.param(id)
			.query(this::programme)
			.optional();
	}

	List<LoyaltyProgramme> all() {
		return this.jdbc.sql("SELECT " + COLUMNS + " FROM loyalty_programme ORDER BY code")
			.query(this::programme)
			.list();
	}

	/** The programmes still open to new members: every one not migrated into another. */
	List<LoyaltyProgramme> open() {
		return this.jdbc.sql("SELECT " + COLUMNS + " FROM loyalty_programme WHERE migrated_into IS NULL ORDER BY code")
			.query(this::programme)
			.list();
	}

	/**
	 * The code of the programme this one was migrated into, if it was; the programme's
	 * row is held (FOR SHARE) until the transaction ends, so that a migration, which
	 * closes it first, waits for an enrolment under way and an enrolment waits for a
	 * migration.
	 */
	Optional<String> migratedInto(UUID programmeId) {
		return this.jdbc.sql("""
				SELECT t.code FROM loyalty_programme p LEFT JOIN loyalty_programme t ON t.id = p.migrated_into
				WHERE p.id = ? FOR SHARE OF p""")
			.param(programmeId)
			.query((rs, n) -> Optional.ofNullable(rs.getString(1)))
			.optional()
			.flatMap((code) -> code);
	}

	/** Code of each programme migrated into another → that other's code. */
	java.util.Map<String, String> migrations() {
		java.util.Map<String, String> into = new java.util.LinkedHashMap<>();
		this.jdbc
			.sql("""
					SELECT p.code, t.code AS into FROM loyalty_programme p JOIN loyalty_programme t ON t.id = p.migrated_into
					ORDER BY p.code""")
			.query((rs) -> {
				into.put(rs.getString("code"), rs.getString("into"));
			});
		return into;
	}

	/**
	 * Closes the programme to new members: its members were migrated into {@code into}.
	 */
	void closeInto(UUID programmeId, UUID into) {
		this.jdbc.sql("UPDATE loyalty_programme SET migrated_into = ? WHERE id = ?").params(into, programmeId).update();
	}

	UUID create(ProgrammeSettings s) {
		UUID id = Ids.next(this.clock);
		OffsetDateTime now = now();
		this.jdbc.sql("""
				INSERT INTO loyalty_programme (id, code, name, currency, point_name, point_value, return_window_days,
				  expiry_policy, expiry_months, expiry_period_months, negative_balance, required_consent, combination,
				  card_prefix, voucher_code_required, version, created_at, updated_at)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, 1, ?, ?)
				""")
			.params(id, s.code(), s.name(), s.currency(), s.pointName(), s.pointValue(), s.returnWindowDays(),
					s.expiryPolicy().name(), s.expiryMonths(), s.expiryPeriodMonths(), s.negativeBalance().name(),
					(s.requiredConsent() == null) ? null : s.requiredConsent().name(),
					this.json.writeValueAsString(s.combination()), s.cardPrefix(), s.voucherCodeRequired(), now, now)
			.update();
		saveVersion(id, 1, s);
		return id;
	}

	/** Saves new settings (the code stays) as the next version; returns that version. */
	int update(UUID id, int expectedVersion, ProgrammeSettings s) {
		ProgrammeSnapshots.forget();
		int updated = this.jdbc.sql("""
				UPDATE loyalty_programme SET name = ?, currency = ?, point_name = ?, point_value = ?,
				  return_window_days = ?, expiry_policy = ?, expiry_months = ?, expiry_period_months = ?,
				  negative_balance = ?, required_consent = ?, combination = ?::jsonb, card_prefix = ?,
				  voucher_code_required = ?, version = version + 1, updated_at = ?
				WHERE id = ? AND version = ?
				""")
			.params(s.name(), s.currency(), s.pointName(), s.pointValue(), s.returnWindowDays(),
					s.expiryPolicy().name(), s.expiryMonths(), s.expiryPeriodMonths(), s.negativeBalance().name(),
					(s.requiredConsent() == null) ? null : s.requiredConsent().name(),
					this.json.writeValueAsString(s.combination()), s.cardPrefix(), s.voucherCodeRequired(), now(), id,
					expectedVersion)
			.update();
		if (updated == 0) {
			return -1;
		}
		saveVersion(id, expectedVersion + 1, s);
		return expectedVersion + 1;
	}

	private void saveVersion(UUID id, int version, ProgrammeSettings s) {
		this.jdbc
			.sql("INSERT INTO loyalty_programme_version (programme_id, version, changed_at, changed_by, settings) "
					+ "VALUES (?, ?, ?, ?, ?::jsonb)")
			.params(id, version, now(), Actor.current().id(), this.json.writeValueAsString(s))
			.update();
	}

	/** Every saved version of the programme's settings, oldest first. */
	List<Map<String, Object>> versions(UUID id) {
		return this.jdbc
			.sql("SELECT version, changed_at, changed_by, settings::text AS settings FROM loyalty_programme_version "
					+ "WHERE programme_id = ? ORDER BY version")
			.param(id)
			.query((rs, n) -> {
				Map<String, Object> row = new LinkedHashMap<>();
				row.put("version", rs.getInt("version"));
				row.put("changedAt", rs.getObject("changed_at", OffsetDateTime.class).toInstant());
				row.put("changedBy", rs.getString("changed_by"));
				row.put("settings", this.json.readValue(rs.getString("settings"), Object.class));
				return row;
			})
			.list();
	}

	List<EarnRule> rules(UUID programmeId) {
		return this.jdbc
			.sql("SELECT id, kind, rule_group, name, params::text AS params, valid_from, valid_to, active "
					+ "FROM loyalty_rule WHERE programme_id = ? ORDER BY id")
			.param(programmeId)
			.query((rs, n) -> new EarnRule(rs.getObject("id", UUID.class), RuleKind.valueOf(rs.getString("kind")),
					rs.getString("rule_group"), rs.getString("name"),
					this.json.readValue(rs.getString("params"), RuleParams.class), instant(rs, "valid_from"),
					instant(rs, "valid_to"), rs.getBoolean("active")))
			.list();
	}

	void saveRule(UUID programmeId, EarnRule rule, boolean create) {
		ProgrammeSnapshots.forget();
		String params = this.json.writeValueAsString(rule.params());
		if (create) {
			this.jdbc.sql("""
					INSERT INTO loyalty_rule (id, programme_id, kind, rule_group, name, params, valid_from, valid_to,
					  active, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?, ?)
					""")
				.params(rule.id(), programmeId, rule.kind().name(), rule.group(), rule.name(), params,
						utc(rule.validFrom()), utc(rule.validTo()), rule.active(), now(), now())
				.update();
			return;
		}
		this.jdbc.sql("""
				UPDATE loyalty_rule SET rule_group = ?, name = ?, params = ?::jsonb, valid_from = ?, valid_to = ?,
				  active = ?, updated_at = ? WHERE id = ? AND programme_id = ?
				""")
			.params(rule.group(), rule.name(), params, utc(rule.validFrom()), utc(rule.validTo()), rule.active(), now(),
					rule.id(), programmeId)
			.update();
	}

	private LoyaltyProgramme programme(ResultSet rs, int n) throws SQLException {
		String consent = rs.getString("required_consent");
		Map<String, Combination> combination = this.json.readValue(rs.getString("combination"),
				new TypeReference<Map<String, Combination>>() {
				});
		return new LoyaltyProgramme(rs.getObject("id", UUID.class), rs.getString("code"), rs.getString("name"),
				rs.getString("currency"), rs.getString("point_name"), rs.getBigDecimal("point_value"),
				rs.getInt("return_window_days"), ExpiryPolicy.valueOf(rs.getString("expiry_policy")),
				rs.getInt("expiry_months"), rs.getInt("expiry_period_months"),
				NegativeBalancePolicy.valueOf(rs.getString("negative_balance")),
				(consent == null) ? null : ConsentPurpose.valueOf(consent), combination, rs.getString("card_prefix"),
				rs.getBoolean("voucher_code_required"), rs.getInt("version"), instant(rs, "updated_at"));
	}

	static Instant instant(ResultSet rs, String column) throws SQLException {
		OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
		return (t == null) ? null : t.toInstant();
	}

	static OffsetDateTime utc(Instant instant) {
		return (instant == null) ? null : instant.atOffset(ZoneOffset.UTC);
	}

	private OffsetDateTime now() {
		return this.clock.instant().atOffset(ZoneOffset.UTC);
	}

}
