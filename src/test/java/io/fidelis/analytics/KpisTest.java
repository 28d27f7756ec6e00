package io.fidelis.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * Every KPI's formula on one hand-computed period of 365 days, in EUR with a point worth a cent:
 * <pre>
 *   enrolled 40 in the period, 200 by its end; 50 buyers, 40 in the previous period, 30 of them in both;
 *   20 buyers bought twice or more; members: 100 purchases for 5,000.00; anonymous: 80 for 2,400.00;
 *   members spent 20,000.00 up to the period's end; units issued 10,000, redeemed 4,000, expired 1,000;
 *   20,000 outstanding; up to the end 30,000 redeemed and 10,000 expired; entered cost 1,000.00.
 * </pre>
 */
class KpisTest {

	private static PeriodFacts facts(long days, long retained, long previouslyActive, long enteredCostMinor) {
		return new PeriodFacts(days, 40, 200, 50, previouslyActive, retained, 20, 100, 500_000, 80, 240_000,
				2_000_000, 10_000, 4_000, 1_000, 20_000, 30_000, 10_000, enteredCostMinor, new BigDecimal("0.01"), 2);
	}

	private static final Kpis YEAR = Kpis.of(facts(365, 30, 40, 100_000));

	@Test
	void countsEnrolmentsAndActiveMembers() {
		assertThat(YEAR.enrolments()).isEqualTo(40);
		assertThat(YEAR.activeMembers()).isEqualTo(50);
	}

	@Test
	void retentionIsTheShareOfThePreviousPeriodsBuyersWhoBoughtAgain() {
		assertThat(YEAR.retentionRate()).isEqualByComparingTo("0.75");
		assertThat(Kpis.of(facts(365, 0, 0, 0)).retentionRate()).as("no buyers before").isNull();
	}

	@Test
	void repeatPurchaseRateAndFrequencyAreOfTheActiveMembers() {
		// 20 of 50 bought twice or more; 100 purchases by 50 buyers.
		assertThat(YEAR.repeatPurchaseRate()).isEqualByComparingTo("0.40");
		assertThat(YEAR.purchaseFrequency()).isEqualByComparingTo("2.00");
	}

	@Test
	void averageOrderValuesOfMembersAndOfAnonymousSales() {
		assertThat(YEAR.memberAverageOrderValue()).isEqualByComparingTo("50.00");
		assertThat(YEAR.nonMemberAverageOrderValue()).isEqualByComparingTo("30.00");
	}

	@Test
	void historicLifetimeValueIsRevenuePerMemberEnrolled() {
		// 20,000.00 by 200 members.
		assertThat(YEAR.historicLifetimeValue()).isEqualByComparingTo("100.00");
	}

	@Test
	void projectedLifetimeValueIsAverageOrderTimesYearlyFrequencyTimesExpectedLifetime() {
		// A year: retention 0.75, lifetime 1 / 0.25 = 4 years; 50.00 × 2 a year × 4 = 400.00.
		assertThat(YEAR.projectedLifetimeValue()).isEqualByComparingTo("400.00");
		// 73 days: 5 periods a year, 10 purchases a year; yearly retention 0.8^5 = 0.32768, lifetime 1.48739 years.
		assertThat(Kpis.of(facts(73, 32, 40, 0)).projectedLifetimeValue()).isEqualByComparingTo("743.69");
		// Retention 0.95 would be 20 years: at most 10, 50.00 × 2 × 10.
		assertThat(Kpis.of(facts(365, 38, 40, 0)).projectedLifetimeValue()).isEqualByComparingTo("1000.00");
		assertThat(Kpis.of(facts(365, 40, 40, 0)).projectedLifetimeValue()).as("all stay").isEqualByComparingTo("1000.00");
		assertThat(Kpis.of(facts(365, 0, 0, 0)).projectedLifetimeValue()).as("no retention known").isNull();
	}

	@Test
	void acquisitionCostIsTheEnteredCostPerNewMember() {
		assertThat(YEAR.acquisitionCost()).isEqualByComparingTo("25.00");
		PeriodFacts nobody = new PeriodFacts(30, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 100, BigDecimal.ONE,
				2);
		assertThat(Kpis.of(nobody).acquisitionCost()).isNull();
	}

	@Test
	void redemptionAndBreakageAreSharesOfTheUnitsIssued() {
		assertThat(YEAR.redemptionRate()).isEqualByComparingTo("0.40");
		assertThat(YEAR.breakageRate()).isEqualByComparingTo("0.10");
		// Of 40,000 units settled up to the end, 10,000 expired.
		assertThat(YEAR.expectedBreakageRate()).isEqualByComparingTo("0.25");
	}

	@Test
	void liabilityIsTheOutstandingUnitsValueLessExpectedBreakage() {
		// 20,000 × 0.01 × (1 - 0.25).
		assertThat(YEAR.outstandingUnits()).isEqualTo(20_000);
		assertThat(YEAR.liability()).isEqualByComparingTo("150.00");
		assertThat(Kpis.liability(new BigDecimal("0.01"), 20_000, Kpis.expectedBreakageRate(0, 0), 2))
			.as("nothing settled yet: no breakage expected")
			.isEqualByComparingTo("200.00");
	}

	@Test
	void returnOnInvestmentIsIncrementalRevenueLessCostOverCost() {
		// Rewards: 4,000 × 0.01 = 40.00; cost 1,000.00 + 40.00.
		assertThat(YEAR.enteredCost()).isEqualByComparingTo("1000.00");
		assertThat(YEAR.rewardsCost()).isEqualByComparingTo("40.00");
		assertThat(YEAR.programCost()).isEqualByComparingTo("1040.00");
		// 100 member purchases × (50.00 - 30.00) = 2,000.00; (2,000 - 1,040) / 1,040 = 0.9231.
		assertThat(YEAR.incrementalRevenue()).isEqualByComparingTo("2000.00");
		assertThat(YEAR.returnOnInvestment()).isEqualByComparingTo("0.9231");
	}

	@Test
	void withoutAnonymousSalesThereIsNoBaselineAndNoReturnOnInvestment() {
		PeriodFacts membersOnly = new PeriodFacts(30, 1, 1, 1, 0, 0, 0, 2, 1000, 0, 0, 1000, 0, 0, 0, 0, 0, 0, 500,
				new BigDecimal("0.01"), 2);
		Kpis kpis = Kpis.of(membersOnly);
		assertThat(kpis.nonMemberAverageOrderValue()).isNull();
		assertThat(kpis.incrementalRevenue()).isNull();
		assertThat(kpis.returnOnInvestment()).isNull();
		assertThat(kpis.redemptionRate()).as("nothing issued").isNull();
	}

	@Test
	void changeIsRelativeToThePreviousFigure() {
		Kpis previous = Kpis.of(facts(365, 20, 40, 200_000));
		Map<String, BigDecimal> change = YEAR.changeFrom(previous);
		// Retention 0.75 against 0.5: +50 %; entered cost 1,000 against 2,000: -50 %; same enrolments: 0.
		assertThat(change.get("retentionRate")).isEqualByComparingTo("0.5");
		assertThat(change.get("enteredCost")).isEqualByComparingTo("-0.5");
		assertThat(change.get("enrolments")).isEqualByComparingTo("0");
		assertThat(change).containsKeys("liability", "returnOnInvestment").hasSize(Kpis.class.getRecordComponents().length);
		assertThat(YEAR.changeFrom(Kpis.of(facts(365, 0, 0, 0))).get("retentionRate")).as("no figure before").isNull();
	}
}
