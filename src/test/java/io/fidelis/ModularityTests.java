package io.fidelis;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;

/** The module boundaries of DESIGN.md hold: no cycles, no reaching into another module's internals. */
class ModularityTests {

	private final ApplicationModules modules = ApplicationModules.of(FidelisApplication.class);

	@Test
	void modulesRespectTheirBoundaries() {
		modules.verify();
	}
}
