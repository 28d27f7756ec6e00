package io.fidelis.ledger;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import io.fidelis.support.IntegrationTest;
import io.fidelis.support.MutableClock;
import io.fidelis.support.TestTenants;

/** What a merge of two members does to the ledger: scripts that run on H2 and PostgreSQL. */
@IntegrationTest
class MemberMergeLedgerIntegrationTest {

	@Autowired
	TestTenants tenants;

	@Autowired
	MutableClock clock;

	private void script(String script) {
		new LedgerScript(tenants.create().api(), clock).run(script);
	}

	@Test
	void availableUnitsKeepTheirExpiryAndPendingUnitsStayPendingUntilTheirOwnDate() {
		script("""
				program pendingDays=10 expiry=months_after_earning:1
				earn B 30.00 as old
				tick 11 days
				activate
				expect B available 30
				earn B 20.00 as recent
				earn A 5.00
				merge B into A
				expect B available 0
				expect B pending 0
				expect A available 30
				expect A pending 25
				expect balanced
				# The pending units activate when they would have for B: 10 days after their earn.
				tick 9 days
				activate
				expect A pending 25
				tick 2 days
				activate
				expect A available 55
				expect A pending 0
				# B's first 30 expire a month after they were earned, the others later.
				tick 12 days
				expire
				expect A available 25
				expect balanced
				""");
	}

	@Test
	void aReturnOfThePurchaseOfTheDuplicateTakesBackFromTheSurvivor() {
		script("""
				program pendingDays=14
				earn B 40.00 as pending-sale
				earn B 30.00 as sale
				tick 15 days
				activate
				earn B 10.00 as recent
				merge B into A
				expect A available 70
				expect A pending 10
				return recent 10.00
				expect A pending 0
				return sale 30.00
				expect A available 40
				expect B available 0
				expect balanced
				""");
	}

	@Test
	void aDebtOfTheDuplicateBecomesTheSurvivorsAndTheSurvivorsDebtIsPaidFirst() {
		script("""
				program allowNegativeBalance=true
				earn B 50.00 as b-sale
				adjust B -40
				return b-sale 50.00
				expect B available -40
				earn A 100.00
				merge B into A
				expect A available 60
				expect B available 0
				expect balanced
				earn C 50.00 as c-sale
				adjust C -40
				return c-sale 50.00
				expect C available -40
				earn D 100.00
				merge D into C
				expect C available 60
				expect D available 0
				expect balanced
				""");
	}

	@Test
	void anOpenHoldOfTheDuplicateRefusesTheMergeUntilItIsReleased() {
		script("""
				earn B 50.00
				hold B 30 as h1
				merge B into A fails merge-refused
				expect B available 20
				expect B held 30
				release h1
				merge B into A
				expect A available 50
				expect B held 0
				expect balanced
				""");
	}

	@Test
	void aMemberMergedTwiceLeadsStraightToTheLastSurvivor() {
		script("""
				earn C 10.00
				merge C into B
				earn B 20.00
				merge B into A
				# C was merged into B, which is merged into A: C's id earns for A.
				earn C 5.00
				expect A available 35
				expect B available 0
				expect C available 0
				merge C into A fails member-merged
				merge A into C fails member-merged
				expect balanced
				""");
	}

	@Test
	void aBlockedMemberEarnsNothingUntilUnblocked() {
		script("""
				earn A 10.00
				block A
				earn A 20.00 fails member-blocked
				adjust A -5
				expect A available 5
				merge A into B fails member-blocked
				merge B into A fails member-blocked
				unblock A
				earn A 20.00
				expect A available 25
				expect balanced
				""");
	}
}
