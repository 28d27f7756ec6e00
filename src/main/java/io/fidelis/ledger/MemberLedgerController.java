package io.fidelis.ledger;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.stream.Collectors;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.fidelis.member.Member;
import io.fidelis.member.MemberId;
import io.fidelis.member.Members;
import io.fidelis.program.Program;
import io.fidelis.program.ProgramId;
import io.fidelis.program.Programs;
import io.fidelis.shared.BusinessException;
import io.fidelis.shared.IdempotentRequests;
import io.fidelis.shared.Page;
import io.fidelis.shared.PageRequest;
import io.fidelis.shared.TenantId;
import io.fidelis.tenant.Caller;
import io.fidelis.tenant.Scope;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** A member's side of the ledger: balances, statement, and operators' manual adjustments. */
@RestController
@RequestMapping("/api/v1/members/{memberId}")
class MemberLedgerController {

	/** Sanity: one adjustment moves at most a billion units. */
	private static final long MAX_ADJUSTMENT = 1_000_000_000L;

	private final Members members;
	private final Programs programs;
	private final Ledger ledger;
	private final Balances balances;
	private final Statements statements;
	private final ExplanationTexts texts;
	private final IdempotentRequests idempotentRequests;
	private final Clock clock;

	MemberLedgerController(Members members, Programs programs, Ledger ledger, Balances balances,
			Statements statements, ExplanationTexts texts, IdempotentRequests idempotentRequests, Clock clock) {
		this.members = members;
		this.programs = programs;
		this.ledger = ledger;
		this.balances = balances;
		this.statements = statements;
		this.texts = texts;
		this.idempotentRequests = idempotentRequests;
		this.clock = clock;
	}

	record ExpiringResponse(long amount, Instant expiresAt, LocalDate lastValidDay) {
	}

	record BalanceResponse(String program, String kind, long available, long pending, long held,
			ExpiringResponse expiringNext) {
	}

	record StatementLineResponse(UUID id, String program, TransactionKind kind, long amount, long pendingAmount,
			String reference, UUID reversalOf, Instant occurredAt, Instant createdAt, ExplanationView explanation) {
	}

	record Adjustment(@NotBlank @Size(max = 32) String program,
			@NotNull @Min(-MAX_ADJUSTMENT) @Max(MAX_ADJUSTMENT) Long points,
			@NotBlank @Size(max = 500) String reason) {
	}

	record AdjustmentResponse(UUID transactionId, String program, long points, long available,
			ExplanationView explanation) {
	}

	/** Every program of the tenant, with zeros where the member has nothing yet. */
	@GetMapping("/balances")
	List<BalanceResponse> balances(Caller caller, @PathVariable UUID memberId) {
		TenantId tenant = caller.require(Scope.MEMBERS_READ);
		Member member = members.get(tenant, new MemberId(memberId));
		Map<ProgramId, MemberBalance> held = balances.of(tenant, member.id().value());
		return programs.list(tenant).stream().map(program -> {
			MemberBalance balance = held.getOrDefault(program.id(), new MemberBalance(program.id(), 0, 0, 0, null));
			MemberBalance.Expiring next = balance.expiringNext();
			return new BalanceResponse(program.code(), program.kind().unit(),
					balance.available(), balance.pending(), balance.held(), next == null ? null
							: new ExpiringResponse(next.amount(), next.expiresAt(),
									next.expiresAt().atZone(program.timeZone()).toLocalDate().minusDays(1)));
		}).toList();
	}

	@GetMapping("/transactions")
	Page<StatementLineResponse> statement(Caller caller, @PathVariable UUID memberId,
			@RequestParam(required = false) String program, @RequestParam(required = false) Integer limit,
			@RequestParam(required = false) String cursor) {
		TenantId tenant = caller.require(Scope.MEMBERS_READ);
		Member member = members.get(tenant, new MemberId(memberId));
		PageRequest page = PageRequest.of(limit, cursor);
		ProgramId programId = program == null ? null : programs.get(tenant, program).id();
		Map<ProgramId, String> codes = programs.list(tenant)
			.stream()
			.collect(Collectors.toMap(Program::id, Program::code));
		Locale locale = Locale.forLanguageTag(member.locale());
		Page<StatementLine> lines = statements.of(tenant, member.id().value(), programId, page);
		return new Page<>(lines.items()
			.stream()
			.map(line -> new StatementLineResponse(line.transactionId(), codes.get(line.program()), line.kind(),
					line.availableChange(), line.pendingChange(), line.reference(), line.reversalOf(),
					line.occurredAt(), line.createdAt(), texts.view(line.explanation(), locale)))
			.toList(), lines.nextCursor());
	}

	/**
	 * A manual credit (positive points, available at once, expiring by the program's policy) or debit (negative;
	 * refused with insufficient-points beyond the available balance).
	 */
	@PostMapping("/adjustments")
	ResponseEntity<AdjustmentResponse> adjust(Caller caller, @PathVariable UUID memberId,
			@RequestHeader(name = IdempotentRequests.HEADER, required = false) String idempotencyKey,
			@Valid @RequestBody Adjustment request) {
		TenantId tenant = caller.require(Scope.POINTS_WRITE);
		if (request.points() == 0) {
			throw BusinessException.invalid("points", "must not be 0");
		}
		return idempotentRequests.execute(tenant, idempotencyKey, "POST /members/" + memberId + "/adjustments",
				request, AdjustmentResponse.class, HttpStatus.CREATED, () -> {
					Member member = members.get(tenant, new MemberId(memberId)).requireNotMerged();
					Program program = programs.get(tenant, request.program());
					Instant now = clock.instant();
					long points = Math.abs(request.points());
					Explanation explanation = new Explanation(request.points() > 0 ? "adjustment.credit"
							: "adjustment.debit", Map.of("points", Long.toString(points), "reason", request.reason(),
									ExplanationTexts.UNIT, program.kind().unit()));
					Posted posted = request.points() > 0
							? ledger.credit(new Credit(tenant, program.id(), member.id().value(), points,
									AccountKind.ADJUSTMENT, TransactionKind.ADJUSTMENT, idempotencyKey, now,
									program.expiresAt(now).orElse(null), null, explanation))
							: ledger.debit(new Debit(tenant, program.id(), member.id().value(), points,
									AccountKind.ADJUSTMENT, TransactionKind.ADJUSTMENT, idempotencyKey, now,
									explanation));
					long available = Objects.requireNonNull(balances.of(tenant, member.id().value()).get(program.id()))
						.available();
					return new AdjustmentResponse(posted.transactionId(), program.code(), request.points(), available,
							texts.view(explanation, Locale.forLanguageTag(member.locale())));
				})
			.toResponseEntity();
	}
}
