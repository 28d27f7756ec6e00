package io.fidelis.web.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

import io.fidelis.earning.rules.Beneficiary;
import io.fidelis.earning.rules.Conditions;
import io.fidelis.earning.rules.Effect;
import io.fidelis.earning.rules.Limits;
import io.fidelis.earning.rules.Rounding;
import io.fidelis.earning.rules.RuleDefinition;
import io.fidelis.earning.rules.Stacking;
import io.fidelis.member.Labels;
import io.fidelis.shared.BusinessException;

/** The builder's fields say everything a rule says: a definition shown in the form and saved again is the same. */
class RuleFormTest {

	static final ZoneId PARIS = ZoneId.of("Europe/Paris");

	static RuleDefinition withEffect(Effect effect) {
		return new RuleDefinition("Everything", "Every field set", "purchase",
				new Conditions(new BigDecimal("20"), new BigDecimal("500.5"),
						new Conditions.Items(List.of("sku-1"), List.of("coffee", "tea"), List.of("sku-9"),
								List.of("gift-cards")),
						List.of("paris-1"), List.of("web", "app"), List.of(DayOfWeek.MONDAY, DayOfWeek.FRIDAY),
						new Conditions.Hours(LocalTime.of(7, 30), LocalTime.of(11, 0)), Boolean.TRUE,
						new Conditions.NthPurchase(null, 3), Conditions.Birthday.MONTH, Map.of("rating", "5"),
						new Labels(List.of("vip"), List.of("newsletter", "app"), List.of("staff")),
						"event.amount > 20.0", List.of("gold"), List.of("champions", "loyal")),
				effect, Beneficiary.MEMBER,
				new Limits(List.of(new Limits.PerMember(Limits.Period.DAY, 1L, null),
						new Limits.PerMember(Limits.Period.MONTH, null, 400L)), 100_000L),
				OffsetDateTime.parse("2026-12-01T00:00+01:00"), OffsetDateTime.parse("2027-01-01T00:00+01:00"), 50,
				new Stacking(Stacking.Mode.BEST_OF, "weekend"), "winter");
	}

	static RuleDefinition roundTrip(RuleDefinition rule) {
		RuleForm shown = RuleForm.of(rule, PARIS);
		MultiValueMap<String, String> posted = new LinkedMultiValueMap<>();
		for (String field : List.of("name", "description", "trigger", "beneficiary", "priority", "stacking.mode",
				"stacking.group", "validFrom", "validTo", "campaign", "conditions.minAmount", "conditions.maxAmount",
				"conditions.items.skus", "conditions.items.categories", "conditions.items.excludeSkus",
				"conditions.items.excludeCategories", "conditions.stores", "conditions.channels",
				"conditions.hours.from", "conditions.hours.to", "conditions.firstPurchase",
				"conditions.nthPurchase.kind", "conditions.nthPurchase.n", "conditions.birthday",
				"conditions.attributes", "conditions.labels.anyOf", "conditions.labels.allOf",
				"conditions.labels.noneOf", "conditions.tiers", "conditions.expression", "effect.type",
				"effect.points", "effect.per", "effect.rounding", "effect.step", "effect.fixed", "effect.factor",
				"effect.perItem", "effect.stamps", "effect.percent", "effect.reward", "effect.quantity",
				"limits.budget")) {
			posted.add(field, shown.value(field));
		}
		for (DayOfWeek day : DayOfWeek.values()) {
			if (shown.has("conditions.daysOfWeek", day.name())) {
				posted.add("conditions.daysOfWeek", day.name());
			}
		}
		for (String segment : List.of("champions", "loyal", "at_risk")) {
			if (shown.has("conditions.segments", segment)) {
				posted.add("conditions.segments", segment);
			}
		}
		// As the page posts them: every row of limits, the empty ones too.
		for (int row = 0; row < RuleForm.LIMIT_ROWS; row++) {
			posted.add("limits.period", shown.value("limits.period", row));
			posted.add("limits.count", shown.value("limits.count", row));
			posted.add("limits.points", shown.value("limits.points", row));
		}
		return RuleForm.posted(posted).definition(PARIS);
	}

	@Test
	void keepsEveryFieldOfARuleThroughTheForm() {
		for (Effect effect : List.of(new Effect.PointsPerAmount(new BigDecimal("1.5"), new BigDecimal("2"),
				Rounding.HALF_UP, Boolean.TRUE), new Effect.FixedPoints(50L),
				new Effect.Multiplier(new BigDecimal("2.5"), Rounding.UP), new Effect.PointsPerItem(3L),
				new Effect.Stamps(1L), new Effect.CashbackPercent(new BigDecimal("2.5"), Rounding.DOWN),
				new Effect.IssueReward("free-coffee", 2))) {
			RuleDefinition rule = withEffect(effect);

			assertThat(roundTrip(rule)).as(RuleForm.type(effect)).usingRecursiveComparison()
				.withComparatorForType(BigDecimal::compareTo, BigDecimal.class)
				.withComparatorForType(OffsetDateTime::compareTo, OffsetDateTime.class)
				.isEqualTo(rule);
		}
	}

	@Test
	void leavesOutWhatWasNotFilled() {
		RuleDefinition plain = new RuleDefinition("Plain", null, "signup", null, new Effect.FixedPoints(10L), null,
				null, null, null, null, null, null);

		RuleDefinition saved = roundTrip(plain);

		assertThat(saved.conditions()).isNull();
		assertThat(saved.limits()).isNull();
		assertThat(saved.effect()).isEqualTo(new Effect.FixedPoints(10L));
	}

	@Test
	void namesTheFieldItCannotRead() {
		MultiValueMap<String, String> posted = new LinkedMultiValueMap<>();
		posted.add("name", "Typo");
		posted.add("trigger", "purchase");
		posted.add("effect.type", "points_per_item");
		posted.add("effect.perItem", "two");

		assertThatThrownBy(() -> RuleForm.posted(posted).definition(PARIS)).isInstanceOf(BusinessException.class)
			.hasMessage("effect.perItem: must be a whole number");
	}
}
