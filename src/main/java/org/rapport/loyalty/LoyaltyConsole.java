package org.rapport.loyalty;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import org.rapport.access.StaffDirectory;
import org.rapport.access.StaffMember;
import org.rapport.customer.CustomerPanel;
import org.rapport.platform.web.ApiException;
import tools.jackson.databind.json.JsonMapper;

import org.rapport.platform.web.Text;
import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;

/**
 * What the loyalty console pages share: the member panel registered on the customer 360
 * page, what the signed-in staff member may do, field errors from what the engine
 * refused, and readable sources and explanations of ledger movements.
 */
@Configuration(proxyBeanMethods = false)
class LoyaltyConsole {

	private final StaffDirectory staff;

	private final JsonMapper json;

	LoyaltyConsole(StaffDirectory staff, JsonMapper json) {
		this.staff = staff;
		this.json = json;
	}

	@Bean
	static CustomerPanel loyaltyMemberPanel() {
		return new CustomerPanel("loyalty", "/customers/{id}/loyalty", "loyalty:read", 10);
	}

	/** The loyalty actions the signed-in staff member may take; endpoints check again. */
	record Can(boolean read, boolean write, boolean adjust, boolean admin) {

		static Can of(Authentication authentication) {
			List<String> granted = authentication == null ? List.of()
					: authentication.getAuthorities().stream().map(GrantedAuthority::getAuthority).toList();
			return new Can(granted.contains("loyalty:read"), granted.contains("loyalty:write"),
					granted.contains("loyalty:adjust"), granted.contains("loyalty:admin"));
		}

	}

	/** Whether the engine refused the input (shown on the form) rather than failed. */
	static boolean isInputProblem(RuntimeException ex) {
		return ex instanceof ConstraintViolationException || ex instanceof ApiException;
	}

	/**
	 * Field → message for what the engine refused, in the language of the request being
	 * served; {@code params.points} becomes {@code points}; problems without a field go
	 * under {@code form}.
	 */
	static Map<String, String> errors(RuntimeException ex, MessageSource messages) {
		Map<String, String> errors = new LinkedHashMap<>();
		if (ex instanceof ConstraintViolationException violations) {
			for (ConstraintViolation<?> v : violations.getConstraintViolations()) {
				String path = v.getPropertyPath().toString();
				errors.putIfAbsent(path.substring(path.lastIndexOf('.') + 1), v.getMessage());
			}
		}
		else if (ex instanceof ApiException api && !api.fieldProblems().isEmpty()) {
			api.fieldProblems(messages)
				.forEach((p) -> errors.putIfAbsent(p.field().substring(p.field().lastIndexOf('.') + 1), p.message()));
		}
		else if (ex instanceof ApiException api) {
			errors.put("form", api.detail(messages));
		}
		else {
			errors.put("form", ex.getMessage());
		}
		return errors;
	}

	/** A number a console form cannot read as a whole number. */
	static final Text WHOLE_NUMBER = Text.of("loyalty.form.whole-number", "give a whole number");

	/** A number a console form cannot read. */
	static final Text NUMBER = Text.of("loyalty.form.number", "give a number");

	/** A day a console form cannot read. */
	static final Text DATE = Text.of("loyalty.form.date", "give a date as yyyy-mm-dd");

	/** A choice a console form does not offer. */
	static final Text CHOOSE_ONE = Text.of("loyalty.form.choose-one", "choose one");

	/** A whole number a console form cannot store. */
	static final Text TOO_LARGE = Text.of("loyalty.form.too-large", "too large");

	/** Rule groups the programme form cannot read. */
	static final Text GROUPS = Text.of("loyalty.form.groups", "write name=STACK or name=BEST_OF, separated by commas");

	/** A reward typed without its cost. */
	static final Text REWARD_COST = Text.of("loyalty.form.reward-cost", "give the cost in points");

	/** A simulation for a card no member holds. */
	static final Text SIMULATED_CARD = Text.of("loyalty.form.simulated-card", "no member has this card");

	/** A simulated basket line the form cannot read. */
	static final Text SIMULATED_LINES = Text.of("loyalty.form.simulated-lines",
			"write each line as sku;category;quantity;amount");

	/** A proposed expiry out of what the impact preview weighs. */
	static final Text IMPACT_EXPIRY_MONTHS = Text.of("loyalty.form.impact-expiry-months", "between 0 and 120");

	/** A proposed expiry period that does not divide the year. */
	static final Text IMPACT_EXPIRY_PERIOD = Text.of("loyalty.form.impact-expiry-period", "1, 2, 3, 4, 6 or 12");

	/** A proposed earn rate factor out of range. */
	static final Text IMPACT_EARN_RATE = Text.of("loyalty.form.impact-earn-rate",
			"between 0 and 10 (0.8: a fifth less)");

	/** Goodwill points that are not a whole number. */
	static final Text GOODWILL_POINTS = Text.of("loyalty.form.goodwill-points", "a whole number of points");

	private static final Map<String, Text> FORM_TEXTS = java.util.stream.Stream
		.of(WHOLE_NUMBER, NUMBER, DATE, CHOOSE_ONE, TOO_LARGE, GROUPS, REWARD_COST, SIMULATED_CARD, SIMULATED_LINES,
				IMPACT_EXPIRY_MONTHS, IMPACT_EXPIRY_PERIOD, IMPACT_EARN_RATE, GOODWILL_POINTS)
		.collect(java.util.stream.Collectors.toUnmodifiableMap(Text::key, (t) -> t));

	/**
	 * A form's errors as the page shows them: what the form could not read, kept in the
	 * errors by its text's key (e.g. {@link #WHOLE_NUMBER}), in the language of the
	 * request being served; other messages (already in that language) as they are.
	 */
	static Map<String, String> shown(Map<String, String> errors, MessageSource messages) {
		Map<String, String> shown = new LinkedHashMap<>();
		errors.forEach((field, message) -> {
			Text text = FORM_TEXTS.get(message);
			shown.put(field, (text == null) ? message : text.in(messages));
		});
		return shown;
	}

	/** A staff member's name for a staff id; the id itself otherwise (an API client). */
	String staffName(String id) {
		try {
			return this.staff.byId(UUID.fromString(id)).map(StaffMember::displayName).orElse(id);
		}
		catch (IllegalArgumentException ex) {
			return id;
		}
	}

	/** Who or what caused a movement, for people: a staff member's name when known. */
	String source(Movement m) {
		if ("STAFF".equals(m.sourceType()) && m.sourceId() != null) {
			try {
				return this.staff.byId(UUID.fromString(m.sourceId()))
					.map(StaffMember::displayName)
					.orElse(m.sourceId());
			}
			catch (IllegalArgumentException ex) {
				return m.sourceId();
			}
		}
		return m.sourceId();
	}

	/** The rule-by-rule explanation of an earning, when the movement has one. */
	Optional<Earning> explanation(Movement m) {
		if (m.explanation() == null || m.explanation().isBlank()) {
			return Optional.empty();
		}
		try {
			return Optional.of(this.json.readValue(m.explanation(), Earning.class));
		}
		catch (RuntimeException ex) {
			return Optional.empty();
		}
	}

	/** A ledger page as the console shows it. */
	List<Line> lines(LedgerPage page) {
		return page.items().stream().map((m) -> new Line(m, source(m), explanation(m).orElse(null))).toList();
	}

	/** A movement with its readable source and explanation. */
	record Line(Movement movement, String source, Earning earning) {
	}

}
