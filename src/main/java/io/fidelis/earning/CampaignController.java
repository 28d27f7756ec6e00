package io.fidelis.earning;

import java.util.List;

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

import io.fidelis.program.Program;
import io.fidelis.program.Programs;
import io.fidelis.shared.BusinessException;
import io.fidelis.shared.IdempotentRequests;
import io.fidelis.shared.TenantId;
import io.fidelis.tenant.Caller;
import io.fidelis.tenant.Scope;
import jakarta.validation.Valid;

/** A program's campaigns: time-boxed sets of rules with a shared budget, for everyone or for an audience. */
@RestController
@RequestMapping("/api/v1/programs/{code}/campaigns")
class CampaignController {

	private final Programs programs;
	private final Campaigns campaigns;
	private final IdempotentRequests idempotentRequests;

	CampaignController(Programs programs, Campaigns campaigns, IdempotentRequests idempotentRequests) {
		this.programs = programs;
		this.campaigns = campaigns;
		this.idempotentRequests = idempotentRequests;
	}

	@PostMapping
	ResponseEntity<CampaignResponse> create(Caller caller, @PathVariable String code,
			@RequestHeader(name = IdempotentRequests.HEADER, required = false) String idempotencyKey,
			@Valid @RequestBody CampaignRequest request) {
		TenantId tenant = caller.require(Scope.PROGRAMS_WRITE);
		if (request.code() == null) {
			throw BusinessException.invalid("code", "is required");
		}
		return idempotentRequests.execute(tenant, idempotencyKey, "POST /programs/" + code + "/campaigns", request,
				CampaignResponse.class, HttpStatus.CREATED, () -> {
					Program program = programs.get(tenant, code);
					return campaigns.response(code, campaigns.create(tenant, program, request.terms(request.code())));
				})
			.toResponseEntity();
	}

	@PutMapping("/{campaign}")
	ResponseEntity<CampaignResponse> update(Caller caller, @PathVariable String code, @PathVariable String campaign,
			@RequestHeader(name = IdempotentRequests.HEADER, required = false) String idempotencyKey,
			@Valid @RequestBody CampaignRequest request) {
		TenantId tenant = caller.require(Scope.PROGRAMS_WRITE);
		if (request.code() != null && !request.code().equals(campaign)) {
			throw BusinessException.invalid("code", "cannot be changed");
		}
		return idempotentRequests.execute(tenant, idempotencyKey, "PUT /programs/" + code + "/campaigns/" + campaign,
				request, CampaignResponse.class, HttpStatus.OK, () -> {
					Program program = programs.get(tenant, code);
					return campaigns.response(code, campaigns.update(tenant, program, campaign, request.terms(campaign)));
				})
			.toResponseEntity();
	}

	@GetMapping
	List<CampaignResponse> list(Caller caller, @PathVariable String code) {
		TenantId tenant = caller.tenantId();
		return campaigns.list(tenant, programs.get(tenant, code)).stream().map(c -> campaigns.response(code, c)).toList();
	}

	@GetMapping("/{campaign}")
	CampaignResponse get(Caller caller, @PathVariable String code, @PathVariable String campaign) {
		TenantId tenant = caller.tenantId();
		return campaigns.response(code, campaigns.get(tenant, programs.get(tenant, code), campaign));
	}

}
