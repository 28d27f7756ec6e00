package io.fidelis.analytics;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A period's KPIs and their formulas. Rates are shares from 0 to 1 (four decimals), money is in major units of the
 * program's currency; a figure whose denominator is zero is null (no figure), never zero.
 *
 * @param enrolments members enrolled in the period
 * @param activeMembers members with at least one purchase in the period
 * @param retentionRate members active in the period and in the previous one ÷ members active in the previous one
 * @param repeatPurchaseRate active members with two purchases or more ÷ active members
 * @param purchaseFrequency members' purchases ÷ active members
 * @param memberAverageOrderValue members' revenue ÷ members' purchases
 * @param nonMemberAverageOrderValue anonymous revenue ÷ anonymous purchases
 * @param historicLifetimeValue members' revenue up to the period's end ÷ members enrolled by then
 * @param projectedLifetimeValue member AOV × yearly purchase frequency × expected lifetime in years, where the
 *        yearly frequency is the period's frequency × 365 ÷ its days, the yearly retention is the retention rate to
 *        the power 365 ÷ days, and the expected lifetime is 1 ÷ (1 − yearly retention), at most
 *        {@value #MAX_LIFETIME_YEARS} years
 * @param acquisitionCost the operator's costs of the period ÷ enrolments
 * @param unitsIssued units issued in the period, net of clawbacks
 * @param unitsRedeemed units redeemed in the period, net of cancellations
 * @param unitsExpired units expired in the period
 * @param redemptionRate units redeemed ÷ units issued, in the period
 * @param breakageRate units expired ÷ units issued, in the period
 * @param expectedBreakageRate units expired ÷ (expired + redeemed) up to the period's end: the share of the units
 *        settled so far that expired, expected of the outstanding units too
 * @param outstandingUnits units members hold at the period's end
 * @param liability outstanding units × unit value × (1 − expected breakage rate)
 * @param enteredCost the operator's cost entries of the period
 * @param rewardsCost units redeemed in the period × unit value
 * @param programCost entered cost + rewards cost
 * @param incrementalRevenue members' purchases × (member AOV − non-member AOV): what members spent beyond the
 *        baseline of an anonymous basket
 * @param returnOnInvestment (incremental revenue − program cost) ÷ program cost
 */
public record Kpis(long enrolments, long activeMembers, BigDecimal retentionRate, BigDecimal repeatPurchaseRate,
		BigDecimal purchaseFrequency, BigDecimal memberAverageOrderValue, BigDecimal nonMemberAverageOrderValue,
		BigDecimal historicLifetimeValue, BigDecimal projectedLifetimeValue, BigDecimal acquisitionCost,
		long unitsIssued, long unitsRedeemed, long unitsExpired, BigDecimal redemptionRate, BigDecimal breakageRate,
		BigDecimal expectedBreakageRate, long outstandingUnits, BigDecimal liability, BigDecimal enteredCost,
		BigDecimal rewardsCost, BigDecimal programCost, BigDecimal incrementalRevenue,
		BigDecimal returnOnInvestment) {

	/** Sanity: members who keep coming back every year would otherwise be worth forever. */
	static final int MAX_LIFETIME_YEARS = 10;

	static final String LIFETIME_VALUE_MODEL = "projected lifetime value = member average order value"
			+ " × yearly purchase frequency (period frequency × 365 ÷ days) × expected lifetime in years"
			+ " (1 ÷ (1 − yearly retention), yearly retention = retention rate ^ (365 ÷ days), at most "
			+ MAX_LIFETIME_YEARS + " years)";

	static final String ROI_METHOD = "incremental revenue = members' purchases × (member average order value"
			+ " − non-member average order value); program cost = the operator's cost entries (months prorated by"
			+ " their days in the period) + units redeemed × unit value; ROI = (incremental revenue − program cost)"
			+ " ÷ program cost";

	private static final int RATE_SCALE = 4;
	private static final MathContext PRECISION = MathContext.DECIMAL64;

	static Kpis of(PeriodFacts facts) {
		int money = facts.fractionDigits();
		BigDecimal memberAov = ratio(facts.memberRevenueMinor(), facts.memberOrders());
		BigDecimal nonMemberAov = ratio(facts.anonymousRevenueMinor(), facts.anonymousOrders());
		BigDecimal retention = rate(facts.retained(), facts.previouslyActive());
		BigDecimal frequency = ratio(facts.memberOrders(), facts.activeMembers());
		BigDecimal enteredCost = major(BigDecimal.valueOf(facts.enteredCostMinor()), money);
		BigDecimal rewardsCost = facts.unitValue().multiply(BigDecimal.valueOf(facts.redeemed()));
		BigDecimal programCost = enteredCost.add(rewardsCost);
		BigDecimal expectedBreakage = expectedBreakageRate(facts.lifetimeRedeemed(), facts.lifetimeExpired());
		BigDecimal incremental = memberAov == null || nonMemberAov == null ? null
				: memberAov.subtract(nonMemberAov).multiply(BigDecimal.valueOf(facts.memberOrders()));
		BigDecimal roi = incremental == null || programCost.signum() == 0 ? null
				: incremental.movePointLeft(money).subtract(programCost).divide(programCost, RATE_SCALE,
						RoundingMode.HALF_UP);
		return new Kpis(facts.enrolments(), facts.activeMembers(), retention,
				rate(facts.repeaters(), facts.activeMembers()), scaled(frequency, 2), major(memberAov, money),
				major(nonMemberAov, money), major(ratio(facts.lifetimeMemberRevenueMinor(), facts.members()), money),
				major(projectedLifetimeValue(memberAov, frequency, retention, facts.days()), money),
				major(ratio(facts.enteredCostMinor(), facts.enrolments()), money), facts.issued(), facts.redeemed(),
				facts.expired(), rate(facts.redeemed(), facts.issued()), rate(facts.expired(), facts.issued()),
				expectedBreakage, facts.outstanding(),
				liability(facts.unitValue(), facts.outstanding(), expectedBreakage, money), enteredCost,
				scaled(rewardsCost, money), scaled(programCost, money), major(incremental, money), roi);
	}

	/** The share of the units settled so far (redeemed or expired) that expired; 0 before any settled. */
	static BigDecimal expectedBreakageRate(long redeemed, long expired) {
		return redeemed + expired == 0 ? BigDecimal.ZERO.setScale(RATE_SCALE) : rate(expired, redeemed + expired);
	}

	/** What the outstanding units are worth, less those expected to expire, in major units. */
	static BigDecimal liability(BigDecimal unitValue, long outstanding, BigDecimal expectedBreakageRate,
			int fractionDigits) {
		return unitValue.multiply(BigDecimal.valueOf(outstanding))
			.multiply(BigDecimal.ONE.subtract(expectedBreakageRate))
			.setScale(fractionDigits, RoundingMode.HALF_UP);
	}

	/** In minor units; null without a retention rate or purchases. */
	static BigDecimal projectedLifetimeValue(BigDecimal averageOrderValue, BigDecimal frequency, BigDecimal retention,
			long days) {
		if (averageOrderValue == null || frequency == null || retention == null) {
			return null;
		}
		double yearsPerPeriod = 365.0 / days;
		double yearlyRetention = Math.pow(retention.doubleValue(), yearsPerPeriod);
		double lifetimeYears = yearlyRetention >= 1 - 1.0 / MAX_LIFETIME_YEARS ? MAX_LIFETIME_YEARS
				: 1 / (1 - yearlyRetention);
		return averageOrderValue.multiply(frequency)
			.multiply(BigDecimal.valueOf(yearsPerPeriod * lifetimeYears), PRECISION);
	}

	/** Each figure's relative change from {@code previous}: (now − then) ÷ then; null when either is null or 0. */
	Map<String, BigDecimal> changeFrom(Kpis previous) {
		Map<String, BigDecimal> change = new LinkedHashMap<>();
		Arrays.stream(Kpis.class.getRecordComponents()).forEach(component -> {
			try {
				BigDecimal now = decimal(component.getAccessor().invoke(this));
				BigDecimal then = decimal(component.getAccessor().invoke(previous));
				change.put(component.getName(), now == null || then == null || then.signum() == 0 ? null
						: now.subtract(then).divide(then.abs(), RATE_SCALE, RoundingMode.HALF_UP));
			}
			catch (ReflectiveOperationException impossible) {
				throw new IllegalStateException(impossible);
			}
		});
		return change;
	}

	private static BigDecimal decimal(Object figure) {
		return figure instanceof Long count ? BigDecimal.valueOf(count) : (BigDecimal) figure;
	}

	static BigDecimal rate(long part, long whole) {
		return whole == 0 ? null
				: BigDecimal.valueOf(part).divide(BigDecimal.valueOf(whole), RATE_SCALE, RoundingMode.HALF_UP);
	}

	private static BigDecimal ratio(long part, long whole) {
		return whole == 0 ? null : BigDecimal.valueOf(part).divide(BigDecimal.valueOf(whole), PRECISION);
	}

	private static BigDecimal major(BigDecimal minor, int fractionDigits) {
		return minor == null ? null : minor.movePointLeft(fractionDigits).setScale(fractionDigits, RoundingMode.HALF_UP);
	}

	private static BigDecimal scaled(BigDecimal value, int scale) {
		return value == null ? null : value.setScale(scale, RoundingMode.HALF_UP);
	}
}
