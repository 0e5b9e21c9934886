package org.rapport.interaction;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;

import org.rapport.platform.web.ApiException.FieldProblem;
import org.rapport.platform.web.ShownValue;
import org.rapport.platform.web.StorableValues;
import org.rapport.platform.web.Text;

/**
 * The rules an interaction must satisfy before it is stored, checked without the
 * database: every broken rule becomes one field problem, so a caller learns everything
 * wrong with an item at once. Whether the customer exists, the SKU is in the catalogue
 * and a return stays within its purchase is checked by the caller with these answers.
 */
final class InteractionRules {

	static final int MAX_TEXT = 128;

	static final int MAX_REASON = 500;

	static final int MAX_LINES = 500;

	static final int MAX_ATTRIBUTES = 50;

	static final int MAX_ATTRIBUTES_CHARS = 8_000;

	static final Instant EARLIEST = Instant.parse("1900-01-01T00:00:00Z");

	private static final BigDecimal MAX_MONEY = new BigDecimal("999999999999.99");

	private static final Text NUL = StorableValues.NUL;

	/** A source system's name, as a row or an import names it. */
	static final Pattern SOURCE = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");

	private static final Pattern CHANNEL = Pattern.compile("[a-z0-9][a-z0-9._-]{0,39}");

	private final IngestionSettings settings;

	InteractionRules(IngestionSettings settings) {
		this.settings = settings;
	}

	/**
	 * The problems of one interaction, in field order; empty when it may be stored.
	 * @param now the current instant (occurred-at may lie at most the tolerance beyond
	 * it)
	 * @param catalogue the known products by SKU among those the item names
	 */
	List<FieldProblem> check(NewInteraction item, Instant now, Map<String, Product> catalogue) {
		List<FieldProblem> problems = new ArrayList<>();
		if (item.customerId() == null && item.identity() == null) {
			problems.add(FieldProblem.of("customer",
					Text.of("interaction.rule.customer", "give customerId or an identity of the customer")));
		}
		if (item.identity() != null) {
			if (item.identity().type() == null) {
				problems.add(FieldProblem.of("identity.type",
						Text.of("interaction.rule.identity-type", "must be EMAIL, PHONE, CARD or EXTERNAL")));
			}
			if (item.identity().value() == null || item.identity().value().isBlank()) {
				problems.add(FieldProblem.of("identity.value", Text.of("interaction.rule.blank", "must not be blank")));
			}
			else if (!StorableValues.storable(item.identity().value())) {
				problems.add(FieldProblem.of("identity.value", NUL));
			}
		}
		if (item.kind() == null) {
			problems.add(FieldProblem.of("kind", Text.of("interaction.rule.null", "must not be null")));
		}
		pattern(problems, "channel", item.channel(), CHANNEL, (channel) -> Text.of("interaction.rule.channel",
				"''{0}'' is not a channel name such as store, phone or web", ShownValue.of(channel)));
		pattern(problems, "sourceSystem", item.sourceSystem(), SOURCE,
				(source) -> Text.of("interaction.rule.source-system",
						"''{0}'' is not a source system name: use lower case letters, digits, ''.'', ''_'' or ''-'', "
								+ "at most 64",
						ShownValue.of(source)));
		occurredAt(problems, item.occurredAt(), now);
		length(problems, "externalId", item.externalId(), MAX_TEXT);
		length(problems, "idempotencyKey", item.idempotencyKey(), MAX_TEXT);
		length(problems, "outcomeReason", item.outcomeReason(), MAX_REASON);
		length(problems, "orderReference", item.orderReference(), MAX_TEXT);
		length(problems, "store", item.store(), MAX_TEXT);
		String attributes = item.attributes().isEmpty() ? "" : item.attributes().toString();
		if (item.attributes().size() > MAX_ATTRIBUTES || attributes.length() > MAX_ATTRIBUTES_CHARS) {
			problems.add(FieldProblem.of("attributes",
					Text.of("interaction.rule.attributes", "at most {0} attributes of {1} characters in all",
							String.valueOf(MAX_ATTRIBUTES), String.valueOf(MAX_ATTRIBUTES_CHARS))));
		}
		else if (!StorableValues.storable(attributes)) {
			problems.add(FieldProblem.of("attributes", NUL));
		}
		if (item.direction() != null && item.kind() != null && item.kind() != InteractionKind.CALL
				&& item.kind() != InteractionKind.EMAIL) {
			problems.add(FieldProblem.of("direction",
					Text.of("interaction.rule.direction", "only calls and e-mails have a direction")));
		}
		money(problems, item);
		lines(problems, item, catalogue);
		return problems;
	}

