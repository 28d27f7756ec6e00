package io.fidelis.ledger;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import io.fidelis.support.IntegrationTest;
import io.fidelis.support.MutableClock;
import io.fidelis.support.TestTenants;

/** The ledger's behaviour as scripts that read like the design's table-driven tests. */
@IntegrationTest
class LedgerScenarioIntegrationTest {

	@Autowired
	TestTenants tenants;

	@Autowired
	MutableClock clock;

	private void script(String script) {
		new LedgerScript(tenants.create().api(), clock).run(script);
	}

	@Test
	void earnsSpendsAndNeverOverdraws() {
		script("""
				earn A 50.90
				adjust A -30
				expect A available 20
				adjust A -21 fails insufficient-points
				expect A available 20
				adjust A +5
				expect A available 25
				expect balanced
				""");
	}

	@Test
	void partialReturnsTakeBackExactlyWhatThePurchaseEarnedInTotal() {
		script("""
				earn A 10.00 as s1
				return s1 3.33
				expect A available 7
				return s1 3.33
				expect A available 4
				return s1 3.34
				expect A available 0
				return s1 0.01 fails return-exceeds-purchase
				expect balanced
				""");
	}

	@Test
	void pointsWaitInPendingUntilTheReturnWindowCloses() {
		script("""
				program pendingDays=14
				earn A 40.00 as s1
				expect A pending 40
				expect A available 0
				return s1 10.00
				expect A pending 30
				tick 10
				activate
				expect A pending 30
				tick 5
				activate
				expect A pending 0
				expect A available 30
				expect balanced
				""");
	}

	@Test
	void returnAfterSpendingForgivesWhatTheBalanceCannotCover() {
		script("""
				earn A 100.00 as s1
				adjust A -90
				return s1 100.00
				expect A available 0
				expect balanced
				""");
	}

	@Test
	void returnAfterSpendingMayGoNegativeWhenTheProgramAllowsIt() {
		script("""
				program allowNegativeBalance=true
				earn A 100.00 as s1
				adjust A -90
				return s1 100.00
				expect A available -90
				earn A 120.00
				expect A available 30
				adjust A -30
				expect A available 0
				expect balanced
				""");
	}

	@Test
	void expiryTakesWhatIsLeftOfEachLotAfterItsLastValidDay() {
		script("""
				program expiry=months_after_earning:1
				earn A 30.00
				tick 20
				earn A 50.00
				adjust A -40
				tick 15
				expire
				expect A available 40
				tick 30
				expire
				expect A available 0
				expect balanced
				""");
	}

	@Test
	void expiryOfPendingPointsMovesThemToBreakage() {
		script("""
				program pendingDays=60 expiry=months_after_earning:1
				earn A 25.00
				tick 40
				expire
				expect A pending 0
				activate
				expect A available 0
				expect balanced
				""");
	}

	@Test
	void signupAndFirstPurchaseBonusesAreEarnedOnce() {
		script("""
				rule {"name": "Welcome", "trigger": "signup", "effect": {"type": "fixed_points", "points": 100}}
				rule {"name": "First purchase", "trigger": "purchase", "conditions": {"firstPurchase": true}, "effect": {"type": "fixed_points", "points": 50}}
				enrol A
				expect A available 100
				earn A 20.00
				expect A available 170
				earn A 20.00
				expect A available 190
				expect balanced
				""");
	}

	@Test
	void dailyBonusIsEarnedOncePerDay() {
		script("""
				rule {"name": "Daily visit", "trigger": "purchase", "effect": {"type": "fixed_points", "points": 5}, "limits": {"perMember": [{"period": "day", "count": 1}]}}
				earn A 10.00
				expect A available 15
				earn A 10.00
				expect A available 25
				tick 1
				earn A 10.00
				expect A available 40
				expect balanced
				""");
	}

	@Test
	void ruleBudgetRunsOutAcrossMembersWithoutBeingExceeded() {
		script("""
				rule {"name": "Launch bonus", "trigger": "purchase", "effect": {"type": "fixed_points", "points": 20}, "limits": {"budget": 50}}
				earn A 10.00
				earn B 10.00
				earn C 10.00
				earn D 10.00
				expect A available 30
				expect B available 30
				expect C available 20
				expect D available 10
				expect balanced
				""");
	}
}
