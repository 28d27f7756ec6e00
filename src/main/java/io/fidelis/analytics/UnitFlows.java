package io.fidelis.analytics;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A program's units over time, for charts: what was issued, redeemed and expired in each interval, what members held
 * at its end and the liability of that, as {@link Kpis} computes it at a period's end.
 *
 * @param start the first day of the interval
 * @param redemptionRate redeemed ÷ issued in the interval
 * @param outstandingUnits units members held at the interval's end
 * @param liability outstanding units × unit value × (1 − expected breakage rate at the interval's end)
 */
public record UnitFlows(LocalDate start, long issued, long redeemed, long expired, BigDecimal redemptionRate,
		long outstandingUnits, BigDecimal liability) {

	/** Units of an interval, or of everything before the first. */
	record Moved(long issued, long redeemed, long expired) {

		static final Moved NONE = new Moved(0, 0, 0);

		Moved plus(Moved other) {
			return new Moved(issued + other.issued, redeemed + other.redeemed, expired + other.expired);
		}
	}

	/**
	 * @param before what moved before the first interval
	 * @param starts the intervals' first days, in order
	 * @param moved what moved in each interval, by its first day; none if absent
	 */
	static List<UnitFlows> of(Moved before, List<LocalDate> starts, Map<LocalDate, Moved> moved, BigDecimal unitValue,
			int fractionDigits) {
		List<UnitFlows> flows = new ArrayList<>();
		long outstanding = before.issued() - before.redeemed() - before.expired();
		long redeemed = before.redeemed();
		long expired = before.expired();
		for (LocalDate start : starts) {
			Moved interval = moved.getOrDefault(start, Moved.NONE);
			outstanding += interval.issued() - interval.redeemed() - interval.expired();
			redeemed += interval.redeemed();
			expired += interval.expired();
			BigDecimal liability = Kpis.liability(unitValue, outstanding, Kpis.expectedBreakageRate(redeemed, expired),
					fractionDigits);
			flows.add(new UnitFlows(start, interval.issued(), interval.redeemed(), interval.expired(),
					Kpis.rate(interval.redeemed(), interval.issued()), outstanding, liability));
		}
		return flows;
	}
}
