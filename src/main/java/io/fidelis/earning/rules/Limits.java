package io.fidelis.earning.rules;

import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * How much a rule may give: per member per period (a number of times, or a number of units), and in total (a
 * budget for the whole program). A rule that would pass a limit gives what is left, or nothing.
 */
public record Limits(@Size(max = 4) List<@NotNull @Valid PerMember> perMember,
		@Min(1) @Max(1_000_000_000_000L) Long budget) {

	/** At most {@code count} times, or {@code points} units, per member in each {@code period}. */
	public record PerMember(@NotNull Period period, @Min(1) @Max(1_000_000) Long count,
			@Min(1) @Max(1_000_000_000) Long points) {
	}

	/** Periods follow the program's calendar: days from midnight, ISO weeks from Monday, months from the 1st. */
	public enum Period {
		DAY, WEEK, MONTH, LIFETIME
	}
}
