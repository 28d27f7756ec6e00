package io.fidelis.reward;

import java.time.Instant;

/**
 * How much members of a program may give each other; a null limit is no limit.
 *
 * @param maxPointsPerMonth what one member may give in all in a calendar month of the program's time zone
 * @param updatedAt when an operator last set them (null: never, no limits)
 */
record TransferLimits(Long maxPointsPerTransfer, Long maxPointsPerMonth, Instant updatedAt) {

	static final TransferLimits NONE = new TransferLimits(null, null, null);
}
