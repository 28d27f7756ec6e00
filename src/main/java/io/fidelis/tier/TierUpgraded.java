package io.fidelis.tier;

import java.time.Instant;
import java.util.UUID;

import io.fidelis.program.ProgramId;
import io.fidelis.shared.TenantId;

/**
 * A member moved up a program's ladder: the metric reached a higher threshold, or an operator put them there.
 *
 * @param from the tier they left
 * @param reason in words an operator reads ("points earned 1200 reached the threshold of gold, 1000")
 * @param welcomeReward the code of the reward the tier gives on reaching it, or null
 */
public record TierUpgraded(TenantId tenant, ProgramId program, UUID memberId, String from, String to, String reason,
		Instant occurredAt, String welcomeReward) {
}
