package io.fidelis.program;

import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.fidelis.shared.BusinessException;
import io.fidelis.shared.IdempotentRequests;
import io.fidelis.shared.Money;
import io.fidelis.shared.TenantId;
import io.fidelis.tenant.Caller;
import io.fidelis.tenant.Scope;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** Defining programs. Any key of the tenant may read them; changing them needs {@code programs:write}. */
@RestController
@RequestMapping("/api/v1/programs")
class ProgramController {

	private final Programs programs;
	private final IdempotentRequests idempotentRequests;

	ProgramController(Programs programs, IdempotentRequests idempotentRequests) {
		this.programs = programs;
		this.idempotentRequests = idempotentRequests;
	}

	record ExpiryRequest(@NotNull ExpiryPolicy.Rule policy, @Min(0) @Max(ExpiryPolicy.MAX_PERIOD) Integer period) {

		ExpiryPolicy toPolicy() {
			try {
				return new ExpiryPolicy(policy, period == null ? 0 : period);
			}
			catch (IllegalArgumentException invalid) {
				throw BusinessException.invalid("expiry.period", invalid.getMessage());
			}
		}
	}

	/**
	 * A program's definition. On creation {@code code}, {@code name} and {@code currency} are required and the rest
	 * default as documented; on update, omitted settings keep their values and the code and kind cannot change.
	 */
	record ProgramRequest(@Pattern(regexp = "[a-z0-9][a-z0-9_-]{0,31}",
			message = "must be 1 to 32 lower-case letters, digits, '-' or '_'") String code,
			@Size(min = 1, max = 100) @Pattern(regexp = "(?s).*\\S.*", message = "must not be blank") String name,
			ProgramKind kind, String currency,
			@DecimalMin("0") @DecimalMax("1000000") @Digits(integer = 7, fraction = 6) BigDecimal unitValue,
			@Valid ExpiryRequest expiry, @Min(0) @Max(365) Integer expiryWarningDays,
			@Min(0) @Max(365) Integer pendingDays, Boolean allowNegativeBalance, @Size(max = 64) String timeZone) {

		/** This request's settings laid over {@code base}. */
		ProgramDefinition over(ProgramDefinition base) {
			return new ProgramDefinition(base.code(), Objects.requireNonNullElse(name, base.name()), base.kind(),
					currency == null ? base.currency() : Money.currency(currency, "currency"),
					Objects.requireNonNullElse(unitValue, base.unitValue()),
					expiry == null ? base.expiry() : expiry.toPolicy(),
					Objects.requireNonNullElse(expiryWarningDays, base.expiryWarningDays()),
					Objects.requireNonNullElse(pendingDays, base.pendingDays()),
					Objects.requireNonNullElse(allowNegativeBalance, base.allowNegativeBalance()),
					timeZone == null ? base.timeZone() : zone(timeZone));
		}
	}

	record ExpiryResponse(ExpiryPolicy.Rule policy, int period) {
	}

	record ProgramResponse(UUID id, String code, String name, ProgramKind kind, String currency, String unitValue,
			ExpiryResponse expiry, int expiryWarningDays, int pendingDays, boolean allowNegativeBalance,
			String timeZone, Instant createdAt, Instant updatedAt) {

		static ProgramResponse of(Program program) {
			return new ProgramResponse(program.id().value(), program.code(), program.name(), program.kind(),
					program.currency().getCurrencyCode(), program.unitValue().toPlainString(),
					new ExpiryResponse(program.expiry().policy(), program.expiry().period()),
					program.expiryWarningDays(), program.pendingDays(), program.allowNegativeBalance(),
					program.timeZone().getId(), program.createdAt(), program.updatedAt());
		}
	}

	@PostMapping
	ResponseEntity<ProgramResponse> create(Caller caller,
			@RequestHeader(name = IdempotentRequests.HEADER, required = false) String idempotencyKey,
			@Valid @RequestBody ProgramRequest request) {
		TenantId tenant = caller.require(Scope.PROGRAMS_WRITE);
		requirePresent(request.code(), "code");
		requirePresent(request.name(), "name");
		requirePresent(request.currency(), "currency");
		ProgramDefinition definition = request.over(new ProgramDefinition(request.code(), request.name(),
				Objects.requireNonNullElse(request.kind(), ProgramKind.POINTS),
				Money.currency(request.currency(), "currency"), new BigDecimal("0.01"), ExpiryPolicy.NEVER, 0, 0,
				false, ZoneId.of("UTC")));
		return idempotentRequests
			.execute(tenant, idempotencyKey, "POST /programs", request, ProgramResponse.class, HttpStatus.CREATED,
					() -> ProgramResponse.of(programs.create(tenant, definition)))
			.toResponseEntity();
	}

	/** Changes the settings given. New settings apply to what is earned from then on, not to earlier lots. */
	@PatchMapping("/{code}")
	ResponseEntity<ProgramResponse> update(Caller caller, @PathVariable String code,
			@RequestHeader(name = IdempotentRequests.HEADER, required = false) String idempotencyKey,
			@Valid @RequestBody ProgramRequest changes) {
		TenantId tenant = caller.require(Scope.PROGRAMS_WRITE);
		return idempotentRequests
			.execute(tenant, idempotencyKey, "PATCH /programs/" + code, changes, ProgramResponse.class,
					HttpStatus.OK, () -> {
						Program current = programs.get(tenant, code);
						requireUnchanged(changes.code(), current.code(), "code");
						requireUnchanged(changes.kind(), current.kind(), "kind");
						return ProgramResponse.of(programs.update(tenant, code, changes.over(current.definition())));
					})
			.toResponseEntity();
	}

	@GetMapping
	List<ProgramResponse> list(Caller caller) {
		return programs.list(caller.tenantId()).stream().map(ProgramResponse::of).toList();
	}

	@GetMapping("/{code}")
	ProgramResponse get(Caller caller, @PathVariable String code) {
		return ProgramResponse.of(programs.get(caller.tenantId(), code));
	}

	private static ZoneId zone(String id) {
		try {
			return ZoneId.of(id);
		}
		catch (DateTimeException unknown) {
			throw BusinessException.invalid("timeZone", "'" + id + "' is not a time zone such as Europe/Paris");
		}
	}

	private static void requirePresent(String value, String field) {
		if (value == null || value.isBlank()) {
			throw BusinessException.invalid(field, "is required");
		}
	}

	private static void requireUnchanged(Object requested, Object current, String field) {
		if (requested != null && !requested.equals(current)) {
			throw BusinessException.invalid(field, "cannot be changed");
		}
	}
}
