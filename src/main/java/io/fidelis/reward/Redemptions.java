package io.fidelis.reward;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.fidelis.ledger.AccountKind;
import io.fidelis.ledger.Debit;
import io.fidelis.ledger.Explanation;
import io.fidelis.ledger.ExplanationTexts;
import io.fidelis.ledger.Ledger;
import io.fidelis.ledger.Posted;
import io.fidelis.ledger.Reversal;
import io.fidelis.ledger.TransactionKind;
import io.fidelis.member.Member;
import io.fidelis.program.Program;
import io.fidelis.program.Programs;
import io.fidelis.shared.BusinessException;
import io.fidelis.shared.ErrorCode;
import io.fidelis.shared.Ids;
import io.fidelis.shared.PageRequest;
import io.fidelis.shared.TenantId;
import io.fidelis.shared.Timestamps;

/**
 * Members spending units on rewards, and cancelling what they have not used. A redemption is one database
 * transaction: the debit (which locks the member's account, so one member's redemptions take turns and the
 * per-member limit holds), the stock (a conditional update, so it is never exceeded), and what the reward gives.
 */
@Service
class Redemptions {

	private static final String COLUMNS = """
			id, reward_id, member_id, quantity, cancelled, points, transaction_id, created_at""";

	private final Rewards rewards;
	private final Vouchers vouchers;
	private final Programs programs;
	private final Ledger ledger;
	private final JdbcClient jdbc;
	private final Clock clock;

	Redemptions(Rewards rewards, Vouchers vouchers, Programs programs, Ledger ledger, JdbcClient jdbc, Clock clock) {
		this.rewards = rewards;
		this.vouchers = vouchers;
		this.programs = programs;
		this.ledger = ledger;
		this.jdbc = jdbc;
		this.clock = clock;
	}

	@Transactional
	Redemption redeem(TenantId tenant, Member member, Reward reward, int quantity, String reference) {
		Instant now = clock.instant();
		refuseIfUnavailable(reward, now);
		Program program = programs.get(tenant, reward.programId());
		RewardDefinition definition = reward.definition();
		long points = Math.multiplyExact(definition.cost(), quantity);
		String language = Locale.forLanguageTag(member.locale()).getLanguage();
		Posted debited = ledger.debit(new Debit(tenant, program.id(), member.id().value(), points,
				AccountKind.REDEMPTION, TransactionKind.REDEMPTION, reference, now,
				new Explanation("redemption.reward", Map.of("points", Long.toString(points), ExplanationTexts.UNIT,
						program.kind().unit(), "quantity", Integer.toString(quantity), "reward",
						definition.name(language)))));
		// Under the member's account lock, taken by the debit: no other redemption of theirs counts meanwhile.
		if (definition.perMemberLimit() != null) {
			int already = redeemedBy(tenant, member.id().value(), reward.id());
			if (already + quantity > definition.perMemberLimit()) {
				throw new BusinessException(ErrorCode.REDEMPTION_LIMIT_REACHED,
						"The member has redeemed " + already + " of the " + definition.perMemberLimit() + " allowed");
			}
		}
		if (!rewards.issue(reward.id(), quantity)) {
			throw new BusinessException(ErrorCode.OUT_OF_STOCK,
					"Fewer than " + quantity + " of reward '" + reward.code() + "' are left");
		}
		UUID id = Ids.newId(clock);
		jdbc.sql("""
				INSERT INTO redemption (id, tenant_id, reward_id, member_id, quantity, points, transaction_id,
				created_at)
				VALUES (:id, :tenant, :reward, :member, :quantity, :points, :transaction, :now)""")
			.param("id", id)
			.param("tenant", tenant.value())
			.param("reward", reward.id())
			.param("member", member.id().value())
			.param("quantity", quantity)
			.param("points", points)
			.param("transaction", debited.transactionId())
			.param("now", Timestamps.sql(now))
			.update();
		VoucherOffer offer = VoucherOffer.of(definition, program.currency());
		RewardDefinition.VoucherTerms terms = definition.voucher();
		Instant expiresAt = terms == null || terms.validDays() == null ? null
				: now.plus(Duration.ofDays(terms.validDays()));
		List<Voucher> issued = new ArrayList<>();
		for (int i = 0; i < quantity; i++) {
			issued.add(vouchers.issue(tenant, id, reward, member.id().value(), offer, expiresAt));
		}
		return new Redemption(id, reward.id(), member.id().value(), quantity, 0, points, debited.transactionId(), now,
				issued);
	}

