package io.fidelis.earning.rules;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.MonthDay;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import io.fidelis.shared.Money;

/** A rule's conditions against one event: the first that does not hold, in words an operator reads. */
final class ConditionCheck {

	private ConditionCheck() {
	}

	/** Why the rule's campaign audience or conditions do not hold, or null if they all do. */
	static String failure(CompiledRule rule, RuleEngine.Context context, RuleEngine.Basket basket) {
		EventFacts event = context.event;
		CampaignTerms campaign = rule.campaign();
		if (campaign != null && campaign.audience() != null) {
			String outside = campaign.audience().failure(context.member);
			if (outside != null) {
				return "not in the audience of campaign " + campaign.code() + ": " + outside;
			}
		}
		if ((rule.effect().needsPurchase() || rule.conditions() != null && rule.conditions().needPurchase())
				&& !context.sameCurrency()) {
			return "the purchase is in " + event.amount().currency().getCurrencyCode() + "; the program earns on "
					+ context.rules.program().currency().getCurrencyCode();
		}
		Conditions conditions = rule.conditions();
		if (conditions == null) {
			return null;
		}
		if (rule.hasItemFilter() && basket.items() == 0) {
			return "no item of the purchase is one the rule looks at";
		}
		if (conditions.minAmount() != null && basket.amount().majorUnits().compareTo(conditions.minAmount()) < 0) {
			return "the amount " + basket.amount() + " is below " + money(conditions.minAmount(), basket.amount());
		}
		if (conditions.maxAmount() != null && basket.amount().majorUnits().compareTo(conditions.maxAmount()) > 0) {
			return "the amount " + basket.amount() + " is above " + money(conditions.maxAmount(), basket.amount());
		}
		// Sets of Set.copyOf refuse to look for null: an event without a store or channel is asked about first.
		if (!rule.stores().isEmpty() && (event.storeId() == null || !rule.stores().contains(event.storeId()))) {
			return event.storeId() == null ? "the event names no store"
					: "store " + event.storeId() + " is not one of " + sorted(rule.stores());
		}
		if (!rule.channels().isEmpty() && (event.channel() == null || !rule.channels().contains(event.channel()))) {
			return event.channel() == null ? "the event names no channel"
					: "channel " + event.channel() + " is not one of " + sorted(rule.channels());
		}
		if (!rule.days().isEmpty() && !rule.days().contains(context.localTime.getDayOfWeek())) {
			return context.localTime.getDayOfWeek().toString().toLowerCase() + " is not one of the rule's days";
		}
		if (conditions.hours() != null && !within(conditions.hours(), context.localTime.toLocalTime())) {
			return context.localTime.toLocalTime().withNano(0) + " is outside " + conditions.hours().from() + "-"
					+ conditions.hours().to();
		}
		MemberFacts member = context.member;
		if (Boolean.TRUE.equals(conditions.firstPurchase()) && member.purchases() != 1) {
			return "not the member's first purchase (their " + ordinal(member.purchases()) + ")";
		}
		Conditions.NthPurchase nth = conditions.nthPurchase();
		if (nth != null && nth.every() != null && member.purchases() % nth.every() != 0) {
			return "the member's " + ordinal(member.purchases()) + " purchase, not a multiple of " + nth.every();
		}
		if (nth != null && nth.exactly() != null && member.purchases() != nth.exactly()) {
			return "the member's " + ordinal(member.purchases()) + " purchase, not their " + ordinal(nth.exactly());
		}
		if (conditions.birthday() != null) {
			String birthday = birthday(conditions.birthday(), member.birthDate(), context.localTime.toLocalDate());
			if (birthday != null) {
				return birthday;
			}
		}
		if (conditions.labels() != null) {
			String labels = conditions.labels().failure(member.labels());
			if (labels != null) {
				return labels;
			}
		}
		String outside = conditions.tiers() == null ? null : member.outsideTiers(conditions.tiers());
		if (outside == null && conditions.segments() != null) {
			outside = member.outsideSegments(conditions.segments());
		}
		if (outside != null) {
			return outside;
		}
		if (conditions.attributes() != null) {
			for (Map.Entry<String, String> attribute : conditions.attributes().entrySet()) {
				String value = event.attributes().get(attribute.getKey());
				if (!attribute.getValue().equals(value)) {
					return "attribute " + attribute.getKey() + " is " + (value == null ? "missing" : "'" + value + "'")
							+ ", not '" + attribute.getValue() + "'";
				}
			}
		}
		if (rule.expression() != null) {
			return rule.expression().failure(context.celEvent(), context.celMember());
		}
		return null;
	}

	private static boolean within(Conditions.Hours hours, LocalTime time) {
		return hours.from().isBefore(hours.to()) ? !time.isBefore(hours.from()) && time.isBefore(hours.to())
				: !time.isBefore(hours.from()) || time.isBefore(hours.to());
	}

	private static String birthday(Conditions.Birthday match, LocalDate birthDate, LocalDate today) {
		if (birthDate == null) {
			return "the member's birth date is unknown";
		}
		boolean holds = match == Conditions.Birthday.MONTH ? birthDate.getMonth() == today.getMonth()
				: MonthDay.from(birthDate).equals(MonthDay.from(today))
						// Born on 29 February: the birthday is the 28th in other years.
						|| birthDate.getMonthValue() == 2 && birthDate.getDayOfMonth() == 29 && !today.isLeapYear()
								&& today.getMonthValue() == 2 && today.getDayOfMonth() == 28;
		return holds ? null : match == Conditions.Birthday.MONTH ? "not the member's birthday month"
				: "not the member's birthday";
	}

	private static String money(java.math.BigDecimal majorUnits, Money like) {
		return majorUnits.toPlainString() + " " + like.currency().getCurrencyCode();
	}

	private static String sorted(Set<String> values) {
		return values.stream().sorted().collect(Collectors.joining(", ", "[", "]"));
	}

	private static String ordinal(long n) {
		long tens = n % 100;
		String suffix = tens >= 11 && tens <= 13 ? "th" : switch ((int) (n % 10)) {
			case 1 -> "st";
			case 2 -> "nd";
			case 3 -> "rd";
			default -> "th";
		};
		return n + suffix;
	}
}
