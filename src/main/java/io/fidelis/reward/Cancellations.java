package io.fidelis.reward;

import java.time.Clock;
import java.util.Map;
import java.util.UUID;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.fidelis.ledger.Explanation;
import io.fidelis.ledger.ExplanationTexts;
import io.fidelis.ledger.Ledger;
import io.fidelis.ledger.Reversal;
import io.fidelis.program.Program;
import io.fidelis.program.Programs;
import io.fidelis.shared.TenantId;

/**
 * Undoing redemptions: what is cancelled (an unused voucher, a gift order not shipped) gives its points back to the
 * member, into the lots they came from, and goes back in stock.
 */
@Service
class Cancellations {

	private final Redemptions redemptions;
	private final Rewards rewards;
	private final Vouchers vouchers;
	private final Programs programs;
	private final Ledger ledger;
	private final Clock clock;

	Cancellations(Redemptions redemptions, Rewards rewards, Vouchers vouchers, Programs programs, Ledger ledger,
			Clock clock) {
		this.redemptions = redemptions;
		this.rewards = rewards;
		this.vouchers = vouchers;
		this.programs = programs;
		this.ledger = ledger;
		this.clock = clock;
	}

	/** Cancels an unused voucher, under its row's lock: a till burning it meanwhile waits, then finds it cancelled. */
	@Transactional
	Voucher cancelVoucher(TenantId tenant, String code, String reference) {
		Voucher voucher = vouchers.lock(tenant, code);
		VoucherUses.refuseIfUnusable(voucher, clock.instant(), null);
		giveBack(tenant, voucher.redemptionId(), 1, reference, "voucher", voucher.code());
		vouchers.markCancelled(voucher);
		return vouchers.get(tenant, code);
	}

	/**
	 * Undoes {@code quantity} of a redemption: their points (none, for a reward a rule granted) go back to the member
	 * and they go back in stock. The caller holds the lock of what it cancels, so that nothing is given back twice.
	 *
	 * @param what and {@code which} name what was cancelled in the member's explanation
	 */
	void giveBack(TenantId tenant, UUID redemptionId, int quantity, String reference, String what, String which) {
		Redemption redemption = redemptions.get(tenant, redemptionId);
		Reward reward = rewards.get(tenant, redemption.rewardId());
		Program program = programs.get(tenant, reward.programId());
		long points = redemption.points() / redemption.quantity() * quantity;
		if (points > 0) {
			ledger.reverse(new Reversal(tenant, redemption.transactionId(), points, reference, clock.instant(),
					new Explanation("redemption.cancelled." + what, Map.of("points", Long.toString(points),
							ExplanationTexts.UNIT, program.kind().unit(), what, which))));
		}
		redemptions.markCancelled(redemption.id(), quantity);
		rewards.restock(reward.id(), quantity);
	}
}
