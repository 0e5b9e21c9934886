package org.rapport.customer;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;

import org.rapport.audit.AuditTrail;
import org.rapport.audit.AuditTrail.Change;
import org.rapport.platform.Ids;
import org.rapport.platform.web.ApiException;
import org.rapport.platform.web.Text;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * Creating customers and changing their profile, tags, custom attributes and lifecycle
 * stage. Names and search tokens change together.
 */
@Component
class CustomerRegistry {

	private final CustomerRepository customers;

	private final IdentityBook identities;

	private final ContactDataRepository contactData;

	private final ConsentLedger consents;

	private final Assignments assignments;

	private final Clock clock;

	private final JsonMapper json;

	private final AuditTrail audit;

	CustomerRegistry(CustomerRepository customers, IdentityBook identities, ContactDataRepository contactData,
			ConsentLedger consents, Assignments assignments, Clock clock, JsonMapper json, AuditTrail audit) {
		this.customers = customers;
		this.identities = identities;
		this.contactData = contactData;
		this.consents = consents;
		this.assignments = assignments;
		this.clock = clock;
		this.json = json;
		this.audit = audit;
	}

	/**
	 * What is wrong with a new customer that can be told without storing it, all of it:
	 * the name its kind needs, its tags and attribute keys, and the format of each
	 * identity. {@link #create} checks the same again.
	 */
	List<ApiException.FieldProblem> problemsOf(NewCustomer command) {
		List<ApiException.FieldProblem> problems = new ArrayList<>();
		if (command.kind() != null && command.profile() != null) {
			collect(problems, () -> CustomerNames.require(command.kind(), command.profile()));
		}
		collect(problems, () -> Tags.checkCount(Tags.normaliseAll(command.tags()).size()));
		collect(problems, () -> Attributes.checkKeys(command.attributes()));
		for (int i = 0; i < command.identities().size(); i++) {
			NewIdentity identity = command.identities().get(i);
			if (identity != null && identity.type() != null && identity.value() != null) {
				String field = "identities[" + i + "].value";
				collect(problems,
						() -> this.identities.normalise(identity.type(), identity.source(), identity.value(), field));
			}
		}
		return problems;
	}

	private static void collect(List<ApiException.FieldProblem> problems, Runnable check) {
		try {
			check.run();
		}
		catch (ApiException ex) {
			problems.addAll(ex.fieldProblems());
		}
	}

	UUID create(NewCustomer command) {
		Profile profile = command.profile();
		CustomerNames.require(command.kind(), profile);
		List<String> tags = Tags.normaliseAll(command.tags());
		Tags.checkCount(tags.size());
		Attributes.checkKeys(command.attributes());
		String attributes = this.json.writeValueAsString(withoutNulls(command.attributes()));
		Attributes.checkSize(attributes);
		if (command.assignedStaffId() != null) {
			this.assignments.requireActiveStaff(command.assignedStaffId(), "assignedStaffId");
		}
		Instant now = this.clock.instant();
		UUID id = Ids.next(now.toEpochMilli());
		this.customers.insert(id, command.kind(), profile, CustomerNames.displayName(command.kind(), profile),
				command.lifecycleStage() == null ? LifecycleStage.PROSPECT : command.lifecycleStage(),
				command.assignedStaffId(), tags, attributes, now);
		this.customers.replaceSearchTokens(id, CustomerNames.searchTokens(profile));
		for (int i = 0; i < command.identities().size(); i++) {
			this.identities.attach(id, command.identities().get(i), "identities[" + i + "].value", now);
		}
		command.addresses().forEach((a) -> this.contactData.insertAddress(id, a, now));
		command.consents().forEach((c) -> this.consents.store(id, c, now));
		return id;
	}

