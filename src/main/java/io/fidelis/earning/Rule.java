package io.fidelis.earning;

import java.time.Instant;
import java.util.UUID;

import io.fidelis.earning.rules.RuleDefinition;

/** An earning rule as stored: its definition at its current version, and whether it is active. */
public record Rule(UUID id, UUID programId, int version, boolean active, RuleDefinition definition,
		Instant createdAt, Instant updatedAt) {
}
