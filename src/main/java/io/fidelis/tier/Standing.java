package io.fidelis.tier;

import java.time.Instant;

/**
 * Where a member stands in a program's ladder.
 *
 * @param reviewAt when the tier is next reviewed; null in the base tier, which nobody leaves downwards
 * @param graceUntil set while the member keeps a tier the metric no longer supports
 * @param manualUntil set while an operator's assignment holds
 */
record Standing(String tier, Instant since, Instant reviewAt, Instant graceUntil, Instant manualUntil) {
}
