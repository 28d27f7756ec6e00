package io.fidelis.earning.rules;

import java.util.Map;

import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelOptions;
import dev.cel.common.CelValidationException;
import dev.cel.common.types.MapType;
import dev.cel.common.types.SimpleType;
import dev.cel.compiler.CelCompiler;
import dev.cel.compiler.CelCompilerFactory;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelRuntimeFactory;

/**
 * An operator's CEL condition over {@code event} and {@code member} (maps: {@code event.amount > 20.0},
 * {@code event.items.exists(i, i.category == 'coffee')}, {@code member.purchases % 10 == 0},
 * {@code 'vip' in member.labels}). CEL always ends and cannot touch anything but what it is given. Compiled when
 * the rule is saved, evaluated per event.
 */
final class CelExpression {

	private static final CelOptions OPTIONS = CelOptions.current().enableHeterogeneousNumericComparisons(true).build();
	private static final CelCompiler COMPILER = CelCompilerFactory.standardCelCompilerBuilder()
		.setOptions(OPTIONS)
		.setStandardMacros(CelStandardMacro.STANDARD_MACROS)
		.addVar("event", MapType.create(SimpleType.STRING, SimpleType.DYN))
		.addVar("member", MapType.create(SimpleType.STRING, SimpleType.DYN))
		.setResultType(SimpleType.BOOL)
		.build();
	private static final CelRuntime RUNTIME = CelRuntimeFactory.standardCelRuntimeBuilder().setOptions(OPTIONS).build();

	private final String source;
	private final CelRuntime.Program program;

	private CelExpression(String source, CelRuntime.Program program) {
		this.source = source;
		this.program = program;
	}

	/** @throws IllegalArgumentException with the compiler's message when the expression is not valid CEL */
	static CelExpression compile(String source) {
		try {
			CelAbstractSyntaxTree ast = COMPILER.compile(source).getAst();
			return new CelExpression(source, RUNTIME.createProgram(ast));
		}
		catch (CelValidationException invalid) {
			throw new IllegalArgumentException(invalid.getMessage(), invalid);
		}
		catch (CelEvaluationException unusable) {
			throw new IllegalArgumentException(unusable.getMessage(), unusable);
		}
	}

	/** Why the expression does not hold for these facts, or null if it does. */
	String failure(Map<String, Object> event, Map<String, Object> member) {
		try {
			Object result = program.eval(Map.of("event", event, "member", member));
			if (Boolean.TRUE.equals(result)) {
				return null;
			}
			return result instanceof Boolean ? "the expression " + source + " is false"
					: "the expression " + source + " gave " + result + ", not true or false";
		}
		catch (CelEvaluationException failed) {
			return "the expression " + source + " could not be evaluated: " + failed.getMessage();
		}
	}
}