	private void occurredAt(List<FieldProblem> problems, Instant occurredAt, Instant now) {
		if (occurredAt == null) {
			problems.add(FieldProblem.of("occurredAt", Text.of("interaction.rule.null", "must not be null")));
		}
		else if (occurredAt.isAfter(now.plus(this.settings.futureTolerance()))) {
			problems
				.add(FieldProblem.of("occurredAt", Text.of("interaction.rule.future", "must not be in the future")));
		}
		else if (occurredAt.isBefore(EARLIEST)) {
			problems
				.add(FieldProblem.of("occurredAt", Text.of("interaction.rule.before-1900", "must not be before 1900")));
		}
	}

	private void money(List<FieldProblem> problems, NewInteraction item) {
		boolean sale = item.kind() != null && item.kind().isSale();
		if (item.total() == null) {
			if (sale) {
				problems.add(FieldProblem.of("total",
						(item.kind() == InteractionKind.RETURN)
								? Text.of("interaction.rule.return-total", "a return needs a total")
								: Text.of("interaction.rule.purchase-total", "a purchase needs a total")));
			}
		}
		else if (item.total().signum() < 0 || item.total().compareTo(MAX_MONEY) > 0) {
			problems.add(FieldProblem.of("total",
					Text.of("interaction.rule.money-range", "must be between 0 and {0}", MAX_MONEY.toPlainString())));
		}
		else if (item.total().stripTrailingZeros().scale() > 2) {
			problems.add(FieldProblem.of("total",
					Text.of("interaction.rule.total-decimals", "must have at most 2 decimals")));
		}
		if (item.currency() == null) {
			if (item.total() != null) {
				problems.add(FieldProblem.of("currency",
						Text.of("interaction.rule.currency-missing", "an amount needs its currency")));
			}
		}
		else if (!knownCurrency(item.currency())) {
			problems.add(FieldProblem.of("currency",
					isoCode(item.currency())
							? Text.of("interaction.rule.currency-not-money",
									"''{0}'' is not money customers pay with: give a currency such as EUR or USD",
									ShownValue.of(item.currency()))
							: Text.of("interaction.rule.currency",
									"''{0}'' is not an ISO 4217 currency code such as EUR or USD",
									ShownValue.of(item.currency()))));
		}
		if (item.kind() == InteractionKind.RETURN && item.relatedPurchaseId() == null
				&& item.orderReference() == null) {
			problems.add(FieldProblem.of("relatedPurchaseId", Text.of("interaction.rule.return-purchase",
					"a return names its purchase (relatedPurchaseId or orderReference)")));
		}
		if (item.kind() != InteractionKind.RETURN && item.relatedPurchaseId() != null) {
			problems.add(FieldProblem.of("relatedPurchaseId",
					Text.of("interaction.rule.purchase-only-returns", "only returns refer to a purchase")));
		}
	}

