package io.fidelis.earning;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
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

import io.fidelis.earning.rules.Audience;
import io.fidelis.program.Program;
import io.fidelis.program.Programs;
import io.fidelis.shared.BusinessException;
import io.fidelis.shared.IdempotentRequests;
import io.fidelis.shared.TenantId;
import io.fidelis.tenant.Caller;
import io.fidelis.tenant.Scope;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** A program's campaigns: time-boxed sets of rules with a shared budget, for everyone or for an audience. */
@RestController
@RequestMapping("/api/v1/programs/{code}/campaigns")
class CampaignController {

	private final Programs programs;
	private final Campaigns campaigns;
	private final IdempotentRequests idempotentRequests;
	private final Clock clock;

	CampaignController(Programs programs, Campaigns campaigns, IdempotentRequests idempotentRequests, Clock clock) {
		this.programs = programs;
		this.campaigns = campaigns;
		this.idempotentRequests = idempotentRequests;
		this.clock = clock;
	}

	/** On creation the code is required; on update it is the one in the URL and may be left out. */
	record CampaignRequest(@Pattern(regexp = "[a-z0-9][a-z0-9_-]{0,31}",
			message = "must be 1 to 32 lower-case letters, digits, '-' or '_'") String code,
			@NotBlank @Size(max = 100) String name, @Size(max = 500) String description,
			@NotNull OffsetDateTime startsAt, @NotNull OffsetDateTime endsAt,
			@Min(1) @Max(1_000_000_000_000L) Long budget, @Valid Audience audience) {

		Campaigns.Terms terms(String campaignCode) {
			return new Campaigns.Terms(campaignCode, name, description, startsAt.toInstant(), endsAt.toInstant(),
					budget, audience);
		}
	}

	record CampaignResponse(UUID id, String program, String code, String name, String description, Instant startsAt,
			Instant endsAt, String status, Long budget, long spent, Audience audience, Instant createdAt,
			Instant updatedAt) {
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
					return response(code, campaigns.create(tenant, program, request.terms(request.code())));
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
					return response(code, campaigns.update(tenant, program, campaign, request.terms(campaign)));
				})
			.toResponseEntity();
	}

	@GetMapping
	List<CampaignResponse> list(Caller caller, @PathVariable String code) {
		TenantId tenant = caller.tenantId();
		return campaigns.list(tenant, programs.get(tenant, code)).stream().map(c -> response(code, c)).toList();
	}

	@GetMapping("/{campaign}")
	CampaignResponse get(Caller caller, @PathVariable String code, @PathVariable String campaign) {
		TenantId tenant = caller.tenantId();
		return response(code, campaigns.get(tenant, programs.get(tenant, code), campaign));
	}

	private CampaignResponse response(String program, Campaign campaign) {
		return new CampaignResponse(campaign.id(), program, campaign.code(), campaign.name(), campaign.description(),
				campaign.startsAt(), campaign.endsAt(), campaign.status(clock.instant()), campaign.budget(),
				campaigns.spent(campaign.id()), campaign.audience(), campaign.createdAt(), campaign.updatedAt());
	}
}
