package io.fidelis.reward;

import java.time.Clock;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import io.fidelis.ledger.Balances;
import io.fidelis.ledger.MemberBalance;
import io.fidelis.ledger.UnitsAvailable;
import io.fidelis.member.Member;
import io.fidelis.member.MemberId;
import io.fidelis.member.Members;
import io.fidelis.shared.BusinessException;

/**
 * Stamp cards: in a stamps program with an automatic reward, a member whose stamps reach the reward's cost has a full
 * card, which turns into the reward at once, in the transaction that gave the last stamp; what is left over starts
 * the next card. A card the reward cannot be issued for (retired meanwhile, out of stock, a member not eligible) stays
 * full until it can, and the stamps are never lost.
 */
@Component
class StampCards {

	/** Sanity: one credit fills at most this many cards. */
	private static final int MAX_CARDS_AT_ONCE = 100;
	private static final Logger log = LoggerFactory.getLogger(StampCards.class);

	private final Rewards rewards;
	private final Redemptions redemptions;
	private final Members members;
	private final Balances balances;
	private final TransactionTemplate savepoint;
	private final Clock clock;

	StampCards(Rewards rewards, Redemptions redemptions, Members members, Balances balances,
			PlatformTransactionManager transactionManager, Clock clock) {
		this.rewards = rewards;
		this.redemptions = redemptions;
		this.members = members;
		this.balances = balances;
		this.savepoint = new TransactionTemplate(transactionManager);
		this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
		this.clock = clock;
	}

	// PERF: one indexed query per credit; programs without an automatic reward stop here.
	@EventListener
	void on(UnitsAvailable available) {
		Optional<Reward> automatic = rewards.automatic(available.tenant(), available.program());
		if (automatic.isEmpty() || automatic.get().status(clock.instant()) != RewardStatus.AVAILABLE) {
			return;
		}
		Reward reward = automatic.get();
		Member member = members.get(available.tenant(), new MemberId(available.memberId()));
		MemberBalance balance = balances.of(available.tenant(), available.memberId()).get(available.program());
		long stamps = balance == null ? 0 : balance.available();
		for (int card = 1; card <= MAX_CARDS_AT_ONCE && stamps >= reward.definition().cost(); card++) {
			String reference = "stamp-card:" + available.reference() + ":" + card;
			try {
				// A savepoint: a refusal undoes this card's redemption only, never the credit that filled it.
				savepoint.executeWithoutResult(status -> redemptions.redeemWithin(available.tenant(), member, reward, 1,
						null, reference, "redemption.card-complete"));
			}
			catch (BusinessException refused) {
				log.info("Full stamp card of member {} not turned into reward {}: {}", member.id(), reward.code(),
						refused.getMessage());
				return;
			}
			stamps -= reward.definition().cost();
		}
	}
}
