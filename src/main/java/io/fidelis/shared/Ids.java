package io.fidelis.shared;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.UUID;

/**
 * Time-ordered UUIDs (version 7, RFC 9562): random enough to be unguessable, ordered by creation time so that
 * inserts append to the end of an index instead of touching random pages.
 */
public final class Ids {

	private static final SecureRandom RANDOM = new SecureRandom();

	private Ids() {
	}

	public static UUID newId(Clock clock) {
		// Not clock.millis(): a clock ticking in microseconds divides by zero there (JDK 17).
		long millis = clock.instant().toEpochMilli();
		long randomA = RANDOM.nextInt(1 << 12);
		long mostSignificant = (millis << 16) | 0x7000L | randomA;
		long leastSignificant = (RANDOM.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
		return new UUID(mostSignificant, leastSignificant);
	}
}
