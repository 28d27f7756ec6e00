package io.fidelis.earning;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Optional;

import org.springframework.stereotype.Component;

import io.fidelis.member.Member;
import io.fidelis.member.Members;
import io.fidelis.shared.BusinessException;
import io.fidelis.shared.TenantId;

/** Reads the fields every event has (its time, the member it names) and refuses what makes no sense. */
@Component
class EventFields {

	/** Sanity: a till's clock may be ahead of ours, but not by more than a day. */
	private static final Duration MAX_CLOCK_SKEW = Duration.ofDays(1);
	/** Sanity: nothing that earns points happened before this. */
	private static final Instant EARLIEST = Instant.parse("2000-01-01T00:00:00Z");

	private final Members members;
	private final Clock clock;

	EventFields(Members members, Clock clock) {
		this.members = members;
		this.clock = clock;
	}

	Instant occurredAt(OffsetDateTime given) {
		Instant occurredAt;
		try {
			occurredAt = given.toInstant();
		}
		catch (DateTimeException outOfRange) {
			throw BusinessException.invalid("occurredAt", "is out of range");
		}
		if (occurredAt.isAfter(clock.instant().plus(MAX_CLOCK_SKEW))) {
			throw BusinessException.invalid("occurredAt", "is more than a day in the future");
		}
		if (occurredAt.isBefore(EARLIEST)) {
			throw BusinessException.invalid("occurredAt", "is before " + EARLIEST);
		}
		return occurredAt;
	}

	/** The member an event names in {@code field}, if it names one. */
	Optional<Member> member(TenantId tenant, EventRequest.Member reference, String field) {
		if (reference == null) {
			return Optional.empty();
		}
		if (!reference.namesExactlyOne()) {
			throw BusinessException.invalid(field, "must give exactly one of id, cardNumber, email, phone, externalId");
		}
		return Optional.of(members.resolve(tenant, reference.toReference()));
	}
}
