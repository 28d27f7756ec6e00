package io.fidelis.tier;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import io.fidelis.jobs.Job;
import io.fidelis.jobs.JobSchedule;
import io.fidelis.jobs.JobSteps;
import io.fidelis.program.Programs;

/**
 * Reviews the members whose review date has come (the anniversary of reaching their tier, a fixed date, the end of a
 * grace period or of an operator's assignment), each in a transaction of its own; a member reviewed moves their
 * review date on, so a second run finds nothing to do, and reviews missed while the service was down happen at the
 * next run.
 */
@Component
class TierReviewJob implements Job {

	/** Sanity: members are reviewed in batches of this many. */
	private static final int BATCH = 500;
	/** Sanity: a run reviews at most this many members; the next run goes on. */
	private static final int MAX_PER_RUN = 50_000;

	private final Standings standings;
	private final TierMoves moves;
	private final Programs programs;
	private final TransactionTemplate inTransaction;

	TierReviewJob(Standings standings, TierMoves moves, Programs programs, PlatformTransactionManager transactions) {
		this.standings = standings;
		this.moves = moves;
		this.programs = programs;
		this.inTransaction = new TransactionTemplate(transactions);
	}

	@Override
	public String name() {
		return "tier.reviews";
	}

	@Override
	public JobSchedule schedule() {
		return JobSchedule.every(Duration.ofMinutes(15));
	}

	@Override
	public String run(Instant now) {
		int reviewed = 0;
		List<Standings.Due> due = standings.due(now, BATCH);
		while (!due.isEmpty() && reviewed < MAX_PER_RUN) {
			// A member whose review fails makes the run fail once the batch is done: the next run tries again.
			JobSteps.forEach(name(), "members", due, member -> "member " + member.memberId(),
					member -> inTransaction.executeWithoutResult(status -> moves.review(member.tenant(),
							programs.get(member.tenant(), member.program()), member.memberId(), now)));
			reviewed += due.size();
			due = standings.due(now, BATCH);
		}
		return "reviewed %d members' tiers".formatted(reviewed);
	}
}
