package io.fidelis.shared;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.UUID;

/**
 * Time-ordered UUIDs (version 7, RFC 9562): random enough to be unguessable, ordered by creation time so that
 * inserts append to the end of an index instead of touching random pages. Ids made by one instance in the same
 * millisecond follow each other too (the 12 bits after the time count up, RFC 9562 method 1), so that records written
 * at one instant, such as a stamp earned and the full card it turned into, are listed in the order they were made.
 */
public final class Ids {

	private static final SecureRandom RANDOM = new SecureRandom();
	private static final int COUNTER_BITS = 12;

	private static long lastMillis = -1;
	private static long counter;

	private Ids() {
	}

	public static UUID newId(Clock clock) {
		// Not clock.millis(): a clock ticking in microseconds divides by zero there (JDK 17).
		long millis = clock.instant().toEpochMilli();
		long mostSignificant = (millis << 16) | 0x7000L | next(millis);
		long leastSignificant = (RANDOM.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
		return new UUID(mostSignificant, leastSignificant);
	}

	/** The counter of this millisecond: it starts at a random value in the lower half, leaving room to count up. */
	private static synchronized long next(long millis) {
		if (millis != lastMillis || counter == (1 << COUNTER_BITS) - 1) {
			lastMillis = millis;
			counter = RANDOM.nextInt(1 << (COUNTER_BITS - 1));
		}
		else {
			counter++;
		}
		return counter;
	}
}
