package io.fidelis.reward;

import java.math.BigDecimal;
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
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.fidelis.ledger.AccountKind;
import io.fidelis.ledger.Credit;
import io.fidelis.ledger.Debit;
import io.fidelis.ledger.Explanation;
import io.fidelis.ledger.ExplanationTexts;
import io.fidelis.ledger.Ledger;
import io.fidelis.ledger.Posted;
import io.fidelis.ledger.TransactionKind;
import io.fidelis.member.MemberSegments;
import io.fidelis.member.Member;
import io.fidelis.member.MemberLabels;
import io.fidelis.program.Program;
import io.fidelis.program.ProgramId;
import io.fidelis.program.Programs;
import io.fidelis.shared.BusinessException;
import io.fidelis.shared.ErrorCode;
import io.fidelis.shared.Ids;
import io.fidelis.shared.PageRequest;
import io.fidelis.shared.TenantId;
import io.fidelis.shared.Timestamps;
import io.fidelis.tier.MemberTiers;
import io.fidelis.tier.Tier;

/**
 * Members spending units on rewards, and rules granting rewards ({@link Cancellations} undoes them). A redemption is
 * one database transaction: the debit (which locks the member's account, so one member's redemptions take turns and
 * the per-member limit holds), the stock (a conditional update, so it is never exceeded), and what the reward gives.
 */
@Service
class Redemptions {

	private static final String COLUMNS = """
			id, reward_id, member_id, quantity, cancelled, points, transaction_id, credit_program_id, credit_units,
			granted_by, created_at""";

	private final Rewards rewards;
	private final RewardChecks checks;
	private final Vouchers vouchers;
	private final GiftOrders giftOrders;
	private final Programs programs;
	private final MemberLabels memberLabels;
	private final MemberTiers memberTiers;
	private final MemberSegments memberSegments;
	private final Ledger ledger;
	private final JdbcClient jdbc;
	private final Clock clock;

