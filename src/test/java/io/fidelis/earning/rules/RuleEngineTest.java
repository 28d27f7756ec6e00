package io.fidelis.earning.rules;

import static io.fidelis.earning.rules.RuleFixtures.PARIS;
import static io.fidelis.earning.rules.RuleFixtures.campaign;
import static io.fidelis.earning.rules.RuleFixtures.cashback;
import static io.fidelis.earning.rules.RuleFixtures.fixed;
import static io.fidelis.earning.rules.RuleFixtures.labels;
import static io.fidelis.earning.rules.RuleFixtures.multiplier;
import static io.fidelis.earning.rules.RuleFixtures.perAmount;
import static io.fidelis.earning.rules.RuleFixtures.perFull;
import static io.fidelis.earning.rules.RuleFixtures.perItem;
import static io.fidelis.earning.rules.RuleFixtures.pointsPer;
import static io.fidelis.earning.rules.RuleFixtures.program;
import static io.fidelis.earning.rules.RuleFixtures.rule;
import static io.fidelis.earning.rules.RuleFixtures.stamps;
import static io.fidelis.earning.rules.RuleFixtures.timesPer;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Currency;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import io.fidelis.member.Labels;
import org.junit.jupiter.api.Test;

import io.fidelis.earning.rules.RuleFixtures.RuleBuilder;
import io.fidelis.program.Program;
import io.fidelis.program.ProgramKind;
import io.fidelis.shared.Money;

class RuleEngineTest {

	/** A Wednesday, noon in Paris. */
	private static final String NOON = "2026-06-10T10:00:00Z";
	/** Friday 23:30 in UTC, already Saturday 00:30 in Paris. */
	private static final String FRIDAY_LATE_UTC = "2026-01-09T23:30:00Z";

	private final CountingLimitGate gate = new CountingLimitGate();

	// Conditions

	@Test
	void minAmountHoldsFromTheMinimumAndSaysWhenTheAmountIsBelow() {
		RuleBuilder rule = rule("big basket").minAmount("20.00");

		assertFired(only(rule, purchase("20.00")), 10);
		assertSkipped(only(rule, purchase("19.99")), "the amount 19.99 EUR is below 20.00 EUR");
	}

	@Test
	void maxAmountHoldsUpToTheMaximumAndSaysWhenTheAmountIsAbove() {
		RuleBuilder rule = rule("small basket").maxAmount("50.00");

		assertFired(only(rule, purchase("50.00")), 10);
		assertSkipped(only(rule, purchase("50.01")), "the amount 50.01 EUR is above 50.00 EUR");
	}

	@Test
	void itemsBySkuHoldWhenTheBasketHoldsOneOfThem() {
		RuleBuilder rule = rule("espresso").skus("ESP-1", "ESP-2");

		assertFired(only(rule, purchase("5.00").items(item("ESP-2", "coffee", 1, "2.00"), item("CRO", "bakery", 1,
				"3.00"))), 10);
		assertSkipped(only(rule, purchase("3.00").items(item("CRO", "bakery", 1, "3.00"))),
				"no item of the purchase is one the rule looks at");
	}

	@Test
	void itemsByCategoryHoldWhenTheBasketHoldsOneOfThem() {
		RuleBuilder rule = rule("coffee lovers").categories("coffee");

		assertFired(only(rule, purchase("2.00").items(item("ESP-1", "coffee", 1, "2.00"))), 10);
		assertSkipped(only(rule, purchase("3.00").items(item("CRO", "bakery", 1, "3.00"))),
				"no item of the purchase is one the rule looks at");
	}

	@Test
	void excludedSkusAreLeftOutOfTheIncludedCategories() {
		RuleBuilder rule = rule("real coffee")
			.items(new Conditions.Items(null, List.of("coffee"), List.of("DECAF"), null))
			.gives(perAmount("1"));

		RuleOutcome mixed = only(rule, purchase("6.50").items(item("ESP-1", "coffee", 2, "2.00"),
				item("DECAF", "coffee", 1, "2.50")));
		assertFired(mixed, 4);
		assertThat(mixed.computation()).isEqualTo("4.00 EUR × 1 per 1, rounded down = 4");
		assertSkipped(only(rule, purchase("2.50").items(item("DECAF", "coffee", 1, "2.50"))),
				"no item of the purchase is one the rule looks at");
	}

	@Test
	void excludedCategoriesAreLeftOutOfEveryItem() {
		RuleBuilder rule = rule("no tobacco")
			.items(new Conditions.Items(null, null, null, List.of("tobacco")))
			.gives(perAmount("1"));

		assertFired(only(rule, purchase("12.00").items(item("CIG", "tobacco", 1, "10.00"),
				item("BREAD", "bakery", 1, "2.00"))), 2);
		assertSkipped(only(rule, purchase("10.00").items(item("CIG", "tobacco", 1, "10.00"))),
				"no item of the purchase is one the rule looks at");
	}

	@Test
	void aRuleOnItemsAppliesToTheAmountOfThoseItemsOnly() {
		RuleBuilder earn = rule("coffee points").categories("coffee").gives(perAmount("1"));
		RuleBuilder threshold = rule("coffee over 5").categories("coffee").minAmount("5.00");

		RuleOutcome earned = only(earn, purchase("8.20").items(item("ESP-1", "coffee", 2, "3.50"),
				item("CRO", "bakery", 1, "1.20")));
		assertFired(earned, 7);
		assertThat(earned.computation()).isEqualTo("7.00 EUR × 1 per 1, rounded down = 7");
		// 13.50 in all, but only 3.50 of coffee.
		assertSkipped(only(threshold, purchase("13.50").items(item("ESP-1", "coffee", 1, "3.50"),
				item("CAKE", "bakery", 1, "10.00"))), "the amount 3.50 EUR is below 5.00 EUR");
	}

	@Test
	void storesHoldInTheNamedStoresAndSayWhichStoreWasNot() {
		RuleBuilder rule = rule("city stores").stores("paris-1", "lyon-1");

		assertFired(only(rule, purchase("10.00").store("lyon-1")), 10);
		assertSkipped(only(rule, purchase("10.00").store("nice-1")), "store nice-1 is not one of [lyon-1, paris-1]");
		assertSkipped(only(rule, purchase("10.00").store(null)), "the event names no store");
	}

