package io.fidelis.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class JobScheduleTest {

	@ParameterizedTest(name = "every {0}, after {1}: {2}")
	@CsvSource(delimiter = '|', textBlock = """
			PT1H   | 2026-05-01T10:15:30.123456Z | 2026-05-01T11:00:00Z
			PT1H   | 2026-05-01T10:00:00Z        | 2026-05-01T11:00:00Z
			PT1H   | 2026-12-31T23:59:59Z        | 2027-01-01T00:00:00Z
			PT10M  | 2026-05-01T10:15:30Z        | 2026-05-01T10:20:00Z
			PT10M  | 2026-05-01T10:59:59.999Z    | 2026-05-01T11:00:00Z
			PT6H   | 2026-05-01T13:00:00Z        | 2026-05-01T18:00:00Z
			P1D    | 2026-05-01T13:00:00Z        | 2026-05-02T00:00:00Z
			PT1M   | 1969-12-31T23:59:30Z        | 1970-01-01T00:00:00Z
			""")
	void runsAtTheMultiplesOfItsIntervalSinceMidnightUtc(Duration interval, Instant after, Instant next) {
		assertThat(JobSchedule.every(interval).nextAfter(after)).isEqualTo(next);
	}

	@Test
	void sayingItsScheduleInWords() {
		assertThat(JobSchedule.every(Duration.ofMinutes(1)).description()).isEqualTo("every minute");
		assertThat(JobSchedule.every(Duration.ofMinutes(10)).description()).isEqualTo("every 10 minutes");
		assertThat(JobSchedule.every(Duration.ofHours(1)).description()).isEqualTo("every hour");
		assertThat(JobSchedule.every(Duration.ofHours(6)).description()).isEqualTo("every 6 hours");
		assertThat(JobSchedule.every(Duration.ofDays(1)).description()).isEqualTo("every day");
	}

	@ParameterizedTest(name = "every {0}")
	@ValueSource(strings = { "PT0S", "-PT1H", "PT30S", "PT1M30S", "PT0.5S", "PT7M", "PT5H", "P2D" })
	void refusesIntervalsThatAreNotWholeMinutesDividingADay(Duration interval) {
		assertThatIllegalArgumentException().isThrownBy(() -> JobSchedule.every(interval));
	}

	@Test
	void refusesNoInterval() {
		assertThatIllegalArgumentException().isThrownBy(() -> JobSchedule.every(null));
	}
}
