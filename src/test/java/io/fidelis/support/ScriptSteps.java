package io.fidelis.support;

import java.util.Arrays;
import java.util.List;

/** The steps of a test script: one per line, blank lines and {@code #} comments left out. */
public final class ScriptSteps {

	private ScriptSteps() {
	}

	public static List<String> of(String script) {
		return Arrays.stream(script.strip().split("\n"))
			.map(String::strip)
			.filter(step -> !step.isEmpty() && !step.startsWith("#"))
			.toList();
	}
}
