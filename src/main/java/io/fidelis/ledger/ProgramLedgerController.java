package io.fidelis.ledger;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.fidelis.program.Program;
import io.fidelis.program.Programs;
import io.fidelis.shared.IdempotentRequests;
import io.fidelis.shared.TenantId;
import io.fidelis.tenant.Caller;
import io.fidelis.tenant.Scope;

/**
 * A program's side of the ledger: expiry and activation runs (the scheduler will call the same code) and the
 * reconciliation report.
 */
@RestController
@RequestMapping("/api/v1/programs/{code}")
class ProgramLedgerController {

	private final Programs programs;
	private final Ledger ledger;
	private final Reconciliation reconciliation;
	private final IdempotentRequests idempotentRequests;
	private final Clock clock;

	ProgramLedgerController(Programs programs, Ledger ledger, Reconciliation reconciliation,
			IdempotentRequests idempotentRequests, Clock clock) {
		this.programs = programs;
		this.ledger = ledger;
		this.reconciliation = reconciliation;
		this.idempotentRequests = idempotentRequests;
		this.clock = clock;
	}

	record ExpiryRunRequest(String program, LocalDate day) {
	}

	/** @param cutoff lots no longer valid at this instant, the start of {@code day}, have expired */
	record ExpiryRunResponse(String program, LocalDate day, Instant cutoff, int members, int lots, long units) {
	}

	record ActivationRunResponse(String program, Instant activatedUpTo, int members, int lots, long units) {
	}

	/**
	 * Expires what is no longer valid today, in the program's time zone. Expiry dates fall on day boundaries, so one
	 * run per day is exact: the day is the idempotency key, and a second call that day replays the first answer.
	 */
	@PostMapping("/expiry-runs")
	ResponseEntity<ExpiryRunResponse> expire(Caller caller, @PathVariable String code) {
		TenantId tenant = caller.require(Scope.POINTS_WRITE);
		Program program = programs.get(tenant, code);
		LocalDate day = LocalDate.now(clock.withZone(program.timeZone()));
		Instant cutoff = day.atStartOfDay(program.timeZone()).toInstant();
		return idempotentRequests.execute(tenant, "expiry-run:" + code + ":" + day, "POST /expiry-runs",
				new ExpiryRunRequest(code, day), ExpiryRunResponse.class, HttpStatus.CREATED, () -> {
					RunSummary run = ledger.expire(tenant, program.id(), cutoff, "expiry-run:" + day,
							new Explanation("expiry", Map.of("day", day.toString())));
					return new ExpiryRunResponse(code, day, cutoff, run.members(), run.lots(), run.units());
				})
			.toResponseEntity();
	}

	/** Makes available the pending units whose pending period is over. */
	@PostMapping("/activation-runs")
	ResponseEntity<ActivationRunResponse> activate(Caller caller, @PathVariable String code,
			@RequestHeader(name = IdempotentRequests.HEADER, required = false) String idempotencyKey) {
		TenantId tenant = caller.require(Scope.POINTS_WRITE);
		Program program = programs.get(tenant, code);
		return idempotentRequests.execute(tenant, idempotencyKey, "POST /activation-runs", code,
				ActivationRunResponse.class, HttpStatus.CREATED, () -> {
					Instant now = clock.instant();
					RunSummary run = ledger.activate(tenant, program.id(), now, idempotencyKey,
							new Explanation("activation", Map.of("days", Integer.toString(program.pendingDays()))));
					return new ActivationRunResponse(code, now, run.members(), run.lots(), run.units());
				})
			.toResponseEntity();
	}

	record ReconciliationResponse(String program, boolean balanced, int accounts, long memberBalances, long issued,
			List<Reconciliation.Discrepancy> discrepancies) {
	}

	/** Recomputes the program's ledger from its postings; {@code balanced} is true when nothing disagrees. */
	@GetMapping("/reconciliation")
	ReconciliationResponse reconcile(Caller caller, @PathVariable String code) {
		TenantId tenant = caller.require(Scope.PROGRAMS_WRITE);
		Program program = programs.get(tenant, code);
		Reconciliation.Report report = reconciliation.reconcile(tenant, program.id(), program.allowNegativeBalance());
		return new ReconciliationResponse(code, report.balanced(), report.accounts(), report.memberBalances(),
				report.issued(), report.discrepancies());
	}
}
