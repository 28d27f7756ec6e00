package io.fidelis.tenant;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.fidelis.shared.IdempotentRequests;
import io.fidelis.shared.IdempotentResponse;
import io.fidelis.shared.TenantId;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** Creating, listing and revoking the API keys of the caller's tenant. */
@RestController
@RequestMapping("/api/v1/api-keys")
class ApiKeyController {

	private final ApiKeys apiKeys;
	private final IdempotentRequests idempotentRequests;

	ApiKeyController(ApiKeys apiKeys, IdempotentRequests idempotentRequests) {
		this.apiKeys = apiKeys;
		this.idempotentRequests = idempotentRequests;
	}

	record CreateApiKey(@NotBlank @Size(max = 100) String name, @NotEmpty @Size(max = 20) List<String> scopes,
			@Size(max = 64) @Pattern(regexp = "[A-Za-z0-9._-]+") String storeId) {
	}

	@JsonInclude(JsonInclude.Include.NON_NULL)
	/** @param lastUsedAt when a request last authenticated with the key, to the minute; left out if never */
	record ApiKeyResponse(UUID id, String name, String prefix, List<String> scopes, String storeId,
			Instant createdAt, Instant revokedAt, Instant lastUsedAt, String key) {

		static ApiKeyResponse of(ApiKey apiKey, String key) {
			return new ApiKeyResponse(apiKey.id(), apiKey.name(), apiKey.prefix(),
					apiKey.scopes().stream().map(Scope::code).sorted().toList(), apiKey.storeId(),
					apiKey.createdAt(), apiKey.revokedAt(), apiKey.lastUsedAt(), key);
		}

		ApiKeyResponse withKey(String secret) {
			return new ApiKeyResponse(id, name, prefix, scopes, storeId, createdAt, revokedAt, lastUsedAt, secret);
		}
	}

	/**
	 * The secret is in the first answer only. A replay gives the same key's details without it: the secret is not
	 * stored anywhere, not even with the idempotency record.
	 */
	@PostMapping
	ResponseEntity<ApiKeyResponse> create(Caller caller, @RequestHeader(name = IdempotentRequests.HEADER,
			required = false) String idempotencyKey, @Valid @RequestBody CreateApiKey request) {
		TenantId tenant = caller.require(Scope.API_KEYS_MANAGE);
		Set<Scope> scopes = Scope.parse(request.scopes());
		AtomicReference<String> secret = new AtomicReference<>();
		IdempotentResponse<ApiKeyResponse> response = idempotentRequests.execute(tenant, idempotencyKey,
				"POST /api-keys", request, ApiKeyResponse.class, HttpStatus.CREATED, () -> {
					IssuedApiKey issued = apiKeys.issue(tenant, request.name(), scopes, request.storeId());
					secret.set(issued.key());
					return ApiKeyResponse.of(issued.apiKey(), null);
				});
		if (response.replayed()) {
			return response.toResponseEntity();
		}
		return new IdempotentResponse<>(response.body().withKey(secret.get()), response.status(), false)
			.toResponseEntity();
	}

	@GetMapping
	List<ApiKeyResponse> list(Caller caller) {
		return apiKeys.list(caller.require(Scope.API_KEYS_MANAGE))
			.stream()
			.map(apiKey -> ApiKeyResponse.of(apiKey, null))
			.toList();
	}

	@DeleteMapping("/{id}")
	ApiKeyResponse revoke(Caller caller, @PathVariable UUID id) {
		return ApiKeyResponse.of(apiKeys.revoke(caller.require(Scope.API_KEYS_MANAGE), id), null);
	}
}
