package io.fidelis.membership;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import io.fidelis.jobs.Job;
import io.fidelis.jobs.JobSchedule;
import io.fidelis.jobs.JobSteps;

/**
 * Moves on the memberships whose trial, term or grace period has ended (active, past due, expired, cancelled at the
 * term's end), each in a transaction of its own with its row locked. A membership moved on has its next change
 * later, so a second run finds nothing to do; a membership that missed several changes while the service was down
 * goes through each, dated when it happened.
 */
@Component
class MembershipTermJob implements Job {

	/** Sanity: memberships are moved on in batches of this many. */
	private static final int BATCH = 500;
	/** Sanity: a run moves on at most this many memberships; the next run goes on. */
	private static final int MAX_PER_RUN = 50_000;

	private final Memberships memberships;
	private final MembershipLifecycle lifecycle;
	private final TransactionTemplate inTransaction;

	MembershipTermJob(Memberships memberships, MembershipLifecycle lifecycle, PlatformTransactionManager transactions) {
		this.memberships = memberships;
		this.lifecycle = lifecycle;
		this.inTransaction = new TransactionTemplate(transactions);
	}

	@Override
	public String name() {
		return "membership.terms";
	}

	@Override
	public JobSchedule schedule() {
		return JobSchedule.every(Duration.ofMinutes(15));
	}

	@Override
	public String run(Instant now) {
		int moved = 0;
		List<Memberships.Due> due = memberships.due(now, BATCH);
		while (!due.isEmpty() && moved < MAX_PER_RUN) {
			// A membership that fails makes the run fail once the batch is done: the next run tries again.
			JobSteps.forEach(name(), "memberships", due, membership -> "membership " + membership.id(),
					membership -> inTransaction.executeWithoutResult(status -> lifecycle.catchUp(membership.tenant(),
							memberships.lock(membership.tenant(), membership.id()), now)));
			moved += due.size();
			due = memberships.due(now, BATCH);
		}
		return "moved on %d memberships".formatted(moved);
	}
}