	@Test
	void channelsHoldOnTheNamedChannelsAndSayWhichChannelWasNot() {
		RuleBuilder rule = rule("online").channels("web", "app");

		assertFired(only(rule, purchase("10.00").channel("app")), 10);
		assertSkipped(only(rule, purchase("10.00").channel("till")), "channel till is not one of [app, web]");
		assertSkipped(only(rule, purchase("10.00").channel(null)), "the event names no channel");
	}

	@Test
	void daysOfWeekFollowTheProgramsTimeZone() {
		RuleBuilder saturday = rule("saturday").days(DayOfWeek.SATURDAY);
		RuleBuilder friday = rule("friday").days(DayOfWeek.FRIDAY);

		assertFired(only(saturday, purchase("10.00").at(FRIDAY_LATE_UTC)), 10);
		assertSkipped(only(friday, purchase("10.00").at(FRIDAY_LATE_UTC)), "saturday is not one of the rule's days");
	}

	@Test
	void hoursFollowTheProgramsTimeZoneWithTheEndExcluded() {
		RuleBuilder morning = rule("morning").hours("09:00", "12:00");

		// Summer time: Paris is two hours ahead.
		assertFired(only(morning, purchase("10.00").at("2026-06-10T07:00:00Z")), 10);
		assertFired(only(morning, purchase("10.00").at("2026-06-10T09:59:59Z")), 10);
		assertSkipped(only(morning, purchase("10.00").at("2026-06-10T10:00:00Z")), "12:00 is outside 09:00-12:00");
		assertSkipped(only(morning, purchase("10.00").at("2026-06-10T06:30:00Z")), "08:30 is outside 09:00-12:00");
	}

	@Test
	void hoursCanRunAcrossMidnight() {
		RuleBuilder night = rule("night owls").hours("22:00", "02:00");

		assertFired(only(night, purchase("10.00").at("2026-01-09T21:00:00Z")), 10);
		assertFired(only(night, purchase("10.00").at(FRIDAY_LATE_UTC)), 10);
		assertSkipped(only(night, purchase("10.00").at("2026-01-10T02:00:00Z")), "03:00 is outside 22:00-02:00");
		assertSkipped(only(night, purchase("10.00").at("2026-01-09T20:59:00Z")), "21:59 is outside 22:00-02:00");
	}

	@Test
	void firstPurchaseHoldsOnTheMembersFirstPurchaseOnly() {
		RuleBuilder rule = rule("welcome").firstPurchase();

		assertFired(only(rule, purchase("10.00"), member(1)), 10);
		assertSkipped(only(rule, purchase("10.00"), member(2)), "not the member's first purchase (their 2nd)");
	}

	@Test
	void everyNthPurchaseHoldsOnEachMultiple() {
		RuleBuilder rule = rule("every third").nthPurchase(3, null);

		assertFired(only(rule, purchase("10.00"), member(3)), 10);
		assertFired(only(rule, purchase("10.00"), member(6)), 10);
		assertSkipped(only(rule, purchase("10.00"), member(7)), "the member's 7th purchase, not a multiple of 3");
	}

	@Test
	void exactlyNthPurchaseHoldsOnThatPurchaseOnly() {
		RuleBuilder rule = rule("tenth").nthPurchase(null, 10);

		assertFired(only(rule, purchase("10.00"), member(10)), 10);
		assertSkipped(only(rule, purchase("10.00"), member(11)), "the member's 11th purchase, not their 10th");
		assertSkipped(only(rule, purchase("10.00"), member(22)), "the member's 22nd purchase, not their 10th");
		assertSkipped(only(rule, purchase("10.00"), member(103)), "the member's 103rd purchase, not their 10th");
	}

	@Test
	void birthdayHoldsOnTheMembersBirthdayInTheProgramsTimeZone() {
		RuleBuilder rule = rule("birthday").birthday(Conditions.Birthday.DAY);

		assertFired(only(rule, purchase("10.00").at(NOON), memberBorn("1990-06-10")), 10);
		// 22:30 UTC on the 9th is already the 10th in Paris.
		assertFired(only(rule, purchase("10.00").at("2026-06-09T22:30:00Z"), memberBorn("1990-06-10")), 10);
		assertSkipped(only(rule, purchase("10.00").at(NOON), memberBorn("1990-06-11")), "not the member's birthday");
		assertSkipped(only(rule, purchase("10.00").at(NOON), memberBorn(null)), "the member's birth date is unknown");
	}

	@Test
	void birthdayMonthHoldsAllMonthLong() {
		RuleBuilder rule = rule("birthday month").birthday(Conditions.Birthday.MONTH);

		assertFired(only(rule, purchase("10.00").at(NOON), memberBorn("1990-06-30")), 10);
		assertSkipped(only(rule, purchase("10.00").at(NOON), memberBorn("1990-07-01")),
				"not the member's birthday month");
	}

	@Test
	void bornOnTwentyNinthOfFebruaryHasABirthdayOnTheTwentyEighthInOtherYears() {
		RuleBuilder rule = rule("birthday").birthday(Conditions.Birthday.DAY);
		MemberFacts leapling = memberBorn("2000-02-29");

		assertFired(only(rule, purchase("10.00").at("2027-02-28T12:00:00Z"), leapling), 10);
		assertSkipped(only(rule, purchase("10.00").at("2027-03-01T12:00:00Z"), leapling), "not the member's birthday");
		// In a leap year, the 29th itself.
		assertFired(only(rule, purchase("10.00").at("2028-02-29T12:00:00Z"), leapling), 10);
		assertSkipped(only(rule, purchase("10.00").at("2028-02-28T12:00:00Z"), leapling), "not the member's birthday");
	}

	@Test
	void attributesMustHaveTheGivenValues() {
		RuleBuilder rule = rule("five stars").on("review").attributes(Map.of("rating", "5"));

		assertFired(only(rule, activity("review").attribute("rating", "5")), 10);
		assertSkipped(only(rule, activity("review").attribute("rating", "4")), "attribute rating is '4', not '5'");
		assertSkipped(only(rule, activity("review")), "attribute rating is missing, not '5'");
	}

