package io.fidelis.analytics;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.fidelis.program.Program;
import io.fidelis.program.Programs;
import io.fidelis.shared.BusinessException;
import io.fidelis.shared.Money;
import io.fidelis.shared.TenantId;
import io.fidelis.tenant.Caller;
import io.fidelis.tenant.Scope;

/**
 * The program's costs per month as the operator enters them: what acquisition cost and ROI divide by. Entering a
 * month again replaces it, so a PUT needs no idempotency key.
 */
@RestController
class ProgramCostController {

	/** Sanity: a list of ten years of months. */
	static final int MAX_MONTHS = 120;

	private final ProgramCosts costs;
	private final Programs programs;
	private final TenantZones zones;
	private final Clock clock;

	ProgramCostController(ProgramCosts costs, Programs programs, TenantZones zones, Clock clock) {
		this.costs = costs;
		this.programs = programs;
		this.zones = zones;
		this.clock = clock;
	}

	/** @param amount in major units of the program's currency ({@code "1200.00"}) */
	record CostRequest(BigDecimal amount, @Size(max = 500) String note) {
	}

	/** @param amount in major units of {@code currency}, a decimal string ({@code "1200.00"}) as amounts are */
	record Cost(YearMonth month, String program, String amount, String currency, String note, Instant updatedAt) {

		static Cost of(ProgramCosts.EnteredCost entry, Program program) {
			return new Cost(entry.month(), program.code(),
					BigDecimal.valueOf(entry.amountMinor(), program.currency().getDefaultFractionDigits()).toPlainString(),
					program.currency().getCurrencyCode(), entry.note(), entry.updatedAt());
		}
	}

	/** Enters what the program (by default {@code points}) cost in the month ({@code 2026-01}). */
	@PutMapping("/api/v1/analytics/costs/{month}")
	Cost put(Caller caller, @PathVariable String month, @RequestParam(required = false) String program,
			@Valid @RequestBody CostRequest request) {
		TenantId tenant = caller.require(Scope.PROGRAMS_WRITE);
		YearMonth costMonth = KpiReports.month("month", month);
		Program chosen = programs.get(tenant, program == null ? Programs.DEFAULT_CODE : program);
		Money amount = Money.parse(request.amount(), chosen.currency(), "amount");
		return Cost.of(costs.put(tenant, chosen, costMonth, amount.minorUnits(), request.note()), chosen);
	}

	/** The program's cost entries of the months {@code from} to {@code to} (by default the last 12), oldest first. */
	@GetMapping("/api/v1/analytics/costs")
	List<Cost> list(Caller caller, @RequestParam(required = false) String program,
			@RequestParam(required = false) String from, @RequestParam(required = false) String to) {
		TenantId tenant = caller.require(Scope.MEMBERS_READ);
		Program chosen = programs.get(tenant, program == null ? Programs.DEFAULT_CODE : program);
		YearMonth last = to == null ? YearMonth.now(clock.withZone(zones.zone(tenant))) : KpiReports.month("to", to);
		YearMonth first = from == null ? last.minusMonths(11) : KpiReports.month("from", from);
		if (first.isAfter(last)) {
			throw BusinessException.invalid("from", "must not be after to");
		}
		if (first.plusMonths(MAX_MONTHS).isBefore(last.plusMonths(1))) {
			throw BusinessException.invalid("from", "is more than " + MAX_MONTHS + " months before to");
		}
		return costs.list(tenant, chosen, first, last).stream().map(entry -> Cost.of(entry, chosen)).toList();
	}
}