	/**
	 * @throws ApiException 412 when {@code expectedVersion} is not the current one
	 */
	void updateProfile(UUID id, long expectedVersion, Profile profile) {
		CustomerRepository.State state = this.customers.active(id);
		CustomerNames.require(state.kind(), profile);
		Profile before = profile(id);
		boolean updated = this.customers.updateProfile(id, expectedVersion, profile,
				CustomerNames.displayName(state.kind(), profile), this.clock.instant());
		if (!updated) {
			throw ApiException.staleVersion(expectedVersion, this.customers.active(id).version());
		}
		this.customers.replaceSearchTokens(id, CustomerNames.searchTokens(profile));
		this.audit.record(Change.of("customer.profile-changed", "customer", id,
				Text.of("customer.audit.profile-changed", "Changed profile"), before, profile));
	}

	CustomerRepository.State active(UUID id) {
		return this.customers.active(id);
	}

	void audited(String action, UUID id, Text summary, Object before, Object after) {
		this.audit.record(Change.of(action, "customer", id, summary, before, after));
	}

	Profile profile(UUID id) {
		return this.customers.profile(id);
	}

	void addTags(UUID id, List<String> raw) {
		List<String> added = Tags.normaliseAll(raw);
		this.customers.touch(id, this.clock.instant());
		List<String> before = this.customers.tags(id);
		TreeSet<String> merged = new TreeSet<>(before);
		merged.addAll(added);
		List<String> after = List.copyOf(merged);
		Tags.checkCount(after.size());
		this.customers.setTags(id, after);
		this.audit.record(Change.of("customer.tags-changed", "customer", id,
				Text.of("customer.audit.tagged", "Tagged {0}", String.join(", ", added)), before, after));
	}

	void removeTag(UUID id, String raw) {
		String tag = Tags.normalise(raw);
		this.customers.touch(id, this.clock.instant());
		List<String> before = this.customers.tags(id);
		if (!before.contains(tag)) {
			throw new ApiException(HttpStatus.NOT_FOUND, "not-found",
					Text.of("customer.tag.not-found", "Tag {0} does not exist", tag));
		}
		List<String> after = before.stream().filter((t) -> !t.equals(tag)).toList();
		this.customers.setTags(id, after);
		this.audit.record(Change.of("customer.tags-changed", "customer", id,
				Text.of("customer.audit.untagged", "Untagged {0}", tag), before, after));
	}

	/** Sets attributes; a null value removes the key. */
	void setAttributes(UUID id, Map<String, Object> changes) {
		Attributes.checkKeys(changes);
		this.customers.touch(id, this.clock.instant());
		Map<String, Object> before = attributes(id);
		Map<String, Object> after = new LinkedHashMap<>(before);
		changes.forEach((key, value) -> {
			if (value == null) {
				after.remove(key);
			}
			else {
				after.put(key, value);
			}
		});
		Attributes.checkKeys(after);
		String json = this.json.writeValueAsString(after);
		Attributes.checkSize(json);
		this.customers.setAttributes(id, json);
		this.audit.record(
				Change.of("customer.attributes-changed", "customer", id, Text.of("customer.audit.attributes-changed",
						"Changed attributes {0}", String.join(", ", changes.keySet())), before, after));
	}

	void changeStage(UUID id, LifecycleStage stage) {
		if (stage == null) {
			throw ApiException.invalid("stage", Text.of("customer.stage.missing", "must not be null"));
		}
		this.customers.touch(id, this.clock.instant());
		LifecycleStage before = this.customers.stage(id);
		this.customers.setStage(id, stage);
		this.audit.record(Change.of("customer.stage-changed", "customer", id,
				Text.of("customer.audit.stage-changed", "{0} → {1}", String.valueOf(before), String.valueOf(stage)),
				Map.of("lifecycleStage", before), Map.of("lifecycleStage", stage)));
	}

	@SuppressWarnings("unchecked")
	private Map<String, Object> attributes(UUID id) {
		return this.json.readValue(this.customers.attributesJson(id), Map.class);
	}

	private static Map<String, Object> withoutNulls(Map<String, Object> map) {
		Map<String, Object> copy = new LinkedHashMap<>();
		map.forEach((k, v) -> {
			if (v != null) {
				copy.put(k, v);
			}
		});
		return copy;
	}

}