	@Test
	void anExpressionThatIsTrueHolds() {
		RuleBuilder rule = rule("loyal big spender").expression("event.amount > 20.0 && member.purchases >= 2");

		assertFired(only(rule, purchase("25.00"), member(5)), 10);
	}

	@Test
	void anExpressionThatIsFalseSaysSo() {
		RuleBuilder rule = rule("loyal big spender").expression("event.amount > 20.0 && member.purchases >= 2");

		assertSkipped(only(rule, purchase("15.00"), member(5)),
				"the expression event.amount > 20.0 && member.purchases >= 2 is false");
	}

	@Test
	void anExpressionThatFailsAtRuntimeDoesNotHoldAndSaysWhy() {
		RuleBuilder rule = rule("coupon").expression("event.attributes.coupon == 'SPRING'");

		assertFired(only(rule, purchase("10.00").attribute("coupon", "SPRING")), 10);
		RuleOutcome failed = only(rule, purchase("10.00"));
		assertThat(failed.fired()).isFalse();
		assertThat(failed.points()).isZero();
		assertThat(failed.reason())
			.startsWith("the expression event.attributes.coupon == 'SPRING' could not be evaluated: ")
			.contains("coupon");
	}

	@Test
	void anExpressionThatGivesNoBooleanDoesNotHoldAndSaysWhatItGave() {
		RuleBuilder rule = rule("odd").expression("event.amount");

		assertSkipped(only(rule, purchase("12.50")), "the expression event.amount gave 12.5, not true or false");
	}

	// Labels

	@Test
	void labelsAnyOfHoldWhenTheMemberHasOneOfThem() {
		RuleBuilder rule = rule("friends").labels(labels(List.of("vip", "staff"), null, null));

		assertFired(only(rule, purchase("10.00"), labelled("staff", "newsletter")), 10);
		assertSkipped(only(rule, purchase("10.00"), labelled("newsletter")),
				"the member has none of the labels [staff, vip]");
		assertSkipped(only(rule, purchase("10.00"), labelled()), "the member has none of the labels [staff, vip]");
	}

	@Test
	void labelsAllOfHoldWhenTheMemberHasEveryOneAndSayWhichAreMissing() {
		RuleBuilder rule = rule("vip staff").labels(labels(null, List.of("vip", "staff", "paris"), null));

		assertFired(only(rule, purchase("10.00"), labelled("paris", "staff", "vip", "newsletter")), 10);
		assertSkipped(only(rule, purchase("10.00"), labelled("vip")),
				"the member lacks [paris, staff] of the labels [paris, staff, vip]");
	}

	@Test
	void labelsNoneOfRefuseAMemberWithAnExcludedLabel() {
		RuleBuilder rule = rule("customers only").labels(labels(null, null, List.of("staff", "test")));

		assertFired(only(rule, purchase("10.00"), labelled("vip")), 10);
		assertFired(only(rule, purchase("10.00"), labelled()), 10);
		assertSkipped(only(rule, purchase("10.00"), labelled("vip", "staff")),
				"the member has [staff] of the excluded labels [staff, test]");
	}

	@Test
	void labelsListsCombineAndTheFirstThatFailsIsTheReason() {
		RuleBuilder rule = rule("paris vips").labels(labels(List.of("vip", "gold"), List.of("paris"), List.of("staff")));

		assertFired(only(rule, purchase("10.00"), labelled("gold", "paris")), 10);
		assertSkipped(only(rule, purchase("10.00"), labelled("paris", "staff")),
				"the member has none of the labels [gold, vip]");
		assertSkipped(only(rule, purchase("10.00"), labelled("vip", "staff")),
				"the member lacks [paris] of the labels [paris]");
		assertSkipped(only(rule, purchase("10.00"), labelled("vip", "paris", "staff")),
				"the member has [staff] of the excluded labels [staff]");
	}

	@Test
	void labelsApplyToActivitiesToo() {
		RuleBuilder rule = rule("vip review").on("review").labels(labels(List.of("vip"), null, null));

		assertFired(only(rule, activity("review"), labelled("vip")), 10);
		assertSkipped(only(rule, activity("review"), labelled()), "the member has none of the labels [vip]");
	}

	@Test
	void anExpressionSeesTheMembersLabelsAsAList() {
		RuleBuilder rule = rule("vip or many").expression("'vip' in member.labels || size(member.labels) >= 3");

		assertFired(only(rule, purchase("10.00"), labelled("vip")), 10);
		assertFired(only(rule, purchase("10.00"), labelled("a", "b", "c")), 10);
		assertSkipped(only(rule, purchase("10.00"), labelled("staff")),
				"the expression 'vip' in member.labels || size(member.labels) >= 3 is false");
	}

	@Test
	void aCampaignsRulesFireOnlyForMembersInItsAudience() {
		Audience vips = new Audience(labels(List.of("vip"), null, List.of("staff")), null, null);
		RuleBuilder rule = rule("vip weekend").in(campaign("vip-weekend", null, null, null, vips));

		assertFired(only(rule, purchase("10.00"), labelled("vip")), 10);
		assertSkipped(only(rule, purchase("10.00"), labelled("newsletter")),
				"not in the audience of campaign vip-weekend: the member has none of the labels [vip]");
		assertSkipped(only(rule, purchase("10.00"), labelled("vip", "staff")),
				"not in the audience of campaign vip-weekend: the member has [staff] of the excluded labels [staff]");
	}

	@Test
	void aCampaignsAudienceIsCheckedBeforeTheRulesOwnConditions() {
		Audience vips = new Audience(labels(List.of("vip"), null, null), null, null);
		RuleBuilder rule = rule("vip big basket").minAmount("50.00").in(campaign("vip", null, null, null, vips));

		assertSkipped(only(rule, purchase("10.00"), labelled()),
				"not in the audience of campaign vip: the member has none of the labels [vip]");
		assertSkipped(only(rule, purchase("10.00"), labelled("vip")), "the amount 10.00 EUR is below 50.00 EUR");
	}

