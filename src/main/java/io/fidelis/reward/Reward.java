package io.fidelis.reward;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import io.fidelis.program.ProgramId;

/**
 * A reward of a program's catalog.
 *
 * @param issued how many were redeemed and not cancelled, counted against the stock
 * @param retiredAt when an operator took it out of the catalog (null: not retired)
 */
public record Reward(UUID id, ProgramId programId, String code, RewardDefinition definition, int issued,
		Instant retiredAt, Instant createdAt, Instant updatedAt) {

	/** Where the reward stands at {@code now}, in the order members meet the reasons it cannot be redeemed. */
	public RewardStatus status(Instant now) {
		if (retiredAt != null) {
			return RewardStatus.RETIRED;
		}
		if (definition.validFrom() != null && now.isBefore(definition.validFrom().toInstant())) {
			return RewardStatus.SCHEDULED;
		}
		if (definition.validUntil() != null && !now.isBefore(definition.validUntil().toInstant())) {
			return RewardStatus.ENDED;
		}
		if (definition.experience() != null && !now.isBefore(eventOver(definition.experience()))) {
			return RewardStatus.ENDED;
		}
		if (definition.stock() != null && issued >= definition.stock()) {
			return RewardStatus.SOLD_OUT;
		}
		return RewardStatus.AVAILABLE;
	}

	/** When an experience is over: its end, or a day after it starts. Its tickets are no good after that. */
	static Instant eventOver(RewardDefinition.Experience experience) {
		return experience.endsAt() != null ? experience.endsAt().toInstant()
				: experience.startsAt().toInstant().plus(Duration.ofDays(1));
	}
}
