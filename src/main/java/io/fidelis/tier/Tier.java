package io.fidelis.tier;

import java.math.BigDecimal;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * One step of a program's ladder.
 *
 * @param threshold what the ladder's metric must reach, over its window, for a member to qualify: units or purchases
 *        (whole numbers), or an amount in major units of the program's currency
 * @param earnMultiplier what a member of this tier earns is multiplied by (1 if left out), rounded down
 * @param perks what a member of this tier enjoys besides (free delivery, lounge access), for people and tills to read
 * @param welcomeReward the code of a reward a member gets, free, each time they reach this tier
 */
public record Tier(@NotNull @Pattern(regexp = "[a-z0-9][a-z0-9_-]{0,31}",
		message = "must be 1 to 32 lower-case letters, digits, - or _") String code, @NotNull @Valid Names names,
		@NotNull @DecimalMin("0") @DecimalMax("1000000000000") BigDecimal threshold,
		@DecimalMin("1") @DecimalMax("100") BigDecimal earnMultiplier, @Valid Perks perks,
		@Pattern(regexp = "[a-z0-9][a-z0-9_-]{0,31}", message = "must be a reward's code") String welcomeReward) {

	public Tier {
		earnMultiplier = earnMultiplier == null ? BigDecimal.ONE : earnMultiplier;
		perks = perks == null ? new Perks(List.of(), List.of()) : perks;
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

	/** Whether earning multiplies what this tier's members earn. */
	public boolean multipliesEarnings() {
		return earnMultiplier.compareTo(BigDecimal.ONE) > 0;
	}
}
