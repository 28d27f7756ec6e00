package io.fidelis.membership;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

import io.fidelis.shared.FieldError;
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
 * What a paid membership plan sells, as the operator puts it.
 *
 * @param price what one term costs, in major units of {@code currency}
 * @param termDays the length of a {@link MembershipTerm#DAYS} term; only for that term
 * @param autoRenew whether the member is expected to renew each term: a term that ends without a renewal makes the
 *        membership past due, then expired after the grace period; without auto-renewal it simply expires
 * @param trialDays free days before the first paid term; 0 for none
 * @param graceDays how long a past-due membership waits for its renewal before it lapses
 * @param program the code of the program the benefits are in; the default program's if left out
 * @param tier the code of a tier of that program the membership puts the member in while active, or null
 * @param earnMultiplier what the member earns in that program is multiplied by while active (1 if left out)
 * @param rewards codes of rewards given, free, when the membership starts
 */
public record MembershipPlan(@Pattern(regexp = "[a-z0-9][a-z0-9_-]{0,31}",
		message = "must be 1 to 32 lower-case letters, digits, - or _") String code, @NotNull @Valid Names names,
		@NotNull @DecimalMin("0") @DecimalMax("100000000") BigDecimal price, @NotNull String currency,
		@NotNull MembershipTerm term, @Min(1) @Max(3660) Integer termDays, Boolean autoRenew,
		@Min(0) @Max(366) Integer trialDays, @Min(0) @Max(366) Integer graceDays,
		@Size(max = 32) String program,
		@Pattern(regexp = "[a-z0-9][a-z0-9_-]{0,31}", message = "must be a tier's code") String tier,
		@DecimalMin("1") @DecimalMax("100") BigDecimal earnMultiplier, @Valid Perks perks,
		@Size(max = 10) List<@NotNull @Pattern(regexp = "[a-z0-9][a-z0-9_-]{0,31}",
				message = "must be a reward's code") String> rewards) {

	public MembershipPlan {
		autoRenew = autoRenew == null ? term != MembershipTerm.DAYS : autoRenew;
		trialDays = trialDays == null ? 0 : trialDays;
		graceDays = graceDays == null ? 0 : graceDays;
		earnMultiplier = earnMultiplier == null ? BigDecimal.ONE : earnMultiplier;
		perks = perks == null ? new Perks(List.of(), List.of()) : perks;
		rewards = rewards == null ? List.of() : List.copyOf(rewards);
	}

	public record Names(@NotBlank @Size(max = 100) String fr, @NotBlank @Size(max = 100) String en) {
	}

	public record Perks(@Size(max = 20) List<@NotBlank @Size(max = 200) String> fr,
			@Size(max = 20) List<@NotBlank @Size(max = 200) String> en) {

		public Perks {
			fr = fr == null ? List.of() : List.copyOf(fr);
			en = en == null ? List.of() : List.copyOf(en);
		}
	}

	/** The same plan under this code. */
	public MembershipPlan withCode(String newCode) {
		return new MembershipPlan(newCode, names, price, currency, term, termDays, autoRenew, trialDays, graceDays,
				program, tier, earnMultiplier, perks, rewards);
	}

	/** What the annotations cannot say: the term's days go with a term in days, which does not renew. */
	List<FieldError> problems() {
		List<FieldError> problems = new ArrayList<>();
		if (term == MembershipTerm.DAYS && termDays == null) {
			problems.add(new FieldError("termDays", "is required for a term in days"));
		}
		if (term != MembershipTerm.DAYS && termDays != null) {
			problems.add(new FieldError("termDays", "is only for a term in days"));
		}
		if (term == MembershipTerm.DAYS && autoRenew) {
			problems.add(new FieldError("autoRenew", "a one-time subscription (a term in days) does not renew"));
		}
		return problems;
	}

	/** Whether what members earn while they hold the plan is multiplied. */
	boolean multipliesEarnings() {
		return earnMultiplier.compareTo(BigDecimal.ONE) > 0;
	}
}
