package org.rapport.loyalty;

import java.math.BigDecimal;
import java.util.Map;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.rapport.customer.ConsentPurpose;

/**
 * A programme's settings as created or changed. {@code pointValue} is what one point is
 * worth in {@code currency} (for the liability and for rewards). {@code combination}
 * names every rule group and how its rules combine; a rule can only join a group named
 * here. {@code requiredConsent}, when set, is the consent purpose a customer must have
 * granted (on any channel) to be enrolled. {@code voucherCodeRequired}: a voucher is used
 * only with its code, never from the member's card alone (ADR 0086; default false).
 */
public record ProgrammeSettings(@NotBlank @Pattern(regexp = "[a-z0-9][a-z0-9-]{0,39}") String code,
		@NotBlank @Size(max = 120) String name, @NotBlank @Pattern(regexp = "[A-Z]{3}") String currency,
		@NotBlank @Size(max = 40) String pointName,
		@NotNull @DecimalMin("0") @DecimalMax("1000000") BigDecimal pointValue, @Min(0) @Max(365) int returnWindowDays,
		@NotNull ExpiryPolicy expiryPolicy, @Min(0) @Max(120) int expiryMonths, Integer expiryPeriodMonths,
		@NotNull NegativeBalancePolicy negativeBalance, ConsentPurpose requiredConsent,
		@NotNull Map<String, Combination> combination, @Pattern(regexp = "[0-9]{1,8}") String cardPrefix,
		Boolean voucherCodeRequired) {

	public ProgrammeSettings {
		voucherCodeRequired = Boolean.TRUE.equals(voucherCodeRequired);
		expiryPeriodMonths = (expiryPeriodMonths == null) ? 12 : expiryPeriodMonths;
		cardPrefix = (cardPrefix == null) ? "600" : cardPrefix;
		combination = (combination == null) ? Map.of() : Map.copyOf(combination);
	}

	/** Settings that let a voucher be used from the member's card (the default). */
	public ProgrammeSettings(String code, String name, String currency, String pointName, BigDecimal pointValue,
			int returnWindowDays, ExpiryPolicy expiryPolicy, int expiryMonths, Integer expiryPeriodMonths,
			NegativeBalancePolicy negativeBalance, ConsentPurpose requiredConsent, Map<String, Combination> combination,
			String cardPrefix) {
		this(code, name, currency, pointName, pointValue, returnWindowDays, expiryPolicy, expiryMonths,
				expiryPeriodMonths, negativeBalance, requiredConsent, combination, cardPrefix, false);
	}

}
