package io.fidelis.reward;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import io.fidelis.member.Member;
import io.fidelis.member.MemberId;
import io.fidelis.member.Members;
import io.fidelis.tier.TierUpgraded;

/**
 * Welcome rewards: a member reaching a tier that names one gets it, free, in the transaction that upgraded them, as a
 * rule's reward is granted ({@link RewardGrants}: the stock holds, nothing is charged). A reward that cannot be given
 * (unknown, retired, out of stock, a physical gift) is passed over and logged: the upgrade stands.
 */
@Component
class TierWelcomes {

	private static final Logger log = LoggerFactory.getLogger(TierWelcomes.class);

	private final RewardGrants grants;
	private final Members members;

	TierWelcomes(RewardGrants grants, Members members) {
		this.grants = grants;
		this.members = members;
	}

	@EventListener
	void on(TierUpgraded upgraded) {
		if (upgraded.welcomeReward() == null) {
			return;
		}
		Member member = members.get(upgraded.tenant(), new MemberId(upgraded.memberId()));
		String reference = "tier-welcome:" + upgraded.program().value() + ":" + upgraded.to() + ":" + member.id() + ":"
				+ upgraded.occurredAt().toEpochMilli();
		grants.grant(upgraded.tenant(), member, upgraded.welcomeReward(), 1, reference,
				"welcome to tier '" + upgraded.to() + "'")
			.ifPresent(refusal -> log.info("Welcome reward {} of tier {} not given to member {}: {}",
					upgraded.welcomeReward(), upgraded.to(), member.id(), refusal));
	}
}
