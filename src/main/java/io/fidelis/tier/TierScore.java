package io.fidelis.tier;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelValidationException;
import dev.cel.common.types.SimpleType;
import dev.cel.compiler.CelCompiler;
import dev.cel.compiler.CelCompilerFactory;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelRuntimeFactory;

/**
 * A ladder's own metric: a CEL expression over what the other metrics count in the window, as decimals —
 * {@code pointsEarned}, {@code amountSpent} (major units) and {@code purchases} — such as
 * {@code pointsEarned + amountSpent * 2.0 + purchases * 50.0}. Its value, rounded down and never below 0, is what the
 * thresholds are compared with.
 */
final class TierScore {

	private static final CelCompiler COMPILER = CelCompilerFactory.standardCelCompilerBuilder()
		.addVar("pointsEarned", SimpleType.DOUBLE)
		.addVar("amountSpent", SimpleType.DOUBLE)
		.addVar("purchases", SimpleType.DOUBLE)
		.setResultType(SimpleType.DOUBLE)
		.build();
	private static final CelRuntime RUNTIME = CelRuntimeFactory.standardCelRuntimeBuilder().build();
	/** Sanity: compiled once per expression; tenants have a few, the cache forgets all past this many. */
	private static final int MAX_CACHED = 1_000;
	private static final Map<String, CelRuntime.Program> COMPILED = new ConcurrentHashMap<>();

	private TierScore() {
	}

	/** @throws IllegalArgumentException with the compiler's message when the expression is not a number in CEL */
	static void check(String source) {
		compiled(source);
	}

	static long of(String source, double pointsEarned, double amountSpent, double purchases) {
		try {
			Object value = compiled(source).eval(Map.of("pointsEarned", pointsEarned, "amountSpent", amountSpent,
					"purchases", purchases));
			double score = ((Number) value).doubleValue();
			return Double.isNaN(score) ? 0 : Math.max(0, (long) Math.floor(Math.min(score, Long.MAX_VALUE)));
		}
		catch (CelEvaluationException failed) {
			// Sanity: the expression type-checked to a number; a runtime failure (a division by zero) scores 0.
			return 0;
		}
	}

	private static CelRuntime.Program compiled(String source) {
		CelRuntime.Program program = COMPILED.get(source);
		if (program != null) {
			return program;
		}
		try {
			CelAbstractSyntaxTree ast = COMPILER.compile(source).getAst();
			program = RUNTIME.createProgram(ast);
		}
		catch (CelValidationException | CelEvaluationException invalid) {
			throw new IllegalArgumentException(invalid.getMessage(), invalid);
		}
		if (COMPILED.size() >= MAX_CACHED) {
			COMPILED.clear();
		}
		COMPILED.put(source, program);
		return program;
	}
}
