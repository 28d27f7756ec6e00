package io.fidelis.earning.rules;

import java.time.OffsetDateTime;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * An earning rule as an operator writes it: on which event ({@code trigger}), when ({@code conditions}, validity
 * window, campaign), what it gives ({@code effect}) to whom, how much at most ({@code limits}) and how it combines
 * with the others ({@code priority}: lower first; {@code stacking}). It is also what each version of a rule stores.
 *
 * @param campaign the code of the campaign it belongs to, whose dates and budget also apply
 */
public record RuleDefinition(@NotBlank @Size(max = 100) String name, @Size(max = 500) String description,
		@NotBlank @Pattern(regexp = "[a-z][a-z0-9_]{0,39}", message = "must be an event type such as purchase")
		String trigger, @Valid Conditions conditions, @NotNull @Valid Effect effect, Beneficiary beneficiary,
		@Valid Limits limits, OffsetDateTime validFrom, OffsetDateTime validTo,
		@Min(0) @Max(100_000) Integer priority, @Valid Stacking stacking,
		@Pattern(regexp = "[a-z0-9][a-z0-9_-]{0,31}") String campaign) {

	public static final int DEFAULT_PRIORITY = 100;

	public int priorityOrDefault() {
		return priority == null ? DEFAULT_PRIORITY : priority;
	}

	public Stacking stackingOrDefault() {
		return stacking == null ? Stacking.CUMULATIVE : stacking;
	}

	public Beneficiary beneficiaryOrDefault() {
		return beneficiary == null ? Beneficiary.MEMBER : beneficiary;
	}
}
