package org.rapport.interaction;

import java.math.BigDecimal;

/**
 * A purchase or return line. {@code amount} may be left out: it is quantity times unit
 * price minus discount. For a return, {@code purchaseLineNo} names the line of the
 * purchase that came back (else the first purchase line with the same SKU).
 */
public record NewLine(String sku, BigDecimal quantity, BigDecimal unitPrice, BigDecimal discount, BigDecimal amount,
		Integer purchaseLineNo) {

	public static NewLine of(String sku, String quantity, String unitPrice) {
		return new NewLine(sku, new BigDecimal(quantity), new BigDecimal(unitPrice), null, null, null);
	}

}
