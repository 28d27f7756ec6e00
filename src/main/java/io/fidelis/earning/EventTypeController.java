package io.fidelis.earning;

import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.fidelis.shared.IdempotentRequests;
import io.fidelis.shared.TenantId;
import io.fidelis.tenant.Caller;
import io.fidelis.tenant.Scope;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** The event types of a tenant: the built-in ones, and custom activities it declares for its rules and tills. */
@RestController
@RequestMapping("/api/v1/event-types")
class EventTypeController {

	private final EventTypes eventTypes;
	private final IdempotentRequests idempotentRequests;

	EventTypeController(EventTypes eventTypes, IdempotentRequests idempotentRequests) {
		this.eventTypes = eventTypes;
		this.idempotentRequests = idempotentRequests;
	}

	record Declaration(@NotBlank @Pattern(regexp = "[a-z][a-z0-9_]{0,39}",
			message = "must be 1 to 40 lower-case letters, digits or '_', starting with a letter") String name,
			@Size(max = 200) String description) {
	}

	@PostMapping
	ResponseEntity<EventTypes.EventType> declare(Caller caller,
			@RequestHeader(name = IdempotentRequests.HEADER, required = false) String idempotencyKey,
			@Valid @RequestBody Declaration declaration) {
		TenantId tenant = caller.require(Scope.PROGRAMS_WRITE);
		return idempotentRequests.execute(tenant, idempotencyKey, "POST /event-types", declaration,
				EventTypes.EventType.class, HttpStatus.CREATED,
				() -> eventTypes.declare(tenant, declaration.name(), declaration.description()))
			.toResponseEntity();
	}

	@GetMapping
	List<EventTypes.EventType> list(Caller caller) {
		return eventTypes.list(caller.tenantId());
	}
}
