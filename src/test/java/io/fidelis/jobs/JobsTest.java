package io.fidelis.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JobsTest {

	private static Job named(String name) {
		return new Job() {

			@Override
			public String name() {
				return name;
			}

			@Override
			public JobSchedule schedule() {
				return JobSchedule.every(Duration.ofHours(1));
			}

			@Override
			public String run(Instant now) {
				return "nothing";
			}
		};
	}

	@Test
	void listsTheJobsByName() {
		Jobs jobs = new Jobs(List.of(named("ledger.expiry"), named("ledger.activation"), named("member.birthday")));

		assertThat(jobs.all()).extracting(Job::name)
			.containsExactly("ledger.activation", "ledger.expiry", "member.birthday");
	}

	@ParameterizedTest(name = "''{0}''")
	@ValueSource(strings = { "expiry", "Ledger.expiry", "ledger.", ".expiry", "ledger expiry", "ledger.expiry!",
			"ledger._expiry", "" })
	void refusesAJobNameThatIsNotModuleDotJob(String name) {
		assertThatIllegalStateException().isThrownBy(() -> new Jobs(List.of(named(name))));
	}

	@Test
	void refusesAJobNameLongerThanItsColumns() {
		assertThatIllegalStateException().isThrownBy(() -> new Jobs(List.of(named("ledger." + "x".repeat(94)))));
		assertThat(new Jobs(List.of(named("ledger." + "x".repeat(93)))).all()).hasSize(1);
	}

	@Test
	void refusesTwoJobsOfOneName() {
		assertThatIllegalStateException()
			.isThrownBy(() -> new Jobs(List.of(named("ledger.expiry"), named("ledger.expiry"))));
	}
}
