package io.fidelis.analytics;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;

import io.fidelis.shared.BusinessException;

/** The days {@code from} to {@code to}, both included, of the tenant's calendar. */
record Period(LocalDate from, LocalDate to) {

	/** By default, the 30 days up to today. */
	static final int DEFAULT_DAYS = 30;

	/** Sanity: dates a business's history can hold, and both databases can store with room for the periods before. */
	static final LocalDate EARLIEST = LocalDate.of(1900, 1, 1);
	static final LocalDate LATEST = LocalDate.of(9999, 12, 31);

	/**
	 * The period a request asks for: {@code to} defaults to today, {@code from} to {@value #DEFAULT_DAYS} days before
	 * it; the period must not be reversed nor longer than {@code maxDays}.
	 */
	static Period requested(LocalDate from, LocalDate to, LocalDate today, int maxDays) {
		LocalDate last = to != null ? within("to", to) : today;
		LocalDate first = from != null ? within("from", from) : last.minusDays(DEFAULT_DAYS - 1);
		if (first.isAfter(last)) {
			throw BusinessException.invalid("from", "must not be after to");
		}
		if (ChronoUnit.DAYS.between(first, last) >= maxDays) {
			throw BusinessException.invalid("from", "is more than " + maxDays + " days before to");
		}
		return new Period(first, last);
	}

	static LocalDate within(String field, LocalDate day) {
		if (day.isBefore(EARLIEST) || day.isAfter(LATEST)) {
			throw BusinessException.invalid(field, "must be from " + EARLIEST + " to " + LATEST);
		}
		return day;
	}

	long days() {
		return ChronoUnit.DAYS.between(from, to) + 1;
	}

	/** The period of the same length just before. */
	Period previous() {
		return new Period(from.minusDays(days()), from.minusDays(1));
	}
}
