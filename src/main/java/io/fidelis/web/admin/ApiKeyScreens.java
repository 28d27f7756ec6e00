package io.fidelis.web.admin;

import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.transaction.support.TransactionOperations;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import io.fidelis.shared.BusinessException;
import io.fidelis.shared.ErrorCode;
import io.fidelis.shared.IdempotentRequests;
import io.fidelis.shared.IdempotentResponse;
import io.fidelis.tenant.ApiKey;
import io.fidelis.tenant.ApiKeys;
import io.fidelis.tenant.AuditLog;
import io.fidelis.tenant.IssuedApiKey;
import io.fidelis.tenant.Operator;
import io.fidelis.tenant.Scope;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * The owner's API keys: list, create, revoke. A new key's secret is shown once, in the answer to the form itself:
 * never put in the session (kept in the database) nor in a redirect, and the page is not cached. The form carries a
 * key drawn when it was shown, so sending it again creates no second key (and shows no secret).
 */
@Controller
class ApiKeyScreens {

	private final ApiKeys apiKeys;
	private final Forms forms;
	private final IdempotentRequests idempotentRequests;
	private final AuditLog auditLog;
	private final TransactionOperations transactions;

	ApiKeyScreens(ApiKeys apiKeys, Forms forms, IdempotentRequests idempotentRequests, AuditLog auditLog,
			TransactionOperations transactions) {
		this.apiKeys = apiKeys;
		this.forms = forms;
		this.idempotentRequests = idempotentRequests;
		this.auditLog = auditLog;
		this.transactions = transactions;
	}

	/** The form's fields, checked as the API checks its request. */
	record ApiKeyForm(@NotBlank @Size(max = 100) String name, @NotEmpty Set<Scope> scopes,
			@Size(max = 64) @Pattern(regexp = "[A-Za-z0-9._-]+") String storeId) {
	}

	/** What a created key's page shows again if the form is sent twice: never the secret. */
	record Created(UUID id, String name, String prefix) {
	}

	@GetMapping("/admin/api-keys")
	String list(Operator operator, Model model) {
		return page(operator, model);
	}

	@PostMapping("/admin/api-keys")
	String create(Operator operator, @RequestParam MultiValueMap<String, String> form, Model model,
			HttpServletResponse response) {
		String requestKey = Forms.text(form, "requestKey");
		if (requestKey == null) {
			throw BusinessException.invalid("requestKey", "is missing: open the page again");
		}
		ApiKeyForm request = forms.valid(new ApiKeyForm(Forms.text(form, "name"), Scope.parse(form.getOrDefault("scope", List.of())),
				Forms.text(form, "storeId")));
		AtomicReference<String> secret = new AtomicReference<>();
		IdempotentResponse<Created> created = idempotentRequests.execute(operator.tenantId(), "screen:" + requestKey,
				"POST /admin/api-keys", request, Created.class, HttpStatus.CREATED, () -> {
					IssuedApiKey issued = apiKeys.issue(operator.tenantId(), request.name(), request.scopes(),
							request.storeId());
					secret.set(issued.key());
					ApiKey key = issued.apiKey();
					auditLog.record(operator, "api-key.created", "api-key", key.id().toString(), key.name() + " ("
							+ key.scopes().stream().map(Scope::code).sorted().collect(Collectors.joining(", ")) + ")",
							null, key);
					return new Created(key.id(), key.name(), key.prefix());
				});
		response.setHeader("Cache-Control", "no-store");
		model.addAttribute("created", created.body());
		model.addAttribute("secret", created.replayed() ? null : secret.get());
		return page(operator, model);
	}

	@PostMapping("/admin/api-keys/{id}/revoke")
	String revoke(Operator operator, @PathVariable UUID id, RedirectAttributes redirect) {
		ApiKey revoked = transactions.execute(tx -> {
			ApiKey before = apiKeys.list(operator.tenantId()).stream()
				.filter(key -> key.id().equals(id))
				.findFirst()
				.orElseThrow(() -> new BusinessException(ErrorCode.API_KEY_NOT_FOUND, "No API key with id " + id));
			ApiKey after = apiKeys.revoke(operator.tenantId(), id);
			auditLog.record(operator, "api-key.revoked", "api-key", id.toString(), after.name(), before, after);
			return after;
		});
		redirect.addFlashAttribute("notice", revoked.name() + " ✓");
		return "redirect:/admin/api-keys";
	}

	private String page(Operator operator, Model model) {
		List<ApiKey> keys = apiKeys.list(operator.tenantId());
		model.addAttribute("section", "api-keys");
		model.addAttribute("keys", keys);
		model.addAttribute("scopes", Scope.values());
		model.addAttribute("requestKey", UUID.randomUUID());
		return "screens/api-keys";
	}
}
