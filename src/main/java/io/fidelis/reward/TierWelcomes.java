package io.fidelis.reward;

import java.time.Clock;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import io.fidelis.ledger.AccountKind;
import io.fidelis.ledger.Credit;
import io.fidelis.ledger.Explanation;
import io.fidelis.ledger.ExplanationTexts;
import io.fidelis.ledger.Ledger;
import io.fidelis.ledger.TransactionKind;
import io.fidelis.member.Member;
import io.fidelis.member.MemberId;
import io.fidelis.member.Members;
import io.fidelis.program.Program;
import io.fidelis.program.Programs;
import io.fidelis.shared.BusinessException;
import io.fidelis.tier.TierUpgraded;

/**
 * Welcome rewards: a member reaching a tier that names one gets it, free, in the transaction that upgraded them. The
 * program gives the reward's cost (a gift) and the redemption spends it at once, so that the ledger shows both and the
 * catalog's stock and limits hold as for any redemption. A reward that cannot be issued (unknown, retired, out of
 * stock, not for this member, a physical gift without an address) is passed over and logged: the upgrade stands.
 */
@Component
class TierWelcomes {

	private static final Logger log = LoggerFactory.getLogger(TierWelcomes.class);

	private final Rewards rewards;
	private final Redemptions redemptions;
	private final Members members;
	private final Programs programs;
	private final Ledger ledger;
	private final TransactionTemplate savepoint;
	private final Clock clock;

	TierWelcomes(Rewards rewards, Redemptions redemptions, Members members, Programs programs, Ledger ledger,
			PlatformTransactionManager transactionManager, Clock clock) {
		this.rewards = rewards;
		this.redemptions = redemptions;
		this.members = members;
		this.programs = programs;
		this.ledger = ledger;
		this.savepoint = new TransactionTemplate(transactionManager);
		this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
		this.clock = clock;
	}

	@EventListener
	void on(TierUpgraded upgraded) {
		if (upgraded.welcomeReward() == null) {
			return;
		}
		Optional<Reward> found = rewards.find(upgraded.tenant(), upgraded.welcomeReward());
		if (found.isEmpty()) {
			log.info("Tier {} names the welcome reward {}, which does not exist", upgraded.to(),
					upgraded.welcomeReward());
			return;
		}
		Reward reward = found.get();
		Program program = programs.get(upgraded.tenant(), reward.programId());
		Member member = members.get(upgraded.tenant(), new MemberId(upgraded.memberId()));
		long cost = reward.definition().cost();
		String reference = "tier-welcome:" + upgraded.program().value() + ":" + upgraded.to() + ":" + member.id() + ":"
				+ upgraded.occurredAt().toEpochMilli();
		String name = reward.definition().name(Locale.forLanguageTag(member.locale()).getLanguage());
		try {
			// A savepoint: a refusal undoes the gift and its redemption, never the upgrade or the event behind it.
			savepoint.executeWithoutResult(status -> {
				ledger.credit(new Credit(upgraded.tenant(), program.id(), member.id().value(), cost,
						AccountKind.ISSUANCE, TransactionKind.GIFT, reference, clock.instant(), null, null,
						new Explanation("gift.tier-welcome", Map.of("points", Long.toString(cost),
								ExplanationTexts.UNIT, program.kind().unit(), "tier", upgraded.to(), "reward",
								name))));
				redemptions.redeemWithin(upgraded.tenant(), member, reward, 1, null, reference,
						"redemption.tier-welcome");
			});
		}
		catch (BusinessException refused) {
			log.info("Welcome reward {} of tier {} not given to member {}: {}", reward.code(), upgraded.to(),
					member.id(), refused.getMessage());
		}
	}
}
