package io.fidelis.reward;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A member spent {@code points} on {@code quantity} of a reward, in the ledger transaction {@code transactionId}.
 *
 * @param cancelled how many of the quantity were cancelled since (their points given back)
 */
record Redemption(UUID id, UUID rewardId, UUID memberId, int quantity, int cancelled, long points,
		UUID transactionId, Instant createdAt, List<Voucher> vouchers) {
}
