package org.rapport.interaction;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.rapport.customer.IdentityType;
import org.rapport.platform.web.ShownValue;
import org.rapport.platform.web.Text;

/**
 * Reads the CDNOW purchase file (docs/import.md): whitespace-separated
 * {@code customer_id date number_of_cds dollar_value}, or the sample layout
 * {@code customer_id sample_id date number_of_cds dollar_value}; a first line that does
 * not start with a digit is the header. Each row is one purchase of one line of SKU
 * {@value #SKU}: the customer is the EXTERNAL identity of source "cdnow", the date is UTC
 * midnight, the total is the dollar value in USD. The unit price is the value divided by
 * the number of CDs rounded up to the cent; what that rounds up is the line's discount,
 * so the line amount is exactly the dollar value. Rows of value 0 are stored as purchases
 * of total 0 (the data set counts them as purchases).
 */
final class CdnowInteractionReader implements InteractionReader {

	static final String SKU = "CD";

	static final String CATEGORY = "music";

	static final String IDENTITY_SOURCE = "cdnow";

	private static final Pattern SPACES = Pattern.compile("\\s+");

	private static final DateTimeFormatter DATE = DateTimeFormatter.BASIC_ISO_DATE;

	private static final BigDecimal MAX_CDS = new BigDecimal("10000");

	private final ImportLines lines;

	private final String sourceSystem;

	private long rows;

	CdnowInteractionReader(InputStream in, String sourceSystem) {
		this.lines = new ImportLines(in, 4096);
		this.sourceSystem = sourceSystem;
	}

	@Override
	public Group next() throws IOException {
		while (true) {
			ImportLines.Line line = this.lines.next();
			if (line == null) {
				return null;
			}
			if (line.ok() && line.text().isBlank()) {
				continue;
			}
			if (line.number() == 1 && line.ok() && !Character.isDigit(line.text().strip().charAt(0))) {
				continue;
			}
			this.rows++;
			if (!line.ok()) {
				return Group.rejected(line.number(), line.problem(), line.raw());
			}
			return parse(line.number(), line.text());
		}
	}

	Group parse(long number, String text) {
		String[] f = SPACES.split(text.strip());
		if (f.length != 4 && f.length != 5) {
			return Group.rejected(number,
					Text.of("interaction.import.cdnow-columns",
							"expected 4 columns (customer_id date number_of_cds dollar_value), found {0}",
							String.valueOf(f.length)),
					text);
		}
		int at = f.length - 3;
		LocalDate date;
		try {
			date = LocalDate.parse(f[at], DATE);
		}
		catch (DateTimeParseException ex) {
			return Group.rejected(number, Text.of("interaction.import.cdnow-date",
					"malformed date ''{0}'' (expected yyyyMMdd)", ShownValue.of(f[at])), text);
		}
		BigDecimal cds;
		BigDecimal value;
		try {
			cds = new BigDecimal(f[at + 1]);
			value = new BigDecimal(f[at + 2]).setScale(2, RoundingMode.HALF_EVEN);
		}
		catch (NumberFormatException | ArithmeticException ex) {
			return Group.rejected(number, Text.of("interaction.import.cdnow-number", "malformed number in ''{0}''",
					ShownValue.of(text.strip())), text);
		}
		if (cds.signum() <= 0 || cds.stripTrailingZeros().scale() > 0 || cds.compareTo(MAX_CDS) > 0) {
			return Group.rejected(number,
					Text.of("interaction.import.cdnow-cds",
							"number_of_cds ''{0}'' is not a whole number from 1 to 10000", ShownValue.of(f[at + 1])),
					text);
		}
		if (value.signum() < 0) {
			return Group.rejected(number, Text.of("interaction.import.cdnow-value", "dollar_value ''{0}'' is negative",
					ShownValue.of(f[at + 2])), text);
		}
		BigDecimal unit = value.divide(cds, 2, RoundingMode.CEILING);
		BigDecimal discount = unit.multiply(cds).subtract(value);
		NewLine purchase = new NewLine(SKU, cds, unit, discount, value, null);
		NewInteraction interaction = new NewInteraction(null,
				new CustomerIdentityRef(IdentityType.EXTERNAL, f[0], IDENTITY_SOURCE), InteractionKind.PURCHASE, "web",
				date.atStartOfDay().toInstant(ZoneOffset.UTC), this.sourceSystem, null,
				InteractionReader.derivedKey("cdnow", number, text.strip()), null, null, null, null, value, "USD", null,
				null, null, null, Map.of(), List.of(purchase));
		return new Group(interaction, new long[] { number }, new String[] { text }, List.of());
	}

	@Override
	public long bytesRead() {
		return this.lines.bytesRead();
	}

	@Override
	public long rowsRead() {
		return this.rows;
	}

	@Override
	public void close() throws IOException {
		// the caller closes the stream it opened
	}

}
