package io.fidelis.reward;

import java.math.BigDecimal;
import java.util.Locale;

import org.springframework.stereotype.Component;

import io.fidelis.member.MemberSegments;
import io.fidelis.program.Program;
import io.fidelis.program.ProgramKind;
import io.fidelis.program.Programs;
import io.fidelis.shared.BusinessException;
import io.fidelis.shared.Money;
import io.fidelis.shared.TenantId;

/**
 * The checks of a reward's definition that need more than one field, or other programs: what its type needs, what
 * belongs to another type, dates that follow each other.
 */
@Component
class RewardChecks {

	private final Programs programs;

	private final MemberSegments segments;

	RewardChecks(Programs programs, MemberSegments segments) {
		this.programs = programs;
		this.segments = segments;
	}

	void check(TenantId tenant, RewardDefinition definition, Program program) {
		RewardType type = definition.type();
		if (definition.texts().en() == null && definition.texts().fr() == null) {
			throw BusinessException.invalid("texts", "must have an English or a French name");
		}
		if (definition.validFrom() != null && definition.validUntil() != null
				&& !definition.validUntil().isAfter(definition.validFrom())) {
			throw BusinessException.invalid("validUntil", "must be after validFrom");
		}
		onlyFor(type, "discount", definition.discount(), RewardType.DISCOUNT_VOUCHER);
		onlyFor(type, "sku", definition.sku(), RewardType.FREE_PRODUCT);
		onlyFor(type, "category", definition.category(), RewardType.CHEAPEST_ITEM_FREE);
		onlyFor(type, "cashback", definition.cashback(), RewardType.CASHBACK_CREDIT);
		onlyFor(type, "experience", definition.experience(), RewardType.EXPERIENCE);
		if (!type.issuesVouchers() && definition.voucher() != null) {
			throw BusinessException.invalid("voucher", "applies to rewards that issue vouchers only");
		}
		if (!type.issuesVouchers() && definition.cashPrice() != null) {
			throw BusinessException.invalid("cashPrice", "applies to rewards that issue vouchers only");
		}
		RewardDefinition.Eligibility eligibility = definition.eligibility();
		if (eligibility != null && eligibility.labels() == null && eligibility.tiers() == null
				&& eligibility.segments() == null) {
			throw BusinessException.invalid("eligibility", "must name labels, tiers or segments");
		}
		if (eligibility != null && eligibility.labels() != null && eligibility.labels().empty()) {
			throw BusinessException.invalid("eligibility.labels", "must name at least one label");
		}
		if (eligibility != null && eligibility.tiers() != null && eligibility.tiers().isEmpty()) {
			throw BusinessException.invalid("eligibility.tiers", "must name at least one tier");
		}
		segments.requireKnown("eligibility.segments", eligibility == null ? null : eligibility.segments());
		if (definition.isAutomatic() && program.kind() != ProgramKind.STAMPS) {
			throw BusinessException.invalid("automatic", "applies to rewards of a stamps program only");
		}
		if (definition.isAutomatic() && type == RewardType.PHYSICAL_GIFT) {
			throw BusinessException.invalid("automatic", "a physical gift needs an address: it cannot be automatic");
		}
		if (type.issuesVouchers()) {
			VoucherOffer.of(definition, program.currency());
		}
		if (type == RewardType.CASHBACK_CREDIT) {
			cashbackUnits(tenant, definition.cashback());
		}
		if (type == RewardType.EXPERIENCE) {
			RewardDefinition.Experience experience = definition.experience();
			if (experience == null) {
				throw BusinessException.invalid("experience", "is required for an experience");
			}
			if (experience.endsAt() != null && !experience.endsAt().isAfter(experience.startsAt())) {
				throw BusinessException.invalid("experience.endsAt", "must be after experience.startsAt");
			}
			if (definition.stock() == null) {
				throw BusinessException.invalid("stock", "is required for an experience: it is its capacity");
			}
		}
	}

	/**
	 * The wallet a cashback credit goes to and how many of its units the credit is.
	 *
	 * @return the units of the cashback program that {@code cashback.amount()} makes
	 */
	CashbackCredit cashbackUnits(TenantId tenant, RewardDefinition.Cashback cashback) {
		if (cashback == null) {
			throw BusinessException.invalid("cashback", "is required for a cashback credit");
		}
		Program wallet = programs.find(tenant, cashback.program())
			.orElseThrow(() -> BusinessException.invalid("cashback.program",
					"no program with code '" + cashback.program() + "'"));
		if (wallet.kind() != ProgramKind.CASHBACK) {
			throw BusinessException.invalid("cashback.program", "'" + wallet.code() + "' is not a cashback program");
		}
		Money amount = Money.parse(cashback.amount(), wallet.currency(), "cashback.amount");
		BigDecimal[] units = amount.majorUnits().divideAndRemainder(wallet.unitValue());
		if (units[1].signum() != 0) {
			throw BusinessException.invalid("cashback.amount",
					"must be a whole number of units of " + wallet.unitValue() + " " + wallet.currency());
		}
		return new CashbackCredit(wallet, units[0].longValueExact());
	}

	/** {@code units} units of the cashback program {@code wallet}. */
	record CashbackCredit(Program wallet, long units) {
	}

	/** A field that belongs to one type must not come with another. */
	private static void onlyFor(RewardType type, String field, Object value, RewardType owner) {
		if (value != null && type != owner) {
			throw BusinessException.invalid(field,
					"applies to " + owner.name().toLowerCase(Locale.ROOT) + " rewards only");
		}
	}
}
