package io.fidelis.bench;

import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import io.fidelis.earning.rules.Beneficiary;
import io.fidelis.earning.rules.CompiledRule;
import io.fidelis.earning.rules.Conditions;
import io.fidelis.earning.rules.Effect;
import io.fidelis.earning.rules.EventFacts;
import io.fidelis.earning.rules.Evaluation;
import io.fidelis.earning.rules.LimitGate;
import io.fidelis.earning.rules.MemberFacts;
import io.fidelis.earning.rules.Rounding;
import io.fidelis.earning.rules.RuleCompiler;
import io.fidelis.earning.rules.RuleDefinition;
import io.fidelis.earning.rules.RuleEngine;
import io.fidelis.earning.rules.RuleSet;
import io.fidelis.program.ExpiryPolicy;
import io.fidelis.program.Program;
import io.fidelis.program.ProgramId;
import io.fidelis.program.ProgramKind;
import io.fidelis.shared.Money;
import io.fidelis.shared.TenantId;

/**
 * Purchases evaluated per second against a program of 10, 50 or 200 active rules, with and without a CEL condition
 * on every rule: the rules engine alone, compiled rules in memory, no database (see BENCHMARKS.md).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class RuleEvaluationBenchmark {

	@Param({ "10", "50", "200" })
	int rules;

	@Param({ "false", "true" })
	boolean cel;

	private RuleSet ruleSet;
	private EventFacts purchase;
	private MemberFacts member;

	@Setup
	public void compileRules() {
		Currency eur = Currency.getInstance("EUR");
		Program program = new Program(new ProgramId(UUID.randomUUID()), new TenantId(UUID.randomUUID()), "points",
				"Points", ProgramKind.POINTS, eur, new BigDecimal("0.01"), ExpiryPolicy.NEVER, 0, 0, false,
				ZoneId.of("Europe/Paris"), Instant.EPOCH, Instant.EPOCH);
		List<CompiledRule> compiled = new ArrayList<>();
		for (int i = 0; i < rules; i++) {
			compiled.add(RuleCompiler.compile(UUID.randomUUID(), 1, Instant.EPOCH.plusSeconds(i), rule(i), program,
					null, Set.of()));
		}
		ruleSet = new RuleSet(program, compiled);
		purchase = new EventFacts("purchase", new Money(4990, eur),
				List.of(new EventFacts.Item("CAP-01", "coffee", BigDecimal.valueOf(2), 380),
						new EventFacts.Item("CRO-01", "bakery", BigDecimal.ONE, 140),
						new EventFacts.Item("BEA-01", "beans", BigDecimal.ONE, 1400)),
				"paris-bastille", "store", Instant.parse("2026-11-28T10:15:00Z"), Map.of());
		member = new MemberFacts(UUID.randomUUID(), LocalDate.of(1990, 11, 28), 12, "fr", Set.of("newsletter"), null, null);
	}

	/** A mix of what programs run: rates, category bonuses, weekend multipliers, thresholds, store offers. */
	private RuleDefinition rule(int i) {
		String expression = cel ? "event.amount > " + (i % 40) + ".0 && event.items.exists(item, item.quantity > 0.0)"
				: null;
		Conditions conditions;
		Effect effect;
		switch (i % 5) {
			case 0 -> {
				conditions = conditions(null, null, null, null, expression);
				effect = new Effect.PointsPerAmount(BigDecimal.ONE, BigDecimal.ONE, Rounding.DOWN, null);
			}
			case 1 -> {
				conditions = conditions(new Conditions.Items(null, List.of("coffee"), null, null), null, null, null,
						expression);
				effect = new Effect.PointsPerItem(2L);
			}
			case 2 -> {
				conditions = conditions(null, List.of(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY), null, null, expression);
				effect = new Effect.Multiplier(new BigDecimal("1.5"), null);
			}
			case 3 -> {
				conditions = conditions(null, null, new BigDecimal(10 + i % 50), null, expression);
				effect = new Effect.FixedPoints(25L);
			}
			default -> {
				conditions = conditions(null, null, null, List.of("paris-bastille", "lyon-part-dieu"), expression);
				effect = new Effect.PointsPerAmount(new BigDecimal("10"), new BigDecimal("5"), Rounding.DOWN, true);
			}
		}
		return new RuleDefinition("Rule " + i, null, RuleCompiler.PURCHASE, conditions, effect, null, null, null, null,
				i, null, null);
	}

	private static Conditions conditions(Conditions.Items items, List<DayOfWeek> days, BigDecimal minAmount,
			List<String> stores, String expression) {
		return new Conditions(minAmount, null, items, stores, null, days, null, null, null, null, null, null,
				expression, null, null);
	}

	@Benchmark
	public Evaluation evaluatePurchase() {
		return RuleEngine.evaluate(ruleSet, purchase, member, Beneficiary.MEMBER, LimitGate.UNLIMITED);
	}
}
