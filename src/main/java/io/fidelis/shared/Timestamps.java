package io.fidelis.shared;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/** Binds instants to SQL: both PostgreSQL and H2 drivers accept {@link OffsetDateTime}, not {@link Instant}. */
public final class Timestamps {

	private Timestamps() {
	}

	public static OffsetDateTime sql(Instant instant) {
		return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
	}

	public static Instant instant(OffsetDateTime value) {
		return value == null ? null : value.toInstant();
	}
}
