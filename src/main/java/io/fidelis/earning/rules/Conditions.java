package io.fidelis.earning.rules;

import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;

import io.fidelis.member.Labels;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * When a rule applies; every condition given must hold. Amounts are in the program's currency and, when the rule
 * looks at items, apply to the items it looks at.
 *
 * @param daysOfWeek and {@code hours} in the program's time zone, at the time the event happened
 * @param attributes event attributes that must have these values ({@code "rating": "5"})
 * @param labels the labels the member must and must not carry
 * @param expression a CEL expression over {@code event} and {@code member} that must be true
 * @param tiers the member must be in one of these tiers of the program (tier codes)
 * @param segments the member must be in one of these RFM segments ({@code champions}, {@code at_risk}...)
 */
public record Conditions(@DecimalMin("0") BigDecimal minAmount, @DecimalMin("0") BigDecimal maxAmount,
		@Valid Items items, @Size(max = 100) List<@NotBlank @Size(max = 64) String> stores,
		@Size(max = 20) List<@NotBlank @Size(max = 32) String> channels, @Size(max = 7) List<@NotNull DayOfWeek> daysOfWeek,
		@Valid Hours hours, Boolean firstPurchase, @Valid NthPurchase nthPurchase, Birthday birthday,
		@Size(max = 20) Map<@Size(max = 64) String, @NotNull @Size(max = 200) String> attributes,
		@Valid Labels labels, @Size(max = 1000) String expression,
		@Size(max = 20) List<@NotBlank @Size(max = 32) String> tiers,
		@Size(max = 20) List<@NotBlank @Size(max = 32) String> segments) {

	/** Items by sku or category: those included (any, if none are named) and not excluded. */
	public record Items(@Size(max = 500) List<@NotBlank @Size(max = 64) String> skus,
			@Size(max = 100) List<@NotBlank @Size(max = 64) String> categories,
			@Size(max = 500) List<@NotBlank @Size(max = 64) String> excludeSkus,
			@Size(max = 100) List<@NotBlank @Size(max = 64) String> excludeCategories) {
	}

	/** From {@code from} (inclusive) to {@code to} (exclusive); across midnight when {@code to} is earlier. */
	public record Hours(@NotNull LocalTime from, @NotNull LocalTime to) {
	}

	/** Every {@code every}-th purchase of the member, or exactly their {@code exactly}-th. */
	public record NthPurchase(@Min(2) @Max(1000) Integer every, @Min(1) @Max(100_000) Integer exactly) {
	}

	/** On the member's birthday, or in their birthday month. */
	public enum Birthday {
		DAY, MONTH
	}

	/** The conditions that only a purchase can meet. */
	boolean needPurchase() {
		return minAmount != null || maxAmount != null || items != null || Boolean.TRUE.equals(firstPurchase)
				|| nthPurchase != null;
	}
}
