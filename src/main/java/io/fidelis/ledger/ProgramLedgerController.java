package io.fidelis.ledger;

import java.time.Clock;
import java.util.List;

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

/** A program's side of the ledger: expiry and activation runs (the jobs run the same) and the reconciliation report. */
@RestController
@RequestMapping("/api/v1/programs/{code}")
class ProgramLedgerController {

	private final Programs programs;
	private final ProgramRuns runs;
	private final Reconciliation reconciliation;
	private final IdempotentRequests idempotentRequests;
	private final Clock clock;

	ProgramLedgerController(Programs programs, ProgramRuns runs, Reconciliation reconciliation,
			IdempotentRequests idempotentRequests, Clock clock) {
		this.programs = programs;
		this.runs = runs;
		this.reconciliation = reconciliation;
		this.idempotentRequests = idempotentRequests;
		this.clock = clock;
	}

	/** Expires what is no longer valid today, in the program's time zone; idempotent per day. */
	@PostMapping("/expiry-runs")
	ResponseEntity<ProgramRuns.ExpiryRun> expire(Caller caller, @PathVariable String code) {
		TenantId tenant = caller.require(Scope.POINTS_WRITE);
		return runs.expire(programs.get(tenant, code), clock.instant()).toResponseEntity();
	}

	/** Makes available the pending units whose pending period is over. */
	@PostMapping("/activation-runs")
	ResponseEntity<ProgramRuns.ActivationRun> activate(Caller caller, @PathVariable String code,
			@RequestHeader(name = IdempotentRequests.HEADER, required = false) String idempotencyKey) {
		TenantId tenant = caller.require(Scope.POINTS_WRITE);
		Program program = programs.get(tenant, code);
		return idempotentRequests.execute(tenant, idempotencyKey, "POST /activation-runs", code,
				ProgramRuns.ActivationRun.class, HttpStatus.CREATED,
				() -> runs.activate(program, clock.instant(), idempotencyKey))
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
