package io.fidelis.reward;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;

import io.fidelis.member.Labels;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * Everything an operator says about a reward. Amounts are in the program's currency, in major units.
 *
 * @param code the reward's code, unique in the tenant; required to create it, and cannot change
 * @param cost what one costs, in the program's units
 * @param cashPrice what the member also pays at the till for it (points plus cash); null: nothing
 * @param validFrom the first instant it can be redeemed (null: at once); {@code validUntil} the first it cannot
 * @param stock how many can be redeemed in all (null: no limit)
 * @param perMemberLimit how many one member can redeem in all (null: no limit)
 * @param discount for {@code discount_voucher}
 * @param sku for {@code free_product}: the product given
 * @param category for {@code cheapest_item_free}: only items of this category count (null: any item)
 * @param voucher how its vouchers look and how long they last
 * @param cashback for {@code cashback_credit}: the credit given
 * @param experience for {@code experience}: when and where
 * @param eligibility who may redeem it (null: every member)
 * @param automatic in a stamps program: issued by itself whenever a member's stamps reach its cost (the card is full),
 *        which spends them and starts the next card
 */
public record RewardDefinition(@Pattern(regexp = "[a-z0-9][a-z0-9_-]{0,31}",
		message = "must be 1 to 32 lower-case letters, digits, '-' or '_'") String code, @NotNull RewardType type, @NotNull @Min(1) @Max(1_000_000_000) Long cost,
		@DecimalMin("0.01") @DecimalMax("1000000") BigDecimal cashPrice, OffsetDateTime validFrom,
		OffsetDateTime validUntil, @Min(0) @Max(100_000_000) Integer stock,
		@Min(1) @Max(100_000) Integer perMemberLimit, @NotNull @Valid Texts texts,
		@Size(max = 500) @Pattern(regexp = "https?://\\S+", message = "must be an http or https URL") String imageUrl,
		@Valid Discount discount, @Size(min = 1, max = 64) String sku, @Size(min = 1, max = 64) String category,
		@Valid VoucherTerms voucher, @Valid Cashback cashback, @Valid Experience experience,
		@Valid Eligibility eligibility, Boolean automatic) {

	/** The reward's name and description for members, in English and French (at least one name). */
	public record Texts(@Valid Text en, @Valid Text fr) {
	}

	public record Text(@NotBlank @Size(max = 100) String name, @Size(max = 1000) String description) {
	}

	/** A fixed {@code amount} off, or {@code percent} off up to {@code maxAmount}. */
	public record Discount(@NotNull Kind kind, @DecimalMin("0.01") @DecimalMax("1000000") BigDecimal amount,
			@DecimalMin("0.01") @DecimalMax("100") BigDecimal percent,
			@DecimalMin("0.01") @DecimalMax("1000000") BigDecimal maxAmount) {

		public enum Kind {
			FIXED, PERCENT
		}
	}

	/**
	 * @param prefix what every code starts with ({@code "FID-"})
	 * @param length how many random characters follow it
	 * @param validDays how long a voucher lasts after it is issued (null: until used)
	 * @param minBasket the smallest basket it can be used on (null: any)
	 */
	public record VoucherTerms(@Pattern(regexp = "[A-Z0-9-]{0,10}",
			message = "must be at most 10 upper-case letters, digits or '-'") String prefix,
			@Min(8) @Max(20) Integer length, @Min(1) @Max(3650) Integer validDays,
			@DecimalMin("0.01") @DecimalMax("1000000") BigDecimal minBasket) {
	}

	/** {@code amount} of credit in the cashback program {@code program}, for the reward's cost. */
	public record Cashback(@NotBlank @Size(max = 32) String program,
			@NotNull @DecimalMin("0.01") @DecimalMax("1000000") BigDecimal amount) {
	}

	/** When the event starts and ends (null: a day after it starts), and where. */
	public record Experience(@NotNull OffsetDateTime startsAt, OffsetDateTime endsAt, @Size(max = 200) String venue) {
	}

	/**
	 * Members who may redeem it: those carrying these labels, in one of these tiers of the program, and in one of these
	 * RFM segments ({@code champions}, {@code at_risk}...).
	 */
	public record Eligibility(@Valid Labels labels, @Size(max = 20) List<@NotBlank @Size(max = 32) String> tiers,
			@Size(max = 20) List<@NotBlank @Size(max = 32) String> segments) {
	}

	/** The same definition with another stock (null: no limit). */
	public RewardDefinition withStock(Integer newStock) {
		return new RewardDefinition(code, type, cost, cashPrice, validFrom, validUntil, newStock, perMemberLimit, texts,
				imageUrl, discount, sku, category, voucher, cashback, experience, eligibility, automatic);
	}

	boolean isAutomatic() {
		return Boolean.TRUE.equals(automatic);
	}

	/** The name members read, in their language if the reward has it. */
	public String name(String language) {
		Text text = "fr".equals(language) && texts.fr() != null || texts.en() == null ? texts.fr() : texts.en();
		return text.name();
	}
}
