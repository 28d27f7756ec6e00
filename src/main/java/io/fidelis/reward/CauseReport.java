package io.fidelis.reward;

import java.util.List;

import io.fidelis.program.ProgramId;
import io.fidelis.shared.Money;

/**
 * What members gave a cause: in all, and per program (and currency, should a program have changed its currency).
 *
 * @param donors how many members gave at least once
 */
record CauseReport(long donations, long donors, List<ProgramGiving> programs) {

	/** What members gave in one program: {@code points} of its units, worth {@code value} when given. */
	record ProgramGiving(ProgramId programId, long donations, long donors, long points, Money value) {
	}
}
