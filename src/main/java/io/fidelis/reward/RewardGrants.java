package io.fidelis.reward;

import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import io.fidelis.member.Member;
import io.fidelis.shared.BusinessException;
import io.fidelis.shared.TenantId;

/**
 * Rewards given free, because an earning rule says so ("a free coffee on your birthday"). A grant happens inside the
 * event's transaction, under a savepoint: a reward that cannot be given (retired, ended, out of stock) is reported,
 * and the event's points are earned all the same.
 */
@Service
public class RewardGrants {

	private static final Logger log = LoggerFactory.getLogger(RewardGrants.class);

	private final Rewards rewards;
	private final Redemptions redemptions;
	private final TransactionTemplate savepoint;

	RewardGrants(Rewards rewards, Redemptions redemptions, PlatformTransactionManager transactionManager) {
		this.rewards = rewards;
		this.redemptions = redemptions;
		this.savepoint = new TransactionTemplate(transactionManager);
		this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
	}

	/**
	 * Whether rules may grant the reward of this code: it exists in the tenant and needs nothing from the member (a
	 * physical gift needs an address).
	 *
	 * @return why not, or empty if it can be granted
	 */
	public Optional<String> refusal(TenantId tenant, String rewardCode) {
		return refusal(rewards.find(tenant, rewardCode), rewardCode);
	}

	private static Optional<String> refusal(Optional<Reward> reward, String rewardCode) {
		if (reward.isEmpty()) {
			return Optional.of("no reward with code '" + rewardCode + "'");
		}
		if (reward.get().definition().type() == RewardType.PHYSICAL_GIFT) {
			return Optional.of("a physical gift needs the member's address: it cannot be granted by a rule");
		}
		return Optional.empty();
	}

	/**
	 * Gives the member {@code quantity} of the reward in the caller's transaction.
	 *
	 * @param grantedBy why, for the member and the operator ("rule 'Birthday coffee'")
	 * @return why it could not be given, or empty if it was
	 */
	public Optional<String> grant(TenantId tenant, Member member, String rewardCode, int quantity, String reference,
			String grantedBy) {
		Optional<Reward> found = rewards.find(tenant, rewardCode);
		Optional<String> refusal = refusal(found, rewardCode);
		if (refusal.isPresent()) {
			return refusal;
		}
		Reward reward = found.get();
		try {
			// A savepoint: a refused grant undoes itself only, never the event it is part of.
			savepoint.executeWithoutResult(
					status -> redemptions.grantWithin(tenant, member, reward, quantity, reference, grantedBy));
			return Optional.empty();
		}
		catch (BusinessException refused) {
			log.info("Reward {} not granted to member {}: {}", rewardCode, member.id(), refused.getMessage());
			return Optional.of(refused.getMessage());
		}
	}
}
