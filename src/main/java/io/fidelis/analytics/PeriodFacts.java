package io.fidelis.analytics;

import java.math.BigDecimal;

/**
 * The counts a period's KPIs are computed from, read from the roll-ups. Money in minor units of the program's
 * currency; purchases in other currencies are left out of the money figures.
 *
 * @param days the period's length in days
 * @param enrolments members enrolled in the period
 * @param members members enrolled by the period's end
 * @param activeMembers members with a purchase in the period
 * @param previouslyActive members with a purchase in the previous period of the same length
 * @param retained members with a purchase in the period and in the previous one
 * @param repeaters members with two purchases or more in the period
 * @param memberOrders members' purchases in the period
 * @param memberRevenueMinor what members spent in the period
 * @param anonymousOrders purchases without a member in the period
 * @param anonymousRevenueMinor what was spent without a member in the period
 * @param lifetimeMemberRevenueMinor what members spent up to the period's end
 * @param issued units issued in the period (net of clawbacks)
 * @param redeemed units redeemed in the period (net of cancellations)
 * @param expired units expired in the period
 * @param outstanding units held by members at the period's end
 * @param lifetimeRedeemed units redeemed up to the period's end
 * @param lifetimeExpired units expired up to the period's end
 * @param enteredCostMinor the operator's cost entries of the period (months prorated by their days in the period)
 * @param unitValue the money value of one unit, in major units
 * @param fractionDigits the currency's minor digits
 */
record PeriodFacts(long days, long enrolments, long members, long activeMembers, long previouslyActive,
		long retained, long repeaters, long memberOrders, long memberRevenueMinor, long anonymousOrders,
		long anonymousRevenueMinor, long lifetimeMemberRevenueMinor, long issued, long redeemed, long expired,
		long outstanding, long lifetimeRedeemed, long lifetimeExpired, long enteredCostMinor, BigDecimal unitValue,
		int fractionDigits) {
}