	@Test
	void aRuleSetLooksAtLabelsOnlyWhenARuleMayNeedThem() {
		Program program = program(ProgramKind.POINTS);
		Audience vips = new Audience(labels(List.of("vip"), null, null), null, null);

		assertThat(ruleSet(program, rule("base").gives(perAmount("1")), rule("big").minAmount("50.00"))
			.looksAtLabels()).isFalse();
		assertThat(ruleSet(program, rule("base"), rule("vip").labels(labels(List.of("vip"), null, null)))
			.looksAtLabels()).isTrue();
		assertThat(ruleSet(program, rule("cel").expression("member.purchases > 1")).looksAtLabels()).isTrue();
		assertThat(ruleSet(program, rule("audience").in(campaign("vip", null, null, null, vips))).looksAtLabels())
			.isTrue();
	}

	// Effects

	@Test
	void pointsPerAmountRoundDownByDefault() {
		RuleOutcome outcome = only(rule("base").gives(perAmount("1.5")), purchase("9.99"));

		assertFired(outcome, 14);
		assertThat(outcome.computation()).isEqualTo("9.99 EUR × 1.5 per 1, rounded down = 14");
	}

	@Test
	void pointsPerAmountRoundHalfUp() {
		RuleBuilder rule = rule("base").gives(perAmount("0.1", null, Rounding.HALF_UP));

		RuleOutcome half = only(rule, purchase("25.50"));
		assertFired(half, 3);
		assertThat(half.computation()).isEqualTo("25.50 EUR × 0.1 per 1, rounded half up = 3");
		assertFired(only(rule, purchase("24.49")), 2);
	}

	@Test
	void pointsPerAmountRoundUp() {
		RuleBuilder rule = rule("base").gives(perAmount("0.1", null, Rounding.UP));

		RuleOutcome up = only(rule, purchase("24.01"));
		assertFired(up, 3);
		assertThat(up.computation()).isEqualTo("24.01 EUR × 0.1 per 1, rounded up = 3");
		assertFired(only(rule, purchase("30.00")), 3);
	}

	@Test
	void pointsPerAmountCountPerTheGivenAmount() {
		RuleOutcome outcome = only(rule("base").gives(perAmount("1", "2.00", null)), purchase("25.00"));

		assertFired(outcome, 12);
		assertThat(outcome.computation()).isEqualTo("25.00 EUR × 1 per 2, rounded down = 12");
	}

	@Test
	void pointsPerFullAmountCountOnlyWholeSteps() {
		RuleBuilder rule = rule("ten per five").gives(perFull("10", "5.00"));

		RuleOutcome justBelow = only(rule, purchase("9.99"));
		assertFired(justBelow, 10);
		assertThat(justBelow.computation()).isEqualTo("9.99 EUR: 1 × 10 per 5 = 10");
		RuleOutcome exact = only(rule, purchase("10.00"));
		assertFired(exact, 20);
		assertThat(exact.computation()).isEqualTo("10.00 EUR: 2 × 10 per 5 = 20");
		assertSkipped(only(rule, purchase("4.99")), "gives nothing: 4.99 EUR: 0 × 10 per 5 = 0");
	}

	@Test
	void fixedPointsGiveTheirNumber() {
		RuleOutcome outcome = only(rule("visit").gives(fixed(50)), purchase("1.00"));

		assertFired(outcome, 50);
		assertThat(outcome.computation()).isEqualTo("50 fixed");
	}

	@Test
	void aMultiplierMultipliesWhatTheRulesBeforeItGave() {
		Evaluation evaluation = evaluate(purchase("25.00"), member(5),
				rule("base").priority(10).gives(perAmount("1")),
				rule("double").priority(20).gives(multiplier("2", null)),
				rule("after").priority(30).gives(fixed(5)));

		assertFired(outcome(evaluation, "double"), 25);
		assertThat(outcome(evaluation, "double").computation()).isEqualTo("×2 on 25 = +25");
		assertThat(evaluation.total()).isEqualTo(55);
	}

	@Test
	void aMultiplierRoundsWhatItAdds() {
		RuleBuilder base = rule("base").priority(10).gives(perAmount("1"));

		Evaluation down = evaluate(purchase("25.00"), member(5), base, rule("x1.5").priority(20)
			.gives(multiplier("1.5", null)));
		Evaluation halfUp = evaluate(purchase("25.00"), member(5), base, rule("x1.5").priority(20)
			.gives(multiplier("1.5", Rounding.HALF_UP)));

		assertFired(outcome(down, "x1.5"), 12);
		assertThat(outcome(down, "x1.5").computation()).isEqualTo("×1.5 on 25 = +12");
		assertFired(outcome(halfUp, "x1.5"), 13);
	}

	@Test
	void aMultiplierWithNothingBeforeItGivesNothing() {
		Evaluation evaluation = evaluate(purchase("25.00"), member(5),
				rule("double").priority(10).gives(multiplier("2", null)),
				rule("base").priority(20).gives(perAmount("1")));

		assertSkipped(outcome(evaluation, "double"), "gives nothing: ×2 on 0 = +0");
		assertThat(evaluation.total()).isEqualTo(25);
	}

	@Test
	void pointsPerItemCountQuantities() {
		RuleOutcome outcome = only(rule("per item").gives(perItem(5)),
				purchase("9.00").items(item("ESP-1", "coffee", 2, "2.00"), item("CRO", "bakery", 3, "1.50")));

		assertFired(outcome, 25);
		assertThat(outcome.computation()).isEqualTo("5 items × 5 = 25");
	}

	@Test
	void pointsPerItemCountOnlyTheItemsTheRuleLooksAt() {
		RuleOutcome outcome = only(rule("per coffee").categories("coffee").gives(perItem(5)),
				purchase("9.00").items(item("ESP-1", "coffee", 2, "2.00"), item("CRO", "bakery", 3, "1.50")));

		assertFired(outcome, 10);
		assertThat(outcome.computation()).isEqualTo("2 items × 5 = 10");
	}

	@Test
	void stampsAreGivenInAStampsProgram() {
		Evaluation evaluation = evaluate(program(ProgramKind.STAMPS), purchase("4.00"), member(5),
				Beneficiary.MEMBER, rule("coffee card").gives(stamps(2)));

		assertFired(outcome(evaluation, "coffee card"), 2);
		assertThat(outcome(evaluation, "coffee card").computation()).isEqualTo("2 stamps");
		assertThat(evaluation.total()).isEqualTo(2);
	}

