package org.rapport.interaction;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.rapport.platform.web.ApiException.FieldProblem;
import org.rapport.platform.web.Text;

import org.springframework.context.MessageSource;

/**
 * A contact as staff type it on the customer's page: a call, a visit or an e-mail, how it
 * ended and what was said. What the console asks beyond the engine's rules is here: a
 * refused or failed contact says why (the taxi that could not be sent is an incident, not
 * a silence), the time is typed in UTC like the timeline shows it (blank: now), the
 * channel follows the kind unless typed, and a direction belongs to calls and e-mails
 * only. The form's {@code key}, made when it was shown, is the idempotency key: sending
 * the same form twice records one contact.
 *
 * @param kind {@code CALL}, {@code VISIT} or {@code EMAIL}
 * @param direction {@code INBOUND} or {@code OUTBOUND}, for calls and e-mails
 * @param outcome how it ended ({@link Outcome})
 * @param outcomeReason why it was refused, failed or not answered
 * @param summary what was said or agreed, kept as the {@code summary} attribute
 * @param channel the channel; blank takes the kind's usual one
 * @param occurredAt {@code yyyy-MM-ddTHH:mm} in UTC; blank is now
 * @param key the idempotency key the form was shown with
 */
record ContactForm(String kind, String direction, String outcome, String outcomeReason, String summary, String channel,
		String occurredAt, String key) {

	/**
	 * The kinds staff record by hand; the others arrive from the systems that own them.
	 */
	static final Set<InteractionKind> KINDS = EnumSet.of(InteractionKind.CALL, InteractionKind.VISIT,
			InteractionKind.EMAIL);

	/** The source system of contacts recorded in the console. */
	static final String SOURCE = "console";

	static final int MAX_SUMMARY = 2_000;

	ContactForm {
		kind = blankToNull(kind);
		direction = blankToNull(direction);
		outcome = blankToNull(outcome);
		outcomeReason = blankToNull(outcomeReason);
		summary = blankToNull(summary);
		channel = blankToNull(channel);
		occurredAt = blankToNull(occurredAt);
		key = blankToNull(key);
	}

	/** An empty form with a fresh key: an inbound call, served, now. */
	static ContactForm blank() {
		return new ContactForm(InteractionKind.CALL.name(), Direction.INBOUND.name(), Outcome.SERVED.name(), null, null,
				null, null, UUID.randomUUID().toString());
	}

	/** The channel a kind is recorded on when none is typed. */
	static String usualChannel(InteractionKind kind) {
		return switch (kind) {
			case VISIT -> "store";
			case EMAIL -> "email";
			default -> "phone";
		};
	}

	/**
	 * The interaction to record for {@code customerId}, by {@code staffId}, or the form's
	 * problems (field by field, all at once).
	 */
	Checked check(UUID customerId, UUID staffId, Instant now) {
		List<FieldProblem> problems = new ArrayList<>();
		InteractionKind k = parse(InteractionKind.class, this.kind);
		if (k == null || !KINDS.contains(k)) {
			problems.add(FieldProblem.of("kind",
					Text.of("interaction.contact.kind", "choose a call, a visit or an e-mail")));
		}
		Outcome o = parse(Outcome.class, this.outcome);
		if (o == null) {
			problems.add(
					FieldProblem.of("outcome", Text.of("interaction.contact.outcome", "choose how the contact ended")));
		}
		else if ((o == Outcome.REFUSED || o == Outcome.FAILED) && this.outcomeReason == null) {
			problems.add(FieldProblem.of("outcomeReason",
					Text.of("interaction.contact.outcome-reason", "say why, e.g. no car available")));
		}
		Direction d = null;
		if (k == InteractionKind.CALL || k == InteractionKind.EMAIL) {
			d = parse(Direction.class, this.direction);
			if (d == null) {
				problems.add(FieldProblem.of("direction",
						Text.of("interaction.contact.direction", "choose inbound or outbound")));
			}
		}
		if (this.summary != null && this.summary.length() > MAX_SUMMARY) {
			problems.add(FieldProblem.of("summary", Text.of("interaction.contact.summary-length",
					"must be at most {0} characters", String.valueOf(MAX_SUMMARY))));
		}
		Instant at = now.truncatedTo(ChronoUnit.SECONDS);
		if (this.occurredAt != null) {
			try {
				at = LocalDateTime.parse(this.occurredAt).toInstant(ZoneOffset.UTC);
			}
			catch (DateTimeParseException ex) {
				problems.add(FieldProblem.of("occurredAt",
						Text.of("interaction.contact.occurred-at", "give a date and time such as 2026-12-07T09:30")));
			}
		}
		if (this.key == null) {
			problems.add(
					FieldProblem.of("key", Text.of("interaction.contact.key", "the form has no key: reload the page")));
		}
		if (!problems.isEmpty()) {
			return new Checked(null, problems);
		}
		Map<String, Object> attributes = new LinkedHashMap<>();
		if (this.summary != null) {
			attributes.put("summary", this.summary);
		}
		return new Checked(new NewInteraction(customerId, null, k,
				this.channel == null ? usualChannel(k) : this.channel, at, SOURCE, null, "contact:" + this.key, o,
				this.outcomeReason, d, null, null, null, null, staffId, null, null, attributes, List.of()), List.of());
	}

	/**
	 * The same form with the problems of the engine's fields named as the form's: the
	 * engine checks the channel's form, the time against now, the lengths.
	 */
	static Map<String, String> byField(List<FieldProblem> problems) {
		return byField(problems, null);
	}

	/** The same in the language of the request being served. */
	static Map<String, String> byField(List<FieldProblem> problems, MessageSource messages) {
		Map<String, String> fields = new LinkedHashMap<>();
		for (FieldProblem p : problems) {
			String field = switch (p.field()) {
				case "kind", "direction", "outcome", "outcomeReason", "summary", "channel", "occurredAt", "key" ->
					p.field();
				case "attributes" -> "summary";
				case "idempotencyKey" -> "key";
				default -> "form";
			};
			fields.merge(field, (messages == null) ? p.message() : p.in(messages).message(), (a, b) -> a + "; " + b);
		}
		return fields;
	}

	/** The interaction to record, or what is wrong with the form. */
	record Checked(NewInteraction interaction, List<FieldProblem> problems) {

		boolean ok() {
			return this.interaction != null;
		}

	}

	private static <E extends Enum<E>> E parse(Class<E> type, String value) {
		if (value == null) {
			return null;
		}
		try {
			return Enum.valueOf(type, value);
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

	private static String blankToNull(String value) {
		return (value == null || value.isBlank()) ? null : value.strip();
	}

}