	Redemptions(Rewards rewards, RewardChecks checks, Vouchers vouchers, GiftOrders giftOrders, Programs programs,
			MemberLabels memberLabels, MemberTiers memberTiers, MemberSegments memberSegments, Ledger ledger,
			JdbcClient jdbc, Clock clock) {
		this.rewards = rewards;
		this.checks = checks;
		this.vouchers = vouchers;
		this.giftOrders = giftOrders;
		this.programs = programs;
		this.memberLabels = memberLabels;
		this.memberTiers = memberTiers;
		this.memberSegments = memberSegments;
		this.ledger = ledger;
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/**
	 * Spends the member's units on {@code quantity} of the reward and gives what it gives.
	 *
	 * @param shipping where a physical gift goes (required for one, refused for others)
	 */
	@Transactional
	Redemption redeem(TenantId tenant, Member member, Reward reward, int quantity, Shipping shipping,
			String reference) {
		return redeemWithin(tenant, member, reward, quantity, shipping, reference, "redemption.reward");
	}

	/**
	 * {@link #redeem} in the caller's transaction, with the explanation {@code explanationCode}: for a caller that
	 * redeems on the member's behalf inside other work, under a savepoint it can roll back to (see {@link StampCards}).
	 */
	Redemption redeemWithin(TenantId tenant, Member member, Reward reward, int quantity, Shipping shipping,
			String reference, String explanationCode) {
		Instant now = clock.instant();
		refuseIfUnavailable(reward, now);
		RewardDefinition definition = reward.definition();
		if (definition.type() == RewardType.PHYSICAL_GIFT && shipping == null) {
			throw BusinessException.invalid("shipping", "is required for a physical gift");
		}
		if (definition.type() != RewardType.PHYSICAL_GIFT && shipping != null) {
			throw BusinessException.invalid("shipping", "applies to physical gifts only");
		}
		refuseIfIneligible(tenant, member, reward);
		Program program = programs.get(tenant, reward.programId());
		long points = Math.multiplyExact(definition.cost(), quantity);
		String language = Locale.forLanguageTag(member.locale()).getLanguage();
		Posted debited = ledger.debit(new Debit(tenant, program.id(), member.id().value(), points,
				AccountKind.REDEMPTION, TransactionKind.REDEMPTION, reference, now,
				new Explanation(explanationCode, Map.of("points", Long.toString(points), ExplanationTexts.UNIT,
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
		return give(tenant, member, reward, quantity, shipping, reference, points, debited.transactionId(), null, now);
	}

	/**
	 * Gives the member {@code quantity} of the reward, free, because {@code grantedBy} (a rule) says so: in the
	 * caller's transaction, under a savepoint the caller rolls back to if it is refused (see {@link RewardGrants}).
	 * The stock holds; the per-member limit and the eligibility are for redemptions, and the rule decided.
	 */
	Redemption grantWithin(TenantId tenant, Member member, Reward reward, int quantity, String reference,
			String grantedBy) {
		Instant now = clock.instant();
		refuseIfUnavailable(reward, now);
		if (reward.definition().type() == RewardType.PHYSICAL_GIFT) {
			throw new IllegalArgumentException("a physical gift needs an address: it is redeemed, not granted");
		}
		return give(tenant, member, reward, quantity, null, reference, 0, null, grantedBy, now);
	}

	/** What a reward gives, counted against its stock: vouchers, a gift order, credit in a cashback program. */
	private Redemption give(TenantId tenant, Member member, Reward reward, int quantity, Shipping shipping,
			String reference, long points, UUID transactionId, String grantedBy, Instant now) {
		RewardDefinition definition = reward.definition();
		Program program = programs.get(tenant, reward.programId());
		if (!rewards.issue(reward.id(), quantity)) {
			throw new BusinessException(ErrorCode.OUT_OF_STOCK,
					"Fewer than " + quantity + " of reward '" + reward.code() + "' are left");
		}
		UUID id = Ids.newId(clock);
		RewardChecks.CashbackCredit credit = definition.type() == RewardType.CASHBACK_CREDIT
				? checks.cashbackUnits(tenant, definition.cashback()) : null;
		Long creditUnits = credit == null ? null : Math.multiplyExact(credit.units(), quantity);
		jdbc.sql("""
				INSERT INTO redemption (id, tenant_id, reward_id, member_id, quantity, points, transaction_id,
				credit_program_id, credit_units, granted_by, created_at)
				VALUES (:id, :tenant, :reward, :member, :quantity, :points, :transaction, :creditProgram, :creditUnits,
				:grantedBy, :now)""")
			.param("id", id)
			.param("tenant", tenant.value())
			.param("reward", reward.id())
			.param("member", member.id().value())
			.param("quantity", quantity)
			.param("points", points)
			.param("transaction", transactionId)
			.param("creditProgram", credit == null ? null : credit.wallet().id().value())
			.param("creditUnits", creditUnits)
			.param("grantedBy", grantedBy)
			.param("now", Timestamps.sql(now))
			.update();
		List<Voucher> issued = new ArrayList<>();
		if (definition.type().issuesVouchers()) {
			VoucherOffer offer = VoucherOffer.of(definition, program.currency());
			Instant expiresAt = voucherExpiry(definition, now);
			for (int i = 0; i < quantity; i++) {
				issued.add(vouchers.issue(tenant, id, reward, member.id().value(), offer, expiresAt));
			}
		}
		List<GiftOrder> orders = definition.type() == RewardType.PHYSICAL_GIFT
				? List.of(giftOrders.place(tenant, id, reward.id(), member.id().value(), quantity, shipping))
				: List.of();
		if (credit != null) {
			Program wallet = credit.wallet();
			String amount = Amounts.text(wallet.unitValue().multiply(BigDecimal.valueOf(creditUnits)),
					wallet.currency()) + " " + wallet.currency().getCurrencyCode();
			Explanation explanation = grantedBy == null
					? new Explanation("conversion.cashback", Map.of("points", Long.toString(points),
							ExplanationTexts.UNIT, program.kind().unit(), "credit", amount))
					: new Explanation("grant.cashback", Map.of("credit", amount, "reason", grantedBy));
			ledger.credit(new Credit(tenant, wallet.id(), member.id().value(), creditUnits, AccountKind.ISSUANCE,
					TransactionKind.CONVERSION, reference, now, wallet.expiresAt(now).orElse(null), null,
					explanation));
		}
		return new Redemption(id, reward.id(), member.id().value(), quantity, 0, points, transactionId, now, issued,
				orders, credit == null ? null : credit.wallet().id(), creditUnits, grantedBy);
	}

	/** Vouchers last their validity days; an experience's tickets last until the event is over, at most. */
	private static Instant voucherExpiry(RewardDefinition definition, Instant now) {
		RewardDefinition.VoucherTerms terms = definition.voucher();
		Instant expiresAt = terms == null || terms.validDays() == null ? null
				: now.plus(Duration.ofDays(terms.validDays()));
		if (definition.experience() != null) {
			Instant over = Reward.eventOver(definition.experience());
			expiresAt = expiresAt == null || over.isBefore(expiresAt) ? over : expiresAt;
		}
		return expiresAt;
	}

	private void refuseIfIneligible(TenantId tenant, Member member, Reward reward) {
		RewardDefinition.Eligibility eligibility = reward.definition().eligibility();
		if (eligibility == null) {
			return;
		}
		String failure = eligibility.labels() == null ? null
				: eligibility.labels().failure(Set.copyOf(memberLabels.of(tenant, member.id())));
		if (failure == null && eligibility.tiers() != null) {
			Optional<String> tier = memberTiers.current(tenant, reward.programId(), member.id().value())
				.map(Tier::code);
			failure = tier.isEmpty() ? "the program has no tiers"
					: eligibility.tiers().contains(tier.get()) ? null
							: "the member's tier " + tier.get() + " is not one of " + eligibility.tiers();
		}
		if (failure == null && eligibility.segments() != null) {
			Optional<String> segment = memberSegments.of(tenant, member.id().value());
			failure = segment.isEmpty() ? "the member is in no segment"
					: eligibility.segments().contains(segment.get()) ? null
							: "the member's segment " + segment.get() + " is not one of " + eligibility.segments();
		}
		if (failure != null) {
			throw new BusinessException(ErrorCode.MEMBER_NOT_ELIGIBLE,
					"Reward '" + reward.code() + "' is not for this member: " + failure);
		}
	}

	/** Counts {@code quantity} more of the redemption as cancelled (never more than it had). */
	void markCancelled(UUID redemptionId, int quantity) {
		jdbc.sql("UPDATE redemption SET cancelled = cancelled + :quantity WHERE id = :id")
			.param("quantity", quantity)
			.param("id", redemptionId)
			.update();
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
			.query(Redemptions::redemption)
			.list()
			.stream()
			.map(redemption -> withWhatItGave(tenant, redemption))
			.toList();
	}

	Redemption get(TenantId tenant, UUID id) {
		return jdbc.sql("SELECT " + COLUMNS + " FROM redemption WHERE tenant_id = :tenant AND id = :id")
			.param("tenant", tenant.value())
			.param("id", id)
			.query(Redemptions::redemption)
			.optional()
			.map(redemption -> withWhatItGave(tenant, redemption))
			.orElseThrow(() -> new IllegalStateException("no redemption " + id));
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

	/** A redemption as its row holds it; {@link #withWhatItGave} adds its vouchers and gift orders. */
	private static Redemption redemption(ResultSet rs, int row) throws SQLException {
		UUID creditProgram = rs.getObject("credit_program_id", UUID.class);
		return new Redemption(rs.getObject("id", UUID.class), rs.getObject("reward_id", UUID.class),
				rs.getObject("member_id", UUID.class), rs.getInt("quantity"), rs.getInt("cancelled"),
				rs.getLong("points"), rs.getObject("transaction_id", UUID.class),
				Timestamps.instant(rs.getObject("created_at", OffsetDateTime.class)), List.of(), List.of(),
				creditProgram == null ? null : new ProgramId(creditProgram),
				(Long) rs.getObject("credit_units", Long.class), rs.getString("granted_by"));
	}

	/** Read once the redemption's own rows are read, rather than while their result set is open. */
	private Redemption withWhatItGave(TenantId tenant, Redemption redemption) {
		return new Redemption(redemption.id(), redemption.rewardId(), redemption.memberId(), redemption.quantity(),
				redemption.cancelled(), redemption.points(), redemption.transactionId(), redemption.createdAt(),
				vouchers.ofRedemption(tenant, redemption.id()), giftOrders.ofRedemption(tenant, redemption.id()),
				redemption.creditProgram(), redemption.creditUnits(), redemption.grantedBy());
	}
}