	@Test
	void cashbackIsAPercentageOfTheAmountInMinorUnits() {
		Program cashbackProgram = program(ProgramKind.CASHBACK);

		RuleOutcome whole = evaluate(cashbackProgram, purchase("20.00"), member(5), Beneficiary.MEMBER,
				rule("cashback").gives(cashback("5", null))).outcomes().get(0);
		assertFired(whole, 100);
		assertThat(whole.computation()).isEqualTo("5% of 20.00 EUR = 1.00 EUR");

		RuleOutcome down = evaluate(cashbackProgram, purchase("9.99"), member(5), Beneficiary.MEMBER,
				rule("cashback").gives(cashback("2.5", null))).outcomes().get(0);
		assertFired(down, 24);
		assertThat(down.computation()).isEqualTo("2.5% of 9.99 EUR = 0.24 EUR");

		RuleOutcome halfUp = evaluate(cashbackProgram, purchase("9.99"), member(5), Beneficiary.MEMBER,
				rule("cashback").gives(cashback("2.5", Rounding.HALF_UP))).outcomes().get(0);
		assertFired(halfUp, 25);
	}

	// Currency

	@Test
	void aPurchaseInAnotherCurrencyEarnsNothingOnItsAmount() {
		assertSkipped(only(rule("base").gives(perAmount("1")), purchase("20.00").in("USD")),
				"the purchase is in USD; the program earns on EUR");
		assertSkipped(only(rule("big basket").minAmount("10.00"), purchase("20.00").in("USD")),
				"the purchase is in USD; the program earns on EUR");
	}

	// Validity

	@Test
	void aRuleFiresOnlyWithinItsValidityWindow() {
		RuleBuilder june = rule("june").validFrom("2026-06-01T00:00+02:00").validTo("2026-07-01T00:00+02:00");

		assertFired(only(june, purchase("10.00").at("2026-05-31T22:00:00Z")), 10);
		assertFired(only(june, purchase("10.00").at("2026-06-30T21:59:59Z")), 10);
		assertSkipped(only(june, purchase("10.00").at("2026-06-30T22:00:00Z")),
				"not valid at 2026-06-30T22:00:00Z (valid from 2026-05-31T22:00:00Z until 2026-06-30T22:00:00Z)");
		assertSkipped(only(june, purchase("10.00").at("2026-05-31T21:59:59Z")),
				"not valid at 2026-05-31T21:59:59Z (valid from 2026-05-31T22:00:00Z until 2026-06-30T22:00:00Z)");
	}

	@Test
	void aRuleNotYetValidSaysFromWhen() {
		RuleBuilder later = rule("later").validFrom("2026-06-01T00:00+02:00");

		assertSkipped(only(later, purchase("10.00").at("2026-05-01T00:00:00Z")),
				"not valid at 2026-05-01T00:00:00Z (valid from 2026-05-31T22:00:00Z)");
	}

	@Test
	void aRuleNoLongerValidSaysUntilWhen() {
		RuleBuilder earlier = rule("earlier").validTo("2026-06-01T00:00+02:00");

		assertSkipped(only(earlier, purchase("10.00").at(NOON)),
				"not valid at 2026-06-10T10:00:00Z (valid until 2026-05-31T22:00:00Z)");
	}

	@Test
	void aCampaignsDatesBoundItsRules() {
		RuleBuilder rule = rule("spring").in(campaign("spring", "2026-06-01T00:00:00Z", "2026-06-15T00:00:00Z", null));

		assertFired(only(rule, purchase("10.00").at(NOON)), 10);
		assertSkipped(only(rule, purchase("10.00").at("2026-06-15T00:00:00Z")),
				"not valid at 2026-06-15T00:00:00Z (valid from 2026-06-01T00:00:00Z until 2026-06-15T00:00:00Z)");
	}

	// Stacking and priority

	@Test
	void cumulativeRulesAddUp() {
		Evaluation evaluation = evaluate(purchase("25.00"), member(5), rule("base").gives(perAmount("1")),
				rule("bonus").gives(fixed(50)));

		assertThat(evaluation.fired()).extracting(RuleOutcome::rule).containsExactlyInAnyOrder("base", "bonus");
		assertThat(evaluation.total()).isEqualTo(75);
	}

	@Test
	void exclusiveRuleStopsTheRulesAfterIt() {
		Evaluation evaluation = evaluate(purchase("25.00"), member(5),
				rule("base").priority(10).gives(perAmount("1")),
				rule("vip day").priority(20).exclusive().gives(fixed(100)),
				rule("bonus").priority(30).gives(fixed(50)),
				rule("double").priority(40).gives(multiplier("2", null)));

		assertFired(outcome(evaluation, "base"), 25);
		assertFired(outcome(evaluation, "vip day"), 100);
		assertSkipped(outcome(evaluation, "bonus"), "the exclusive rule 'vip day' applied first");
		assertSkipped(outcome(evaluation, "double"), "the exclusive rule 'vip day' applied first");
		assertThat(evaluation.total()).isEqualTo(125);
	}

	@Test
	void aRuleThatIssuesARewardFiresWithoutUnitsAndAnExclusiveOneStopsTheRest() {
		Evaluation evaluation = evaluate(purchase("25.00"), member(5),
				rule("base").priority(10).gives(perAmount("1")),
				rule("coffee").priority(20).exclusive().gives(new Effect.IssueReward("free-coffee", 2)),
				rule("bonus").priority(30).gives(fixed(50)));

		RuleOutcome coffee = outcome(evaluation, "coffee");
		assertFired(coffee, 0);
		assertThat(coffee.reward()).isEqualTo(new RewardIssue("free-coffee", 2));
		assertThat(coffee.computation()).isEqualTo("issues 2 × free-coffee");
		assertSkipped(outcome(evaluation, "bonus"), "the exclusive rule 'coffee' applied first");
		assertThat(evaluation.total()).isEqualTo(25);
		assertThat(evaluation.givesAnything()).isTrue();
	}

