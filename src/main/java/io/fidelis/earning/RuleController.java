package io.fidelis.earning;

import java.util.List;
import java.util.UUID;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.fidelis.earning.rules.RuleDefinition;
import io.fidelis.program.Program;
import io.fidelis.program.Programs;
import io.fidelis.shared.IdempotentRequests;
import io.fidelis.shared.TenantId;
import io.fidelis.tenant.Caller;
import io.fidelis.tenant.Scope;
import jakarta.validation.Valid;

/** A program's earning rules: write them, change them (each change a version), switch them off, read their history. */
@RestController
@RequestMapping("/api/v1/programs/{code}/rules")
class RuleController {

	private final Programs programs;
	private final Rules rules;
	private final IdempotentRequests idempotentRequests;

	RuleController(Programs programs, Rules rules, IdempotentRequests idempotentRequests) {
		this.programs = programs;
		this.rules = rules;
		this.idempotentRequests = idempotentRequests;
	}

	@PostMapping
	ResponseEntity<RuleResponse> create(Caller caller, @PathVariable String code,
			@RequestHeader(name = IdempotentRequests.HEADER, required = false) String idempotencyKey,
			@Valid @RequestBody RuleDefinition definition) {
		TenantId tenant = caller.require(Scope.PROGRAMS_WRITE);
		return idempotentRequests.execute(tenant, idempotencyKey, "POST /programs/" + code + "/rules", definition,
				RuleResponse.class, HttpStatus.CREATED, () -> {
					Program program = programs.get(tenant, code);
					return RuleResponse.of(code, rules.create(tenant, program, definition, changedBy(caller)));
				})
			.toResponseEntity();
	}

	/** Replaces the rule's definition with a new version. */
	@PutMapping("/{id}")
	ResponseEntity<RuleResponse> update(Caller caller, @PathVariable String code, @PathVariable UUID id,
			@RequestHeader(name = IdempotentRequests.HEADER, required = false) String idempotencyKey,
			@Valid @RequestBody RuleDefinition definition) {
		TenantId tenant = caller.require(Scope.PROGRAMS_WRITE);
		return idempotentRequests.execute(tenant, idempotencyKey, "PUT /programs/" + code + "/rules/" + id,
				definition, RuleResponse.class, HttpStatus.OK, () -> {
					Program program = programs.get(tenant, code);
					return RuleResponse.of(code, rules.update(tenant, program, id, definition, changedBy(caller)));
				})
			.toResponseEntity();
	}

	@PostMapping("/{id}/deactivate")
	ResponseEntity<RuleResponse> deactivate(Caller caller, @PathVariable String code, @PathVariable UUID id,
			@RequestHeader(name = IdempotentRequests.HEADER, required = false) String idempotencyKey) {
		return switchTo(false, caller, code, id, idempotencyKey);
	}

	@PostMapping("/{id}/activate")
	ResponseEntity<RuleResponse> activate(Caller caller, @PathVariable String code, @PathVariable UUID id,
			@RequestHeader(name = IdempotentRequests.HEADER, required = false) String idempotencyKey) {
		return switchTo(true, caller, code, id, idempotencyKey);
	}

	@GetMapping
	List<RuleResponse> list(Caller caller, @PathVariable String code) {
		TenantId tenant = caller.tenantId();
		return rules.list(tenant, programs.get(tenant, code)).stream().map(rule -> RuleResponse.of(code, rule)).toList();
	}

	@GetMapping("/{id}")
	RuleResponse get(Caller caller, @PathVariable String code, @PathVariable UUID id) {
		TenantId tenant = caller.tenantId();
		return RuleResponse.of(code, rules.get(tenant, programs.get(tenant, code), id));
	}

	/** Every version of the rule, newest first, with who changed it and how. */
	@GetMapping("/{id}/versions")
	List<RuleVersion> versions(Caller caller, @PathVariable String code, @PathVariable UUID id) {
		TenantId tenant = caller.tenantId();
		return rules.versions(tenant, programs.get(tenant, code), id);
	}

	private ResponseEntity<RuleResponse> switchTo(boolean active, Caller caller, String code, UUID id,
			String idempotencyKey) {
		TenantId tenant = caller.require(Scope.PROGRAMS_WRITE);
		String operation = "POST /programs/" + code + "/rules/" + id + (active ? "/activate" : "/deactivate");
		return idempotentRequests.execute(tenant, idempotencyKey, operation, id, RuleResponse.class, HttpStatus.OK,
				() -> {
					Program program = programs.get(tenant, code);
					return RuleResponse.of(code, rules.activate(tenant, program, id, active, changedBy(caller)));
				})
			.toResponseEntity();
	}

	/** Who changed a rule, for its history: the API key, until operators log in (back-office). */
	private static String changedBy(Caller caller) {
		return "api-key:" + caller.apiKeyId();
	}
}
