package io.fidelis.reward;

import java.time.Instant;
import java.util.UUID;

import io.fidelis.program.ProgramId;
import io.fidelis.shared.Money;

/**
 * Units a member gave to a charity cause.
 *
 * @param value what they were worth at the program's unit value when given, rounded down
 * @param transactionId the debit to the program's charity account
 */
record Donation(UUID id, UUID causeId, ProgramId programId, UUID memberId, long points, Money value,
		UUID transactionId, Instant createdAt) {
}