	@Test
	void exclusiveRuleThatDoesNotFireStopsNothing() {
		Evaluation evaluation = evaluate(purchase("25.00"), member(5),
				rule("vip day").priority(10).exclusive().minAmount("100.00").gives(fixed(100)),
				rule("bonus").priority(20).gives(fixed(50)));

		assertSkipped(outcome(evaluation, "vip day"), "the amount 25.00 EUR is below 100.00 EUR");
		assertFired(outcome(evaluation, "bonus"), 50);
		assertThat(evaluation.total()).isEqualTo(50);
	}

	@Test
	void exclusiveRuleRefusedByItsLimitStopsNothing() {
		RuleSet rules = ruleSet(program(ProgramKind.POINTS),
				rule("once a day").priority(10).exclusive().gives(fixed(100)).limitedTo(timesPer(Limits.Period.DAY, 1)),
				rule("bonus").priority(20).gives(fixed(50)));

		MemberFacts member = member(5);

		assertThat(evaluate(rules, purchase("25.00"), member).total()).isEqualTo(100);
		Evaluation second = evaluate(rules, purchase("25.00"), member);

		assertSkipped(outcome(second, "once a day"), "the limit of 1 per member per day is reached");
		assertFired(outcome(second, "bonus"), 50);
		assertThat(second.total()).isEqualTo(50);
	}

	@Test
	void bestOfKeepsTheRuleGivingMostInItsGroup() {
		Evaluation evaluation = evaluate(purchase("25.00"), member(5),
				rule("small").priority(10).bestOf("welcome").gives(fixed(30)),
				rule("large").priority(20).bestOf("welcome").gives(fixed(80)),
				rule("huge but far").priority(30).bestOf("welcome").minAmount("100.00").gives(fixed(500)),
				rule("base").priority(40).gives(perAmount("1")));

		assertFired(outcome(evaluation, "large"), 80);
		assertSkipped(outcome(evaluation, "small"), "'large' gives more in best-of group welcome");
		assertSkipped(outcome(evaluation, "huge but far"), "the amount 25.00 EUR is below 100.00 EUR");
		assertFired(outcome(evaluation, "base"), 25);
		assertThat(evaluation.total()).isEqualTo(105);
	}

	@Test
	void aBestOfGroupIsWeighedWhereItsFirstRuleStandsBeforeAnExclusiveRuleAfterIt() {
		Evaluation evaluation = evaluate(purchase("25.00"), member(5),
				rule("small").priority(10).bestOf("welcome").gives(fixed(30)),
				rule("vip day").priority(20).exclusive().gives(fixed(100)),
				rule("large").priority(30).bestOf("welcome").gives(fixed(80)),
				rule("late").priority(40).gives(fixed(5)));

		assertSkipped(outcome(evaluation, "small"), "'large' gives more in best-of group welcome");
		assertFired(outcome(evaluation, "large"), 80);
		assertFired(outcome(evaluation, "vip day"), 100);
		assertSkipped(outcome(evaluation, "late"), "the exclusive rule 'vip day' applied first");
		assertThat(evaluation.outcomes()).hasSize(4);
		assertThat(evaluation.total()).isEqualTo(180);
	}

	@Test
	void bestOfFallsBackToTheNextWhenTheBestOnesLimitRefusesIt() {
		RuleSet rules = ruleSet(program(ProgramKind.POINTS),
				rule("small").priority(10).bestOf("welcome").gives(fixed(30)),
				rule("large").priority(20).bestOf("welcome").gives(fixed(80))
					.limitedTo(timesPer(Limits.Period.DAY, 1)));

		MemberFacts member = member(5);

		Evaluation first = evaluate(rules, purchase("25.00"), member);
		assertFired(outcome(first, "large"), 80);
		assertThat(first.total()).isEqualTo(80);

		Evaluation second = evaluate(rules, purchase("25.00"), member);
		assertSkipped(outcome(second, "large"), "the limit of 1 per member per day is reached");
		assertFired(outcome(second, "small"), 30);
		assertThat(second.total()).isEqualTo(30);
	}

	@Test
	void rulesRunByPriorityLowerFirst() {
		Evaluation evaluation = evaluate(purchase("25.00"), member(5),
				rule("double").priority(20).gives(multiplier("2", null)),
				rule("base").priority(10).gives(perAmount("1")),
				rule("bonus").priority(30).gives(fixed(5)));

		assertThat(evaluation.outcomes()).extracting(RuleOutcome::rule).containsExactly("base", "double", "bonus");
		assertThat(evaluation.total()).isEqualTo(55);
	}

	@Test
	void rulesOfEqualPriorityRunOldestFirst() {
		Evaluation evaluation = evaluate(purchase("25.00"), member(5),
				rule("newer").createdAt("2026-03-01T00:00:00Z").exclusive().gives(fixed(40)),
				rule("older").createdAt("2026-02-01T00:00:00Z").exclusive().gives(fixed(20)));

		assertThat(evaluation.outcomes()).extracting(RuleOutcome::rule).containsExactly("older", "newer");
		assertFired(outcome(evaluation, "older"), 20);
		assertSkipped(outcome(evaluation, "newer"), "the exclusive rule 'older' applied first");
	}

	// Beneficiary

	@Test
	void referrerRulesCreditTheReferrerAndMemberRulesTheMember() {
		RuleSet rules = ruleSet(program(ProgramKind.POINTS),
				rule("welcome a friend").on("referral").gives(fixed(100)),
				rule("thank the referrer").on("referral").to(Beneficiary.REFERRER).gives(fixed(200)));

		Evaluation forMember = RuleEngine.evaluate(rules, activity("referral").facts(), member(0), Beneficiary.MEMBER,
				gate);
		Evaluation forReferrer = RuleEngine.evaluate(rules, activity("referral").facts(), member(12),
				Beneficiary.REFERRER, gate);

		assertThat(forMember.outcomes()).extracting(RuleOutcome::rule).containsExactly("welcome a friend");
		assertThat(forMember.total()).isEqualTo(100);
		assertThat(forReferrer.outcomes()).extracting(RuleOutcome::rule).containsExactly("thank the referrer");
		assertThat(forReferrer.total()).isEqualTo(200);
	}

