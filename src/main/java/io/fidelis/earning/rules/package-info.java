/**
 * The rules engine: how rules are written ({@link io.fidelis.earning.rules.RuleDefinition}), checked and compiled
 * ({@link io.fidelis.earning.rules.RuleCompiler}) and evaluated ({@link io.fidelis.earning.rules.RuleEngine}).
 * Pure: no Spring, no database but through a {@link io.fidelis.earning.rules.LimitGate}. Its definitions are part of
 * the earning module's API.
 */
@NamedInterface("rules")
package io.fidelis.earning.rules;

import org.springframework.modulith.NamedInterface;
