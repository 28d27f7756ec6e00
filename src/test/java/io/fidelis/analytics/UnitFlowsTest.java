package io.fidelis.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * Units over time on hand-computed days, a point worth 0.10: 1,000 issued before (100 redeemed, 100 expired);
 * day 1: 500 issued, 200 redeemed; day 2: nothing; day 3: 100 issued, 300 expired.
 */
class UnitFlowsTest {

	private static final LocalDate DAY_1 = LocalDate.parse("2026-05-01");

	@Test
	void outstandingUnitsAndLiabilityFollowTheDaysFromWhatCameBefore() {
		List<UnitFlows> flows = UnitFlows.of(new UnitFlows.Moved(1000, 100, 100),
				List.of(DAY_1, DAY_1.plusDays(1), DAY_1.plusDays(2)),
				Map.of(DAY_1, new UnitFlows.Moved(500, 200, 0), DAY_1.plusDays(2), new UnitFlows.Moved(100, 0, 300)),
				new BigDecimal("0.10"), 2);

		// Day 1: 800 + 500 - 200 = 1,100 held; 100 of 400 settled expired: 1,100 × 0.10 × 0.75 = 82.50.
		assertThat(flows.get(0).outstandingUnits()).isEqualTo(1100);
		assertThat(flows.get(0).redemptionRate()).isEqualByComparingTo("0.4");
		assertThat(flows.get(0).liability()).isEqualByComparingTo("82.50");
		// Day 2: no movement, no rate.
		assertThat(flows.get(1).issued()).isZero();
		assertThat(flows.get(1).redemptionRate()).isNull();
		assertThat(flows.get(1).outstandingUnits()).isEqualTo(1100);
		// Day 3: 1,100 + 100 - 300 = 900; 400 of 700 settled expired (0.5714): 900 × 0.10 × 0.4286 = 38.57.
		assertThat(flows.get(2).expired()).isEqualTo(300);
		assertThat(flows.get(2).outstandingUnits()).isEqualTo(900);
		assertThat(flows.get(2).liability()).isEqualByComparingTo("38.57");
	}
}