	// Limits

	@Test
	void aCountLimitRefusesTheUseAfterTheLast() {
		RuleSet rules = ruleSet(program(ProgramKind.POINTS),
				rule("twice a day").gives(fixed(10)).limitedTo(timesPer(Limits.Period.DAY, 2)));
		MemberFacts member = member(5);

		assertFired(evaluate(rules, purchase("5.00"), member).outcomes().get(0), 10);
		assertFired(evaluate(rules, purchase("5.00"), member).outcomes().get(0), 10);
		assertSkipped(evaluate(rules, purchase("5.00"), member).outcomes().get(0),
				"the limit of 2 per member per day is reached");
		assertFired(evaluate(rules, purchase("5.00"), member(5)).outcomes().get(0), 10);
	}

	@Test
	void limitPeriodsFollowTheProgramsCalendar() {
		RuleSet rules = ruleSet(program(ProgramKind.POINTS),
				rule("once a day").gives(fixed(10)).limitedTo(timesPer(Limits.Period.DAY, 1)));
		MemberFacts member = member(5);

		// 23:30 on the 10th in Paris, then 00:30 on the 11th: the same UTC day, two days of the program.
		assertFired(evaluate(rules, purchase("5.00").at("2026-06-10T21:30:00Z"), member).outcomes().get(0), 10);
		assertFired(evaluate(rules, purchase("5.00").at("2026-06-10T22:30:00Z"), member).outcomes().get(0), 10);
		assertSkipped(evaluate(rules, purchase("5.00").at("2026-06-11T09:00:00Z"), member).outcomes().get(0),
				"the limit of 1 per member per day is reached");
	}

	@Test
	void aPointsLimitCapsTheGrantAndTheComputationSaysCapped() {
		RuleSet rules = ruleSet(program(ProgramKind.POINTS),
				rule("base").gives(perAmount("1")).limitedTo(pointsPer(Limits.Period.MONTH, 100)));
		MemberFacts member = member(5);

		assertFired(evaluate(rules, purchase("60.00"), member).outcomes().get(0), 60);
		Evaluation capped = evaluate(rules, purchase("60.00"), member);
		assertFired(capped.outcomes().get(0), 40);
		assertThat(capped.outcomes().get(0).computation())
			.isEqualTo("60.00 EUR × 1 per 1, rounded down = 60, capped at 40: the limit of 100 per member per month");
		assertThat(capped.total()).isEqualTo(40);
		assertSkipped(evaluate(rules, purchase("60.00"), member).outcomes().get(0),
				"the limit of 100 per member per month is reached");
	}

	@Test
	void aRuleBudgetCapsThenRefusesWhateverTheMember() {
		RuleSet rules = ruleSet(program(ProgramKind.POINTS), rule("launch").gives(fixed(100)).budget(150));

		assertFired(evaluate(rules, purchase("5.00"), member(1)).outcomes().get(0), 100);
		RuleOutcome capped = evaluate(rules, purchase("5.00"), member(1)).outcomes().get(0);
		assertFired(capped, 50);
		assertThat(capped.computation()).isEqualTo("100 fixed, capped at 50: the rule's budget of 150");
		assertSkipped(evaluate(rules, purchase("5.00"), member(1)).outcomes().get(0),
				"the rule's budget of 150 is spent");
	}

	@Test
	void aCampaignBudgetLimitsItsRules() {
		CampaignTerms spring = campaign("spring", null, null, 120L);
		RuleSet rules = ruleSet(program(ProgramKind.POINTS), rule("spring bonus").in(spring).gives(fixed(100)));

		assertFired(evaluate(rules, purchase("5.00"), member(1)).outcomes().get(0), 100);
		RuleOutcome capped = evaluate(rules, purchase("5.00"), member(1)).outcomes().get(0);
		assertFired(capped, 20);
		assertThat(capped.computation()).isEqualTo("100 fixed, capped at 20: the budget of campaign spring of 120");
	}

	@Test
	void rulesWithoutLimitsNeverAskTheGate() {
		RuleSet rules = ruleSet(program(ProgramKind.POINTS), rule("base").gives(perAmount("1")));

		assertThat(evaluate(rules, purchase("25.00"), member(5)).total()).isEqualTo(25);
		assertThat(gate.calls).isZero();
	}

	// Helpers

	private static EventBuilder purchase(String amount) {
		return new EventBuilder(RuleCompiler.PURCHASE, new BigDecimal(amount));
	}

	private static EventBuilder activity(String type) {
		return new EventBuilder(type, null);
	}

	private static EventFacts.Item item(String sku, String category, int quantity, String unitPrice) {
		return new EventFacts.Item(sku, category, BigDecimal.valueOf(quantity),
				new BigDecimal(unitPrice).movePointRight(2).longValueExact());
	}

	private static MemberFacts member(long purchases) {
		return new MemberFacts(UUID.randomUUID(), LocalDate.parse("1990-03-15"), purchases, "fr", Set.of(), null, null);
	}

	private static MemberFacts memberBorn(String birthDate) {
		return new MemberFacts(UUID.randomUUID(), birthDate == null ? null : LocalDate.parse(birthDate), 5, "fr",
				Set.of(), null, null);
	}

	private static MemberFacts labelled(String... labels) {
		return new MemberFacts(UUID.randomUUID(), LocalDate.parse("1990-03-15"), 5, "fr", Set.of(labels), null, null);
	}

	/** The outcome of a single rule in a points program. */
	private RuleOutcome only(RuleBuilder rule, EventBuilder event) {
		return only(rule, event, member(5));
	}

	private RuleOutcome only(RuleBuilder rule, EventBuilder event, MemberFacts member) {
		Evaluation evaluation = evaluate(event, member, rule);
		assertThat(evaluation.outcomes()).hasSize(1);
		assertThat(evaluation.total()).isEqualTo(evaluation.outcomes().get(0).points());
		return evaluation.outcomes().get(0);
	}

	private Evaluation evaluate(EventBuilder event, MemberFacts member, RuleBuilder... rules) {
		return evaluate(program(ProgramKind.POINTS), event, member, Beneficiary.MEMBER, rules);
	}