	/**
	 * Cancels an unused voucher: its share of the redemption's units goes back to the member (into the lots it came
	 * from) and it goes back in stock.
	 */
	@Transactional
	Voucher cancel(TenantId tenant, String code, String reference) {
		Voucher voucher = vouchers.lock(tenant, code);
		VoucherUses.refuseIfUnusable(voucher, clock.instant());
		Redemption redemption = get(tenant, voucher.redemptionId());
		Reward reward = rewards.get(tenant, voucher.rewardId());
		Program program = programs.get(tenant, reward.programId());
		long points = redemption.points() / redemption.quantity();
		ledger.reverse(new Reversal(tenant, redemption.transactionId(), points, reference, clock.instant(),
				new Explanation("redemption.cancelled", Map.of("points", Long.toString(points),
						ExplanationTexts.UNIT, program.kind().unit(), "voucher", voucher.code()))));
		vouchers.markCancelled(voucher);
		jdbc.sql("UPDATE redemption SET cancelled = cancelled + 1 WHERE id = :id")
			.param("id", redemption.id())
			.update();
		rewards.restock(reward.id(), 1);
		return vouchers.get(tenant, code);
	}

	/** A page of the member's redemptions, newest first. */
	List<Redemption> ofMember(TenantId tenant, UUID memberId, PageRequest page) {
		return jdbc.sql("SELECT " + COLUMNS + " FROM redemption WHERE tenant_id = :tenant AND member_id = :member"
				+ page.condition("created_at", "id") + " ORDER BY created_at DESC, id DESC LIMIT :limit")
			.param("tenant", tenant.value())
			.param("member", memberId)
			.param("before", Timestamps.sql(page.before()))
			.param("beforeId", page.beforeId())
			.param("limit", page.fetchSize())
			.query((rs, n) -> redemption(tenant, rs))
			.list();
	}

	private Redemption get(TenantId tenant, UUID id) {
		return jdbc.sql("SELECT " + COLUMNS + " FROM redemption WHERE tenant_id = :tenant AND id = :id")
			.param("tenant", tenant.value())
			.param("id", id)
			.query((rs, n) -> redemption(tenant, rs))
			.single();
	}

	private int redeemedBy(TenantId tenant, UUID memberId, UUID rewardId) {
		return jdbc.sql("""
				SELECT COALESCE(SUM(quantity - cancelled), 0) FROM redemption
				WHERE tenant_id = :tenant AND member_id = :member AND reward_id = :reward""")
			.param("tenant", tenant.value())
			.param("member", memberId)
			.param("reward", rewardId)
			.query(Integer.class)
			.single();
	}

	private static void refuseIfUnavailable(Reward reward, Instant now) {
		switch (reward.status(now)) {
			case RETIRED -> throw new BusinessException(ErrorCode.REWARD_RETIRED,
					"Reward '" + reward.code() + "' was retired from the catalog");
			case SCHEDULED -> throw new BusinessException(ErrorCode.REWARD_NOT_YET_VALID,
					"Reward '" + reward.code() + "' can be redeemed from " + reward.definition().validFrom());
			case ENDED -> throw new BusinessException(ErrorCode.REWARD_ENDED,
					"Reward '" + reward.code() + "' could be redeemed until " + reward.definition().validUntil());
			case SOLD_OUT -> throw new BusinessException(ErrorCode.OUT_OF_STOCK,
					"Reward '" + reward.code() + "' is out of stock");
			case AVAILABLE -> {
			}
		}
	}

	private Redemption redemption(TenantId tenant, ResultSet rs) throws SQLException {
		UUID id = rs.getObject("id", UUID.class);
		return new Redemption(id, rs.getObject("reward_id", UUID.class), rs.getObject("member_id", UUID.class),
				rs.getInt("quantity"), rs.getInt("cancelled"), rs.getLong("points"),
				rs.getObject("transaction_id", UUID.class),
				Timestamps.instant(rs.getObject("created_at", OffsetDateTime.class)),
				vouchers.ofRedemption(tenant, id));
	}
}
