package io.fidelis.reward;

import java.time.Instant;
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

import io.fidelis.ledger.Balances;
import io.fidelis.ledger.MemberBalance;
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

/** A member giving units to another member of the tenant (family pooling), and the transfers they gave or got. */
@RestController
@RequestMapping("/api/v1/members/{memberId}/transfers")
class PointTransferController {

	private final Members members;
	private final Programs programs;
	private final PointTransfers transfers;
	private final Balances balances;
	private final IdempotentRequests idempotentRequests;

	PointTransferController(Members members, Programs programs, PointTransfers transfers, Balances balances,
			IdempotentRequests idempotentRequests) {
		this.members = members;
		this.programs = programs;
		this.transfers = transfers;
		this.balances = balances;
		this.idempotentRequests = idempotentRequests;
	}

	/** @param to the receiving member's id */
	record TransferRequest(@NotBlank @Size(max = 32) String program, @NotNull UUID to,
			@NotNull @Min(1) @Max(1_000_000_000) Long points, @Size(max = 200) String note) {
	}

	/**
	 * @param direction {@code sent} or {@code received}, as the member of the path sees it
	 * @param available the giver's available balance after the transfer (null in lists)
	 */
	record TransferResponse(UUID id, String program, String direction, UUID fromMemberId, UUID toMemberId,
			long points, String note, UUID transactionId, Long available, Instant createdAt) {
	}

	@PostMapping
	ResponseEntity<TransferResponse> give(Caller caller, @PathVariable UUID memberId,
			@RequestHeader(name = IdempotentRequests.HEADER, required = false) String idempotencyKey,
			@Valid @RequestBody TransferRequest request) {
		TenantId tenant = caller.require(Scope.POINTS_WRITE);
		if (request.to().equals(memberId)) {
			throw BusinessException.invalid("to", "must be another member than the giver");
		}
		return idempotentRequests.execute(tenant, idempotencyKey, "POST /members/" + memberId + "/transfers",
				request, TransferResponse.class, HttpStatus.CREATED, () -> {
					Member from = members.active(tenant, new MemberId(memberId));
					Member to = members.active(tenant, new MemberId(request.to()));
					Program program = programs.get(tenant, request.program());
					PointTransfer transfer = transfers.give(tenant, program, from, to, request.points(),
							request.note(), idempotencyKey);
					MemberBalance balance = balances.of(tenant, memberId).get(program.id());
					return response(program.code(), memberId, transfer, balance == null ? 0 : balance.available());
				})
			.toResponseEntity();
	}

	@GetMapping
	Page<TransferResponse> list(Caller caller, @PathVariable UUID memberId,
			@RequestParam(required = false) Integer limit, @RequestParam(required = false) String cursor) {
		TenantId tenant = caller.require(Scope.MEMBERS_READ);
		Member member = members.get(tenant, new MemberId(memberId));
		PageRequest page = PageRequest.of(limit, cursor);
		Map<ProgramId, String> codes = programs.list(tenant)
			.stream()
			.collect(Collectors.toMap(Program::id, Program::code));
		Page<PointTransfer> found = page.page(transfers.ofMember(tenant, member.id().value(), page),
				PointTransfer::createdAt, PointTransfer::id);
		return new Page<>(found.items()
			.stream()
			.map(transfer -> response(codes.get(transfer.programId()), memberId, transfer, null))
			.toList(), found.nextCursor());
	}

	private static TransferResponse response(String program, UUID memberId, PointTransfer transfer, Long available) {
		return new TransferResponse(transfer.id(), program,
				transfer.fromMemberId().equals(memberId) ? "sent" : "received", transfer.fromMemberId(),
				transfer.toMemberId(), transfer.points(), transfer.note(), transfer.transactionId(), available,
				transfer.createdAt());
	}
}
