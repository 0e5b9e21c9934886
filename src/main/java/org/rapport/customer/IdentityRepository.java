package org.rapport.customer;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import org.rapport.customer.CustomerView.IdentityView;
import org.rapport.platform.Ids;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The identities customers are recognised by; unique per type, source and value. */
@Repository
class IdentityRepository {

	private final JdbcClient jdbc;

	IdentityRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** The customer holding an identity, whatever that customer's status. */
	Optional<UUID> holder(Identity identity) {
		return this.jdbc.sql("SELECT customer_id FROM customer_identity WHERE type = ? AND source = ? AND value = ?")
			.params(identity.type().name(), identity.source(), identity.value())
			.query(UUID.class)
			.optional();
	}

	Optional<IdentityView> find(UUID customerId, Identity identity) {
		return this.jdbc
			.sql("SELECT * FROM customer_identity WHERE customer_id = ? AND type = ? AND source = ? AND value = ?")
			.params(customerId, identity.type().name(), identity.source(), identity.value())
			.query(IdentityRepository::view)
			.optional();
	}

	Optional<IdentityView> find(UUID customerId, UUID identityId) {
		return this.jdbc.sql("SELECT * FROM customer_identity WHERE customer_id = ? AND id = ?")
			.params(customerId, identityId)
			.query(IdentityRepository::view)
			.optional();
	}

	/**
	 * Stores the identity unless somebody holds it already.
	 * @return the new identity, or empty when the identity was taken
	 */
	Optional<IdentityView> insert(UUID customerId, Identity identity, String raw, boolean primary, Instant now) {
		UUID id = Ids.next(now.toEpochMilli());
		int rows = this.jdbc.sql("""
				INSERT INTO customer_identity (id, customer_id, type, source, value, match_key, raw_value, is_primary,
				  created_at)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (type, source, value) DO NOTHING""")
			.params(id, customerId, identity.type().name(), identity.source(), identity.value(), identity.matchKey(),
					raw, primary, CustomerRepository.utc(now))
			.update();
		if (rows == 0) {
			return Optional.empty();
		}
		if (primary) {
			this.jdbc
				.sql("UPDATE customer_identity SET is_primary = FALSE WHERE customer_id = ? AND type = ? AND id <> ?")
				.params(customerId, identity.type().name(), id)
				.update();
		}
		return Optional.of(new IdentityView(id, identity.type(), identity.source(), identity.value(), primary, now));
	}

	boolean delete(UUID customerId, UUID identityId) {
		return this.jdbc.sql("DELETE FROM customer_identity WHERE customer_id = ? AND id = ?")
			.params(customerId, identityId)
			.update() == 1;
	}

	static IdentityView view(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
		return new IdentityView(rs.getObject("id", UUID.class), IdentityType.valueOf(rs.getString("type")),
				rs.getString("source"), rs.getString("value"), rs.getBoolean("is_primary"),
				rs.getObject("created_at", java.time.OffsetDateTime.class).toInstant());
	}

}
