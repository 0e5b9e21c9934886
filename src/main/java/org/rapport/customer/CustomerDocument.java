package org.rapport.customer;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Everything the customer memory stores about one customer as one JSON document, built by
 * PostgreSQL in a single statement. It is the personal-data export and the before/after
 * snapshot of a merge.
 */
@Component
class CustomerDocument {

	private static final String DOCUMENT = """
			SELECT jsonb_build_object(
			  'profile', to_jsonb(c) - 'tags' - 'attributes',
			  'identities', COALESCE((SELECT jsonb_agg(to_jsonb(i) - 'customer_id' ORDER BY i.type, i.value)
			      FROM customer_identity i WHERE i.customer_id = c.id), '[]'),
			  'addresses', COALESCE((SELECT jsonb_agg(to_jsonb(a) - 'customer_id' ORDER BY a.created_at)
			      FROM customer_address a WHERE a.customer_id = c.id), '[]'),
			  'consents', COALESCE((SELECT jsonb_agg(to_jsonb(x) - 'customer_id' ORDER BY x.channel, x.purpose)
			      FROM customer_consent x WHERE x.customer_id = c.id), '[]'),
			  'consentHistory', COALESCE((SELECT jsonb_agg(to_jsonb(h) - 'customer_id' ORDER BY h.changed_at, h.id)
			      FROM customer_consent_history h WHERE h.customer_id = c.id), '[]'),
			  'interests', COALESCE((SELECT jsonb_agg(to_jsonb(t) - 'customer_id' ORDER BY t.topic)
			      FROM customer_interest t WHERE t.customer_id = c.id), '[]'),
			  'notes', COALESCE((SELECT jsonb_agg(to_jsonb(n) - 'customer_id' ORDER BY n.created_at, n.id)
			      FROM customer_note n WHERE n.customer_id = c.id), '[]'),
			  'household', (SELECT jsonb_build_object('id', hh.id, 'name', hh.name, 'role', c.household_role)
			      FROM household hh WHERE hh.id = c.household_id),
			  'contactLinks', COALESCE((SELECT jsonb_agg(jsonb_build_object('companyId', l.company_id,
			        'personId', l.person_id, 'role', l.role) ORDER BY l.company_id, l.person_id)
			      FROM customer_contact_person l WHERE c.id IN (l.company_id, l.person_id)), '[]'),
			  'tags', to_jsonb(c.tags),
			  'attributes', c.attributes,
			  'merges', COALESCE((SELECT jsonb_agg(to_jsonb(m) ORDER BY m.merged_at)
			      FROM customer_merge m WHERE c.id IN (m.survivor_id, m.merged_id)), '[]')
			)::text FROM customer c WHERE c.id = ?
			""";

	private final JdbcClient jdbc;

	private final JsonMapper json;

	CustomerDocument(JdbcClient jdbc, JsonMapper json) {
		this.jdbc = jdbc;
		this.json = json;
	}

	/** The sections in a stable order, or empty when there is no such customer. */
	Optional<Map<String, Object>> read(UUID customerId) {
		return this.jdbc.sql(DOCUMENT)
			.param(customerId)
			.query(String.class)
			.optional()
			.map((text) -> this.json.readValue(text, new TypeReference<LinkedHashMap<String, Object>>() {
			}));
	}

}
