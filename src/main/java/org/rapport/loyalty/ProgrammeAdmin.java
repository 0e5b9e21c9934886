package org.rapport.loyalty;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.rapport.audit.AuditTrail;
import org.rapport.platform.Ids;
import org.rapport.platform.web.ApiException;
import org.rapport.platform.web.ApiException.FieldProblem;
import org.rapport.platform.web.Text;

import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Creating and changing programmes and rules. Every change is a new programme version
 * (its settings kept in loyalty_programme_version) and an audit row with before and
 * after. A rule must belong to a group the programme declares with its combination
 * policy.
 */
@Component
@Transactional(propagation = Propagation.MANDATORY)
class ProgrammeAdmin {

	private final ProgrammeStore store;

	private final AuditTrail audit;

	ProgrammeAdmin(ProgrammeStore store, AuditTrail audit) {
		this.store = store;
		this.audit = audit;
	}

	LoyaltyProgramme create(ProgrammeSettings settings) {
		check(settings);
		if (this.store.byCode(settings.code()).isPresent()) {
			throw ApiException.conflict("programme-exists",
					Text.of("loyalty.programme.exists", "A programme with code {0} exists", settings.code()));
		}
		UUID id = this.store.create(settings);
		LoyaltyProgramme created = this.store.byId(id).orElseThrow();
		this.audit.record(AuditTrail.Change.of("loyalty.programme-created", "loyalty_programme", id,
				Text.of("loyalty.audit.programme-created", "Created programme {0}", settings.code()), null, settings));
		return created;
	}

	LoyaltyProgramme change(LoyaltyProgramme current, int expectedVersion, ProgrammeSettings settings) {
		check(settings);
		if (!current.code().equals(settings.code())) {
			throw ApiException.invalid("code",
					Text.of("loyalty.programme.code-fixed", "the code of a programme does not change"));
		}
		for (EarnRule rule : this.store.rules(current.id())) {
			if (!settings.combination().containsKey(rule.group())) {
				throw ApiException.invalid("combination", Text.of("loyalty.programme.group-in-use",
						"the group ''{0}'' of rule {1} needs its policy", rule.group(), rule.name()));
			}
		}
		if (this.store.update(current.id(), expectedVersion, settings) < 0) {
			throw ApiException.staleVersion(expectedVersion, current.version());
		}
		this.audit.record(
				AuditTrail.Change
					.of("loyalty.programme-changed", "loyalty_programme", current.id(),
							Text.of("loyalty.audit.programme-changed", "Changed programme {0} to version {1}",
									current.code(), String.valueOf(expectedVersion + 1)),
							current.settings(), settings));
		return this.store.byId(current.id()).orElseThrow();
	}

	EarnRule saveRule(LoyaltyProgramme programme, UUID ruleId, NewRule rule) {
		List<FieldProblem> problems = new java.util.ArrayList<>(rule.kind().check(rule.params()));
		if (!programme.combination().containsKey(rule.group())) {
			problems.add(FieldProblem.of("group", Text.of("loyalty.rule.unknown-group",
					"the programme has no group ''{0}'': declare it with its combination (STACK or BEST_OF) first; "
							+ "groups: {1}",
					rule.group(), String.valueOf(programme.combination().keySet()))));
		}
		if (rule.validFrom() != null && rule.validTo() != null && !rule.validTo().isAfter(rule.validFrom())) {
			problems.add(FieldProblem.of("validTo",
					Text.of("loyalty.rule.valid-to-after-valid-from", "must be after validFrom")));
		}
		if (!problems.isEmpty()) {
			throw ApiException.invalid(problems);
		}
		EarnRule before = null;
		if (ruleId != null) {
			before = this.store.rules(programme.id())
				.stream()
				.filter((r) -> r.id().equals(ruleId))
				.findFirst()
				.orElseThrow(() -> NotFound.of(Text.of("loyalty.rule.not-found", "Rule {0} does not exist", ruleId)));
			if (before.kind() != rule.kind()) {
				throw ApiException.invalid("kind",
						Text.of("loyalty.rule.kind-fixed", "the kind of a rule does not change; add a new rule"));
			}
		}
		EarnRule saved = new EarnRule((ruleId == null) ? Ids.next() : ruleId, rule.kind(), rule.group(), rule.name(),
				rule.params(), rule.validFrom(), rule.validTo(), !Boolean.FALSE.equals(rule.active()));
		this.store.saveRule(programme.id(), saved, ruleId == null);
		this.audit.record(AuditTrail.Change.of((ruleId == null) ? "loyalty.rule-added" : "loyalty.rule-changed",
				"loyalty_programme", programme.id(),
				Text.of("loyalty.audit.rule-saved", "Rule {0} of {1}", saved.name(), programme.code()), before, saved));
		return saved;
	}

	private static void check(ProgrammeSettings s) {
		if (s.expiryPolicy() != ExpiryPolicy.NONE && s.expiryPolicy() == ExpiryPolicy.ROLLING && s.expiryMonths() < 1) {
			throw ApiException.invalid("expiryMonths",
					Text.of("loyalty.programme.rolling-expiry", "rolling expiry needs at least one month"));
		}
		if (!List.of(1, 3, 6, 12).contains(s.expiryPeriodMonths())) {
			throw ApiException.invalid("expiryPeriodMonths",
					Text.of("loyalty.programme.expiry-period", "must be 1, 3, 6 or 12"));
		}
		for (Map.Entry<String, Combination> e : s.combination().entrySet()) {
			if (e.getKey().isBlank() || e.getValue() == null) {
				throw ApiException.invalid("combination", Text.of("loyalty.programme.group-needs-policy",
						"every group needs a name and STACK or BEST_OF"));
			}
		}
	}

}
