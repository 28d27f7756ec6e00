package io.fidelis.ledger;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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

	private final Members members;
	private final Programs programs;
	private final Balances balances;
	private final Statements statements;
	private final Adjustments adjustments;
	private final ExplanationTexts texts;
	private final IdempotentRequests idempotentRequests;

	MemberLedgerController(Members members, Programs programs, Balances balances, Statements statements,
			Adjustments adjustments, ExplanationTexts texts, IdempotentRequests idempotentRequests) {
		this.members = members;
		this.programs = programs;
		this.balances = balances;
		this.statements = statements;
		this.adjustments = adjustments;
		this.texts = texts;
		this.idempotentRequests = idempotentRequests;
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
			@NotNull @Min(-Adjustments.MAX_ADJUSTMENT) @Max(Adjustments.MAX_ADJUSTMENT) Long points,
			@NotBlank @Size(max = Adjustments.MAX_REASON_LENGTH) String reason) {
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
					Adjustments.Adjusted adjusted = adjustments.adjust(tenant, memberId, request.program(),
							request.points(), request.reason(), idempotencyKey);
					return new AdjustmentResponse(adjusted.transactionId(), adjusted.program(), adjusted.points(),
							adjusted.available(), adjusted.explanation());
				})
			.toResponseEntity();
	}
}
