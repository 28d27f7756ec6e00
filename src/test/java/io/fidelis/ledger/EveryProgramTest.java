package io.fidelis.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import io.fidelis.jobs.JobSteps;
import io.fidelis.program.ExpiryPolicy;
import io.fidelis.program.Program;
import io.fidelis.program.ProgramId;
import io.fidelis.program.ProgramKind;
import io.fidelis.shared.TenantId;

class EveryProgramTest {

	private static List<Program> programs(int count) {
		return IntStream.range(0, count)
			.mapToObj(n -> new Program(new ProgramId(UUID.randomUUID()), new TenantId(UUID.randomUUID()), "p" + n,
					"Program " + n, ProgramKind.POINTS, Currency.getInstance("EUR"), new BigDecimal("0.01"),
					ExpiryPolicy.NEVER, 0, 0, false, ZoneId.of("UTC"), Instant.EPOCH, Instant.EPOCH))
			.toList();
	}

	@Test
	void addsUpWhatTheStepDidInEachProgram() {
		RunSummary total = EveryProgram.total("test.job", programs(3), program -> new RunSummary(1, 2, 30));

		assertThat(total).isEqualTo(new RunSummary(3, 6, 90));
	}

	@Test
	void triesEveryProgramWhenOneFailsThenFails() {
		List<Program> programs = programs(4);
		List<String> tried = new ArrayList<>();

		assertThatIllegalStateException().isThrownBy(() -> EveryProgram.total("test.job", programs, program -> {
			tried.add(program.code());
			if (program.code().equals("p1")) {
				throw new IllegalStateException("broken program");
			}
			return new RunSummary(1, 1, 1);
		})).withMessage("test.job failed for 1 of 4 programs; see the log");
		assertThat(tried).containsExactly("p0", "p1", "p2", "p3");
	}

	@Test
	void givesUpAfterFailuresInARow() {
		List<String> tried = new ArrayList<>();

		assertThatIllegalStateException().isThrownBy(() -> EveryProgram.total("test.job", programs(20), program -> {
			tried.add(program.code());
			throw new IllegalStateException("no database");
		})).withMessageContaining("gave up").withRootCauseInstanceOf(IllegalStateException.class);
		assertThat(tried).hasSize(JobSteps.MAX_FAILURES_IN_A_ROW);
	}
}