	private Evaluation evaluate(Program program, EventBuilder event, MemberFacts member, Beneficiary beneficiary,
			RuleBuilder... rules) {
		return RuleEngine.evaluate(ruleSet(program, rules), event.facts(), member, beneficiary, gate);
	}

	private Evaluation evaluate(RuleSet rules, EventBuilder event, MemberFacts member) {
		return RuleEngine.evaluate(rules, event.facts(), member, Beneficiary.MEMBER, gate);
	}

	private static RuleSet ruleSet(Program program, RuleBuilder... rules) {
		return new RuleSet(program, Arrays.stream(rules).map(rule -> rule.compile(program)).toList());
	}

	private static RuleOutcome outcome(Evaluation evaluation, String rule) {
		List<RuleOutcome> outcomes = evaluation.outcomes().stream().filter(o -> o.rule().equals(rule)).toList();
		assertThat(outcomes).as("outcomes of rule '%s'", rule).hasSize(1);
		return outcomes.get(0);
	}

	private static void assertFired(RuleOutcome outcome, long points) {
		assertThat(outcome.fired()).as("fired (reason: %s)", outcome.reason()).isTrue();
		assertThat(outcome.points()).isEqualTo(points);
		assertThat(outcome.reason()).isNull();
	}

	private static void assertSkipped(RuleOutcome outcome, String reason) {
		assertThat(outcome.fired()).as("fired (computation: %s)", outcome.computation()).isFalse();
		assertThat(outcome.points()).isZero();
		assertThat(outcome.reason()).isEqualTo(reason);
	}

	/** An event under construction: a purchase in EUR, at the Paris store's till, at noon on a Wednesday. */
	private static final class EventBuilder {

		private final String type;
		private final BigDecimal amount;
		private Currency currency = RuleFixtures.EUR;
		private List<EventFacts.Item> items = List.of();
		private String store = "paris-1";
		private String channel = "till";
		private Instant at = Instant.parse(NOON);
		private final Map<String, String> attributes = new HashMap<>();

		EventBuilder(String type, BigDecimal amount) {
			this.type = type;
			this.amount = amount;
		}

		EventBuilder in(String currency) {
			this.currency = Currency.getInstance(currency);
			return this;
		}

		EventBuilder items(EventFacts.Item... items) {
			this.items = List.of(items);
			return this;
		}

		EventBuilder store(String store) {
			this.store = store;
			return this;
		}

		EventBuilder channel(String channel) {
			this.channel = channel;
			return this;
		}

		EventBuilder at(String instant) {
			this.at = Instant.parse(instant);
			return this;
		}

		EventBuilder attribute(String name, String value) {
			attributes.put(name, value);
			return this;
		}

		EventFacts facts() {
			Money money = amount == null ? null : Money.parse(amount, currency, "amount");
			return new EventFacts(type, money, items, store, channel, at, attributes);
		}
	}

	/**
	 * Counts in memory what it grants, per rule, member and period of the program's calendar, and spends budgets,
	 * saying what limited a grant as the real gate does.
	 */
	private static final class CountingLimitGate implements LimitGate {

		private final Map<String, Long> uses = new HashMap<>();
		private final Map<String, Long> pointsGranted = new HashMap<>();
		private final Map<UUID, Long> spent = new HashMap<>();
		int calls;

		@Override
		public Grant grant(CompiledRule rule, UUID memberId, Instant occurredAt, ZoneId zone, long points) {
			calls++;
			long allowed = points;
			String limitedBy = null;
			List<String> periods = new ArrayList<>();
			if (rule.limits() != null && rule.limits().perMember() != null) {
				LocalDate day = occurredAt.atZone(zone).toLocalDate();
				for (Limits.PerMember limit : rule.limits().perMember()) {
					String period = rule.id() + "/" + memberId + "/" + limit.period() + "/" + start(limit.period(), day);
					String per = limit.period() == Limits.Period.LIFETIME ? "in all"
							: "per " + limit.period().name().toLowerCase(Locale.ROOT);
					if (limit.count() != null && uses.getOrDefault(period, 0L) >= limit.count()) {
						return new Grant(0, "the limit of " + limit.count() + " per member " + per + " is reached");
					}
					if (limit.points() != null) {
						long left = limit.points() - pointsGranted.getOrDefault(period, 0L);
						if (left <= 0) {
							return new Grant(0, "the limit of " + limit.points() + " per member " + per + " is reached");
						}
						if (left < allowed) {
							allowed = left;
							limitedBy = "the limit of " + limit.points() + " per member " + per;
						}
					}
					periods.add(period);
				}
			}
			Map<UUID, Long> budgets = new HashMap<>();
			Map<UUID, String> budgetNames = new HashMap<>();
			if (rule.limits() != null && rule.limits().budget() != null) {
				budgets.put(rule.id(), rule.limits().budget());
				budgetNames.put(rule.id(), "the rule's budget");
			}
			if (rule.campaign() != null && rule.campaign().budget() != null) {
				budgets.put(rule.campaign().id(), rule.campaign().budget());
				budgetNames.put(rule.campaign().id(), "the budget of campaign " + rule.campaign().code());
			}
			for (Map.Entry<UUID, Long> budget : budgets.entrySet()) {
				long left = budget.getValue() - spent.getOrDefault(budget.getKey(), 0L);
				String name = budgetNames.get(budget.getKey()) + " of " + budget.getValue();
				if (left <= 0) {
					return new Grant(0, name + " is spent");
				}
				if (left < allowed) {
					allowed = left;
					limitedBy = name;
				}
			}
			for (String period : periods) {
				uses.merge(period, 1L, Long::sum);
				pointsGranted.merge(period, allowed, Long::sum);
			}
			for (UUID budget : budgets.keySet()) {
				spent.merge(budget, allowed, Long::sum);
			}
			return new Grant(allowed, limitedBy);
		}

		private static Object start(Limits.Period period, LocalDate day) {
			return switch (period) {
				case DAY -> day;
				case WEEK -> day.with(DayOfWeek.MONDAY);
				case MONTH -> YearMonth.from(day);
				case LIFETIME -> "all";
			};
		}
	}
}