	private void lines(List<FieldProblem> problems, NewInteraction item, Map<String, Product> catalogue) {
		if (item.lines().isEmpty()) {
			return;
		}
		if (item.kind() != null && !item.kind().isSale()) {
			problems.add(FieldProblem.of("lines",
					Text.of("interaction.rule.lines-only-sales", "only purchases and returns have lines")));
			return;
		}
		if (item.lines().size() > MAX_LINES) {
			problems.add(FieldProblem.of("lines",
					Text.of("interaction.rule.lines-count", "at most {0} lines", String.valueOf(MAX_LINES))));
			return;
		}
		BigDecimal sum = BigDecimal.ZERO;
		boolean complete = true;
		for (int i = 0; i < item.lines().size(); i++) {
			String at = "lines[" + i + "].";
			NewLine line = item.lines().get(i);
			if (line == null) {
				problems.add(FieldProblem.of("lines[" + i + "]", Text.of("interaction.rule.null", "must not be null")));
				complete = false;
				continue;
			}
			if (line.sku() == null || line.sku().isBlank()) {
				problems.add(FieldProblem.of(at + "sku", Text.of("interaction.rule.blank", "must not be blank")));
			}
			else if (line.sku().length() > 64) {
				problems.add(FieldProblem.of(at + "sku", Text.of("interaction.rule.sku-length",
						"''{0}'' is too long: at most 64 characters", ShownValue.of(line.sku()))));
			}
			else if (!StorableValues.storable(line.sku())) {
				problems.add(FieldProblem.of(at + "sku", NUL));
			}
			else if (!catalogue.containsKey(line.sku())) {
				problems.add(FieldProblem.of(at + "sku", Text.of("interaction.rule.sku-unknown",
						"''{0}'' is not a product in the catalogue", ShownValue.of(line.sku()))));
			}
			if (line.quantity() == null || line.quantity().signum() <= 0) {
				problems.add(FieldProblem.of(at + "quantity",
						Text.of("interaction.rule.quantity-positive", "must be greater than 0")));
			}
			else if (line.quantity().compareTo(this.settings.maxQuantity()) > 0) {
				problems.add(FieldProblem.of(at + "quantity", Text.of("interaction.rule.quantity-max",
						"must be at most {0}", this.settings.maxQuantity().toPlainString())));
			}
			else if (line.quantity().stripTrailingZeros().scale() > 3) {
				problems.add(FieldProblem.of(at + "quantity",
						Text.of("interaction.rule.quantity-decimals", "must have at most 3 decimals")));
			}
			if (line.unitPrice() == null || line.unitPrice().signum() < 0
					|| line.unitPrice().compareTo(MAX_MONEY) > 0) {
				problems.add(FieldProblem.of(at + "unitPrice", Text.of("interaction.rule.money-range",
						"must be between 0 and {0}", MAX_MONEY.toPlainString())));
			}
			if (line.discount() != null && line.discount().signum() < 0) {
				problems.add(FieldProblem.of(at + "discount",
						Text.of("interaction.rule.discount-negative", "must not be negative")));
			}
			if (line.purchaseLineNo() != null && item.kind() != InteractionKind.RETURN) {
				problems.add(FieldProblem.of(at + "purchaseLineNo",
						Text.of("interaction.rule.purchase-line", "only return lines refer to a purchase line")));
			}
			BigDecimal expected = expectedAmount(line);
			if (expected == null) {
				complete = false;
				continue;
			}
			if (expected.signum() < 0) {
				problems.add(FieldProblem.of(at + "discount",
						Text.of("interaction.rule.discount-too-large", "must not exceed quantity times unit price")));
			}
			if (line.amount() != null && line.amount().subtract(expected).abs().compareTo(tolerance()) > 0) {
				problems.add(FieldProblem.of(at + "amount", Text.of("interaction.rule.line-amount",
						"is not quantity × unit price − discount ({0})", expected.toPlainString())));
			}
			sum = sum.add(line.amount() != null ? line.amount() : expected);
		}
		if (complete && item.total() != null && sum.subtract(item.total()).abs().compareTo(tolerance()) > 0) {
			problems.add(FieldProblem.of("total", Text.of("interaction.rule.total-sum",
					"does not match the sum of the line amounts ({0})", sum.toPlainString())));
		}
	}

	private BigDecimal tolerance() {
		return this.settings.totalTolerance();
	}

	/**
	 * Quantity × unit price − discount, rounded to cents; null while a part is missing.
	 */
	static BigDecimal expectedAmount(NewLine line) {
		if (line.quantity() == null || line.unitPrice() == null) {
			return null;
		}
		BigDecimal discount = line.discount() == null ? BigDecimal.ZERO : line.discount();
		return line.quantity().multiply(line.unitPrice()).subtract(discount).setScale(2, RoundingMode.HALF_EVEN);
	}

	static boolean knownCurrency(String code) {
		if (code.length() != 3) {
			return false;
		}
		try {
			Currency currency = Currency.getInstance(code);
			// the X-codes without minor units (XXX "no currency", XTS for tests, gold,
			// silver, units of account) are not money a customer pays with
			return currency.getCurrencyCode().equals(code) && currency.getDefaultFractionDigits() >= 0;
		}
		catch (IllegalArgumentException ex) {
			return false;
		}
	}

	private static boolean isoCode(String code) {
		try {
			return code.length() == 3 && Currency.getInstance(code).getCurrencyCode().equals(code);
		}
		catch (IllegalArgumentException ex) {
			return false;
		}
	}

	private static void pattern(List<FieldProblem> problems, String field, String value, Pattern pattern,
			Function<String, Text> message) {
		if (value == null || value.isBlank()) {
			problems.add(FieldProblem.of(field, Text.of("interaction.rule.blank", "must not be blank")));
		}
		else if (!pattern.matcher(value).matches()) {
			problems.add(FieldProblem.of(field, message.apply(value)));
		}
	}

	private static void length(List<FieldProblem> problems, String field, String value, int max) {
		if (value != null && value.length() > max) {
			problems.add(FieldProblem.of(field, Text.of("interaction.rule.text-length",
					"''{1}'' is too long: at most {0} characters", String.valueOf(max), ShownValue.of(value))));
		}
		else if (!StorableValues.storable(value)) {
			problems.add(FieldProblem.of(field, NUL));
		}
	}

}
