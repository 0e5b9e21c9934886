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
