package io.fidelis.reward;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.fidelis.program.ProgramId;

/**
 * A member spent {@code points} on {@code quantity} of a reward, in the ledger transaction {@code transactionId}, and
 * got what the reward gives: vouchers, a gift order, or credit in a cashback program. A reward a rule granted cost
 * nothing: 0 points and no transaction.
 *
 * @param cancelled how many of the quantity were cancelled since (their points given back)
 * @param creditProgram the cashback program credited with {@code creditUnits} (null for other rewards)
 * @param grantedBy why it was given free (a rule), or null for a redemption the member paid for
 */
record Redemption(UUID id, UUID rewardId, UUID memberId, int quantity, int cancelled, long points,
		UUID transactionId, Instant createdAt, List<Voucher> vouchers, List<GiftOrder> giftOrders,
		ProgramId creditProgram, Long creditUnits, String grantedBy) {
}
