package io.fidelis.reward;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

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
import io.fidelis.program.Programs;
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
import jakarta.validation.constraints.Size;

/** A member's redemptions: spending units on rewards, and the vouchers they got. */
@RestController
@RequestMapping("/api/v1/members/{memberId}")
class RedemptionController {

	/** Sanity: one redemption issues at most a hundred vouchers. */
	private static final int MAX_QUANTITY = 100;

	private final Members members;
	private final Rewards rewards;
	private final Redemptions redemptions;
	private final Vouchers vouchers;
	private final Balances balances;
	private final Programs programs;
	private final VoucherResponses voucherResponses;
	private final IdempotentRequests idempotentRequests;

	RedemptionController(Members members, Rewards rewards, Redemptions redemptions, Vouchers vouchers,
			Balances balances, Programs programs, VoucherResponses voucherResponses,
			IdempotentRequests idempotentRequests) {
		this.members = members;
		this.rewards = rewards;
		this.redemptions = redemptions;
		this.vouchers = vouchers;
		this.balances = balances;
		this.programs = programs;
		this.voucherResponses = voucherResponses;
		this.idempotentRequests = idempotentRequests;
	}

	/** @param shipping where a physical gift goes */
	record RedemptionRequest(@NotBlank @Size(max = 32) String reward, @Min(1) @Max(MAX_QUANTITY) Integer quantity,
			@Valid Shipping shipping) {
	}

	/** Credit given in a cashback program, as a decimal string in its currency. */
	record CreditResponse(String program, String amount, String currency, long units) {
	}

	/**
	 * @param available the member's available balance in the reward's program after the redemption
	 * @param cashPrice what the member pays at the till on top of the points, in all (null: nothing)
	 * @param grantedBy why the member got it free (a rule), or null for a redemption they paid for
	 */
	record RedemptionResponse(UUID id, String reward, String program, int quantity, int cancelled, long points,
			String cashPrice, UUID transactionId, Long available, Instant createdAt,
			List<VoucherResponses.VoucherResponse> vouchers, List<GiftOrderController.GiftOrderResponse> giftOrders,
			CreditResponse credit, String grantedBy) {
	}

	@PostMapping("/redemptions")
	ResponseEntity<RedemptionResponse> redeem(Caller caller, @PathVariable UUID memberId,
			@RequestHeader(name = IdempotentRequests.HEADER, required = false) String idempotencyKey,
			@Valid @RequestBody RedemptionRequest request) {
		TenantId tenant = caller.require(Scope.POINTS_WRITE);
		return idempotentRequests.execute(tenant, idempotencyKey, "POST /members/" + memberId + "/redemptions",
				request, RedemptionResponse.class, HttpStatus.CREATED, () -> {
					Member member = members.active(tenant, new MemberId(memberId));
					Reward reward = rewards.get(tenant, request.reward());
					int quantity = request.quantity() == null ? 1 : request.quantity();
					Redemption redemption = redemptions.redeem(tenant, member, reward, quantity,
							request.shipping(), idempotencyKey);
					MemberBalance balance = balances.of(tenant, memberId).get(reward.programId());
					return response(tenant, redemption, reward, balance == null ? null : balance.available());
				})
			.toResponseEntity();
	}

	@GetMapping("/redemptions")
	Page<RedemptionResponse> list(Caller caller, @PathVariable UUID memberId,
			@RequestParam(required = false) Integer limit, @RequestParam(required = false) String cursor) {
		TenantId tenant = caller.require(Scope.MEMBERS_READ);
		Member member = members.get(tenant, new MemberId(memberId));
		PageRequest page = PageRequest.of(limit, cursor);
		Page<Redemption> found = page.page(redemptions.ofMember(tenant, member.id().value(), page),
				Redemption::createdAt, Redemption::id);
		return new Page<>(found.items()
			.stream()
			.map(redemption -> response(tenant, redemption, rewards.get(tenant, redemption.rewardId()), null))
			.toList(), found.nextCursor());
	}

	@GetMapping("/vouchers")
	Page<VoucherResponses.VoucherResponse> vouchers(Caller caller, @PathVariable UUID memberId,
			@RequestParam(required = false) Integer limit, @RequestParam(required = false) String cursor) {
		TenantId tenant = caller.require(Scope.MEMBERS_READ);
		Member member = members.get(tenant, new MemberId(memberId));
		PageRequest page = PageRequest.of(limit, cursor);
		Page<Voucher> found = page.page(vouchers.ofMember(tenant, member.id().value(), page), Voucher::createdAt,
				Voucher::id);
		return new Page<>(found.items().stream().map(voucher -> voucherResponses.of(tenant, voucher)).toList(),
				found.nextCursor());
	}

	private RedemptionResponse response(TenantId tenant, Redemption redemption, Reward reward, Long available) {
		BigDecimal cashPrice = reward.definition().cashPrice() == null ? null
				: reward.definition().cashPrice().multiply(BigDecimal.valueOf(redemption.quantity()));
		Program program = programs.get(tenant, reward.programId());
		return new RedemptionResponse(redemption.id(), reward.code(), program.code(), redemption.quantity(),
				redemption.cancelled(), redemption.points(), Amounts.text(cashPrice, program.currency()), redemption.transactionId(), available,
				redemption.createdAt(), redemption.vouchers()
					.stream()
					.map(voucher -> voucherResponses.of(tenant, voucher, reward))
					.toList(),
				redemption.giftOrders().stream().map(order -> GiftOrderController.response(order, reward)).toList(),
				credit(tenant, redemption), redemption.grantedBy());
	}

	private CreditResponse credit(TenantId tenant, Redemption redemption) {
		if (redemption.creditProgram() == null) {
			return null;
		}
		Program wallet = programs.get(tenant, redemption.creditProgram());
		return new CreditResponse(wallet.code(), Amounts.text(
				wallet.unitValue().multiply(BigDecimal.valueOf(redemption.creditUnits())), wallet.currency()),
				wallet.currency().getCurrencyCode(), redemption.creditUnits());
	}
}
