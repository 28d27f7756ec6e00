package io.fidelis.ledger;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

import io.fidelis.program.Program;
import io.fidelis.shared.IdempotentRequests;
import io.fidelis.shared.IdempotentResponse;

/**
 * A program's expiry and activation runs: one piece of code, whether an operator asks for a run through the API or a
 * job runs it on the clock.
 */
@Service
class ProgramRuns {

	/** Part of an expiry run's idempotency fingerprint, as the endpoint has always stored it. */
	private static final String EXPIRY_OPERATION = "POST /expiry-runs";

	private final Ledger ledger;
	private final IdempotentRequests idempotentRequests;

	ProgramRuns(Ledger ledger, IdempotentRequests idempotentRequests) {
		this.ledger = ledger;
		this.idempotentRequests = idempotentRequests;
	}

	record ExpiryRunRequest(String program, LocalDate day) {
	}

	/** @param cutoff lots no longer valid at this instant, the start of {@code day}, have expired */
	record ExpiryRun(String program, LocalDate day, Instant cutoff, int members, int lots, long units) {
	}

	record ActivationRun(String program, Instant activatedUpTo, int members, int lots, long units) {
	}

	/**
	 * Expires what is no longer valid on the day of {@code now}, in the program's time zone. Expiry dates fall on day
	 * boundaries, so one run per day is exact: the day is the idempotency key, and a second run that day, by the job
	 * or by the endpoint, replays the answer of the first.
	 */
	IdempotentResponse<ExpiryRun> expire(Program program, Instant now) {
		LocalDate day = now.atZone(program.timeZone()).toLocalDate();
		Instant cutoff = day.atStartOfDay(program.timeZone()).toInstant();
		String key = "expiry-run:" + program.code() + ":" + day;
		return idempotentRequests.execute(program.tenantId(), key, EXPIRY_OPERATION,
				new ExpiryRunRequest(program.code(), day), ExpiryRun.class, HttpStatus.CREATED, () -> {
					RunSummary run = ledger.expire(program.tenantId(), program.id(), cutoff, "expiry-run:" + day,
							new Explanation("expiry", Map.of("day", day.toString())));
					return new ExpiryRun(program.code(), day, cutoff, run.members(), run.lots(), run.units());
				});
	}

	/**
	 * Makes available the pending units whose pending period is over at {@code now}. Lots are re-read under their
	 * accounts' locks, so running it again, or twice at once, activates nothing twice.
	 */
	ActivationRun activate(Program program, Instant now, String reference) {
		RunSummary run = ledger.activate(program.tenantId(), program.id(), now, reference,
				new Explanation("activation", Map.of("days", Integer.toString(program.pendingDays()))));
		return new ActivationRun(program.code(), now, run.members(), run.lots(), run.units());
	}
}
