package io.fidelis.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;

import org.junit.jupiter.api.Test;

import io.fidelis.shared.BusinessException;

/** A requested period, its defaults and limits, and the previous period it is compared with. */
class PeriodTest {

	private static final LocalDate TODAY = LocalDate.parse("2026-03-10");

	@Test
	void defaultsToTheThirtyDaysUpToToday() {
		assertThat(Period.requested(null, null, TODAY, 366)).isEqualTo(new Period(LocalDate.parse("2026-02-09"), TODAY));
		assertThat(Period.requested(null, LocalDate.parse("2026-01-31"), TODAY, 366).from())
			.isEqualTo(LocalDate.parse("2026-01-02"));
	}

	@Test
	void thePreviousPeriodHasTheSameLengthJustBefore() {
		Period march = new Period(LocalDate.parse("2026-03-01"), LocalDate.parse("2026-03-31"));
		assertThat(march.days()).isEqualTo(31);
		assertThat(march.previous()).isEqualTo(new Period(LocalDate.parse("2026-01-29"), LocalDate.parse("2026-02-28")));
	}

	@Test
	void rejectsAReversedOrTooLongPeriod() {
		assertThatThrownBy(() -> Period.requested(TODAY.plusDays(1), TODAY, TODAY, 366))
			.isInstanceOf(BusinessException.class)
			.hasMessageContaining("after");
		assertThat(Period.requested(TODAY.minusDays(365), TODAY, TODAY, 366).days()).isEqualTo(366);
		assertThatThrownBy(() -> Period.requested(TODAY.minusDays(366), TODAY, TODAY, 366))
			.isInstanceOf(BusinessException.class)
			.hasMessageContaining("366 days");
	}

	@Test
	void rejectsDatesNoHistoryHolds() {
		assertThatThrownBy(() -> Period.requested(LocalDate.of(1899, 12, 31), TODAY, TODAY, 366))
			.isInstanceOf(BusinessException.class)
			.hasMessageContaining("1900-01-01");
		assertThatThrownBy(() -> Period.requested(null, LocalDate.MAX, TODAY, 366)).isInstanceOf(BusinessException.class);
		assertThat(Period.requested(LocalDate.of(1900, 1, 1), LocalDate.of(1900, 1, 1), TODAY, 366).previous().from())
			.isEqualTo(LocalDate.of(1899, 12, 31));
	}
}
