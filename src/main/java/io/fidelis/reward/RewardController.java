package io.fidelis.reward;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.Currency;
import java.util.List;
import java.util.UUID;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.fidelis.program.Program;
import io.fidelis.program.Programs;
import io.fidelis.shared.BusinessException;
import io.fidelis.shared.IdempotentRequests;
import io.fidelis.shared.TenantId;
import io.fidelis.tenant.Caller;
import io.fidelis.tenant.Scope;
import jakarta.validation.Valid;

/** A program's rewards catalog. */
@RestController
@RequestMapping("/api/v1/programs/{program}/rewards")
class RewardController {

	private final Programs programs;
	private final Rewards rewards;
	private final IdempotentRequests idempotentRequests;
	private final Clock clock;

	RewardController(Programs programs, Rewards rewards, IdempotentRequests idempotentRequests, Clock clock) {
		this.programs = programs;
		this.rewards = rewards;
		this.idempotentRequests = idempotentRequests;
		this.clock = clock;
	}

	/**
	 * @param remaining what is left of the stock (null: no stock limit)
	 */
	record RewardResponse(UUID id, String program, String code, RewardStatus status, RewardType type, long cost,
			String cashPrice, Instant validFrom, Instant validUntil, Integer stock, int issued, Integer remaining,
			Integer perMemberLimit, RewardDefinition.Texts texts, String imageUrl, DiscountResponse discount,
			String sku, String category, VoucherTermsResponse voucher, Instant retiredAt, Instant createdAt,
			Instant updatedAt) {
	}

	/** Amounts are decimal strings in the program's currency, as everywhere in the API. */
	record DiscountResponse(RewardDefinition.Discount.Kind kind, String amount, BigDecimal percent,
			String maxAmount) {
	}

	record VoucherTermsResponse(String prefix, Integer length, Integer validDays, String minBasket) {
	}

	@PostMapping
	ResponseEntity<RewardResponse> create(Caller caller, @PathVariable String program,
			@RequestHeader(name = IdempotentRequests.HEADER, required = false) String idempotencyKey,
			@Valid @RequestBody RewardDefinition request) {
		TenantId tenant = caller.require(Scope.PROGRAMS_WRITE);
		if (request.code() == null) {
			throw BusinessException.invalid("code", "is required");
		}
		return idempotentRequests.execute(tenant, idempotencyKey, "POST /programs/" + program + "/rewards", request,
				RewardResponse.class, HttpStatus.CREATED, () -> {
					Program owner = programs.get(tenant, program);
					return response(owner, rewards.create(tenant, owner, request.code(), request));
				})
			.toResponseEntity();
	}

	/** Replaces the reward's definition (the code stays). */
	@PutMapping("/{reward}")
	ResponseEntity<RewardResponse> update(Caller caller, @PathVariable String program, @PathVariable String reward,
			@RequestHeader(name = IdempotentRequests.HEADER, required = false) String idempotencyKey,
			@Valid @RequestBody RewardDefinition request) {
		TenantId tenant = caller.require(Scope.PROGRAMS_WRITE);
		if (request.code() != null && !request.code().equals(reward)) {
			throw BusinessException.invalid("code", "cannot be changed");
		}
		return idempotentRequests.execute(tenant, idempotencyKey, "PUT /programs/" + program + "/rewards/" + reward,
				request, RewardResponse.class, HttpStatus.OK, () -> {
					Program owner = programs.get(tenant, program);
					return response(owner, rewards.update(tenant, owner, reward, request));
				})
			.toResponseEntity();
	}

	@PostMapping("/{reward}/retire")
	ResponseEntity<RewardResponse> retire(Caller caller, @PathVariable String program, @PathVariable String reward,
			@RequestHeader(name = IdempotentRequests.HEADER, required = false) String idempotencyKey) {
		TenantId tenant = caller.require(Scope.PROGRAMS_WRITE);
		return idempotentRequests.execute(tenant, idempotencyKey,
				"POST /programs/" + program + "/rewards/" + reward + "/retire", reward, RewardResponse.class,
				HttpStatus.OK, () -> {
					Program owner = programs.get(tenant, program);
					return response(owner, rewards.retire(tenant, owner, reward));
				})
			.toResponseEntity();
	}

	@GetMapping
	List<RewardResponse> list(Caller caller, @PathVariable String program) {
		TenantId tenant = caller.tenantId();
		Program owner = programs.get(tenant, program);
		return rewards.list(tenant, owner).stream().map(reward -> response(owner, reward)).toList();
	}

	@GetMapping("/{reward}")
	RewardResponse get(Caller caller, @PathVariable String program, @PathVariable String reward) {
		TenantId tenant = caller.tenantId();
		Program owner = programs.get(tenant, program);
		return response(owner, rewards.get(tenant, owner, reward));
	}

	private RewardResponse response(Program program, Reward reward) {
		RewardDefinition definition = reward.definition();
		Currency currency = program.currency();
		RewardDefinition.Discount discount = definition.discount();
		RewardDefinition.VoucherTerms voucher = definition.voucher();
		Integer remaining = definition.stock() == null ? null : Math.max(0, definition.stock() - reward.issued());
		return new RewardResponse(reward.id(), program.code(), reward.code(), reward.status(clock.instant()),
				definition.type(), definition.cost(), Amounts.text(definition.cashPrice(), currency),
				definition.validFrom() == null ? null : definition.validFrom().toInstant(),
				definition.validUntil() == null ? null : definition.validUntil().toInstant(), definition.stock(),
				reward.issued(), remaining, definition.perMemberLimit(), definition.texts(), definition.imageUrl(),
				discount == null ? null
						: new DiscountResponse(discount.kind(), Amounts.text(discount.amount(), currency),
								discount.percent(), Amounts.text(discount.maxAmount(), currency)),
				definition.sku(), definition.category(),
				voucher == null ? null
						: new VoucherTermsResponse(voucher.prefix(), voucher.length(), voucher.validDays(),
								Amounts.text(voucher.minBasket(), currency)),
				reward.retiredAt(), reward.createdAt(), reward.updatedAt());
	}
}
