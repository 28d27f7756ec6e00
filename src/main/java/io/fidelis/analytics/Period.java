package io.fidelis.analytics;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;

import io.fidelis.shared.BusinessException;

/** The days {@code from} to {@code to}, both included, of the tenant's calendar. */
record Period(LocalDate from, LocalDate to) {

	/** By default, the 30 days up to today. */
	static final int DEFAULT_DAYS = 30;

	/**
	 * The period a request asks for: {@code to} defaults to today, {@code from} to {@value #DEFAULT_DAYS} days before
	 * it; the period must not be reversed nor longer than {@code maxDays}.
	 */
	static Period requested(LocalDate from, LocalDate to, LocalDate today, int maxDays) {
		LocalDate last = to != null ? to : today;
		LocalDate first = from != null ? from : last.minusDays(DEFAULT_DAYS - 1);
		if (first.isAfter(last)) {
			throw BusinessException.invalid("from", "must not be after to");
		}
		if (ChronoUnit.DAYS.between(first, last) >= maxDays) {
			throw BusinessException.invalid("from", "is more than " + maxDays + " days before to");
		}
		return new Period(first, last);
	}

	long days() {
		return ChronoUnit.DAYS.between(from, to) + 1;
	}

	/** The period of the same length just before. */
	Period previous() {
		return new Period(from.minusDays(days()), from.minusDays(1));
	}
}
