package io.fidelis.earning.rules;

import java.math.BigDecimal;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** What a rule gives when its conditions hold. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({ @JsonSubTypes.Type(value = Effect.PointsPerAmount.class, name = "points_per_amount"),
		@JsonSubTypes.Type(value = Effect.FixedPoints.class, name = "fixed_points"),
		@JsonSubTypes.Type(value = Effect.Multiplier.class, name = "multiplier"),
		@JsonSubTypes.Type(value = Effect.PointsPerItem.class, name = "points_per_item"),
		@JsonSubTypes.Type(value = Effect.Stamps.class, name = "stamps"),
		@JsonSubTypes.Type(value = Effect.CashbackPercent.class, name = "cashback_percent"),
		@JsonSubTypes.Type(value = Effect.IssueReward.class, name = "issue_reward") })
public sealed interface Effect {

	/** Whether it needs a purchase's amount or basket. */
	default boolean needsPurchase() {
		return false;
	}

	/**
	 * {@code points} units per {@code per} of the amount the rule applies to, rounded; with {@code step}, per full
	 * {@code per} only (10 points per full 5.00: 9.99 earns 10).
	 */
	record PointsPerAmount(@NotNull @DecimalMin(value = "0", inclusive = false) @DecimalMax("10000")
	@Digits(integer = 5, fraction = 4) BigDecimal points, @DecimalMin(value = "0", inclusive = false)
	@DecimalMax("1000000") BigDecimal per, Rounding rounding, Boolean step) implements Effect {

		@Override
		public boolean needsPurchase() {
			return true;
		}
	}

	/** A fixed number of units. */
	record FixedPoints(@NotNull @Min(1) @Max(1_000_000_000) Long points) implements Effect {
	}

	/** Multiplies what the rules before it gave in this event: 2 doubles them. */
	record Multiplier(@NotNull @DecimalMin(value = "1", inclusive = false) @DecimalMax("100")
	@Digits(integer = 3, fraction = 2) BigDecimal factor, Rounding rounding) implements Effect {
	}

	/** Units per unit of quantity of the items the rule applies to. */
	record PointsPerItem(@NotNull @Min(1) @Max(1_000_000) Long points) implements Effect {

		@Override
		public boolean needsPurchase() {
			return true;
		}
	}

	/** Stamps on a stamp card: only in a stamps program. */
	record Stamps(@NotNull @Min(1) @Max(1000) Long stamps) implements Effect {
	}

	/** A percentage of the amount as cashback credit, in minor units: only in a cashback program. */
	record CashbackPercent(@NotNull @DecimalMin(value = "0", inclusive = false) @DecimalMax("100")
	@Digits(integer = 3, fraction = 2) BigDecimal percent, Rounding rounding) implements Effect {

		@Override
		public boolean needsPurchase() {
			return true;
		}
	}

	/**
	 * {@code quantity} (1 if not given) of a reward of the tenant's catalog, free: vouchers, tickets or cashback
	 * credit, as the reward gives them. It gives no units; its limits count times.
	 */
	record IssueReward(@NotBlank @Size(max = 32) String reward, @Min(1) @Max(10) Integer quantity) implements Effect {

		int quantityOrOne() {
			return quantity == null ? 1 : quantity;
		}
	}
}
