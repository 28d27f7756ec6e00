package io.fidelis.web.admin;

import java.io.Serializable;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;
import java.util.UUID;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import io.fidelis.earning.Campaign;
import io.fidelis.earning.CampaignRequest;
import io.fidelis.earning.CampaignResponse;
import io.fidelis.earning.Campaigns;
import io.fidelis.earning.rules.Audience;
import io.fidelis.member.Labels;
import io.fidelis.member.MemberSegments;
import io.fidelis.program.Program;
import io.fidelis.program.Programs;
import io.fidelis.shared.BusinessException;
import io.fidelis.shared.IdempotentRequests;
import io.fidelis.tenant.AuditLog;
import io.fidelis.tenant.Operator;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Validator;

/**
 * A program's campaigns: the list with their status and what their budget gave, and the form that creates one or
 * changes its name, dates, budget and audience, as the API allows (its code stays). Each change is audited.
 */
@Controller
class CampaignScreens {

	private final Programs programs;
	private final Campaigns campaigns;
	private final MemberSegments segments;
	private final AuditLog auditLog;
	private final IdempotentRequests idempotentRequests;
	private final Validator validator;

	CampaignScreens(Programs programs, Campaigns campaigns, MemberSegments segments, AuditLog auditLog,
			IdempotentRequests idempotentRequests, Validator validator) {
		this.programs = programs;
		this.campaigns = campaigns;
		this.segments = segments;
		this.auditLog = auditLog;
		this.idempotentRequests = idempotentRequests;
		this.validator = validator;
	}

	/**
	 * The form's fields as typed: dates in the program's time zone, lists separated by commas. Kept as typed, so that
	 * a refused form goes back with them (in the flash).
	 */
	record CampaignForm(String code, String name, String description, String startsAt, String endsAt, String budget,
			String anyLabels, String allLabels, String noLabels, String tiers, List<String> segments)
			implements Serializable {

		static CampaignForm of(Campaign campaign, ZoneId zone) {
			Audience audience = campaign.audience();
			Labels labels = audience == null ? null : audience.labels();
			return new CampaignForm(campaign.code(), campaign.name(), campaign.description(),
					local(campaign.startsAt(), zone), local(campaign.endsAt(), zone),
					campaign.budget() == null ? null : campaign.budget().toString(),
					labels == null ? null : joined(labels.anyOf()), labels == null ? null : joined(labels.allOf()),
					labels == null ? null : joined(labels.noneOf()), audience == null ? null : joined(audience.tiers()),
					audience == null || audience.segments() == null ? null : List.copyOf(audience.segments()));
		}

		public boolean has(String segment) {
			return segments != null && segments.contains(segment);
		}

		CampaignRequest request(ZoneId zone) {
			List<String> any = list(anyLabels);
			List<String> all = list(allLabels);
			List<String> none = list(noLabels);
			Labels labels = any == null && all == null && none == null ? null : new Labels(any, all, none);
			List<String> chosen = segments == null || segments.isEmpty() ? null : segments;
			List<String> inTiers = list(tiers);
			Audience audience = labels == null && inTiers == null && chosen == null ? null
					: new Audience(labels, inTiers, chosen);
			Long units;
			try {
				units = budget == null || budget.isBlank() ? null : Long.valueOf(budget.strip());
			}
			catch (NumberFormatException notANumber) {
				throw BusinessException.invalid("budget", "must be a whole number of units");
			}
			return new CampaignRequest(blankToNull(code), blankToNull(name), blankToNull(description),
					dateTime("startsAt", startsAt, zone), dateTime("endsAt", endsAt, zone), units, audience);
		}

		private static OffsetDateTime dateTime(String field, String value, ZoneId zone) {
			if (value == null || value.isBlank()) {
				return null;
			}
			try {
				return LocalDateTime.parse(value.strip()).atZone(zone).toOffsetDateTime();
			}
			catch (DateTimeParseException notADate) {
				throw BusinessException.invalid(field, "must be a date and time such as 2026-12-24T08:00");
			}
		}

		private static List<String> list(String typed) {
			if (typed == null || typed.isBlank()) {
				return null;
			}
			List<String> items = Arrays.stream(typed.split(",")).map(String::strip).filter(item -> !item.isEmpty())
				.toList();
			return items.isEmpty() ? null : items;
		}

		private static String local(Instant at, ZoneId zone) {
			return at.atZone(zone).toLocalDateTime().toString();
		}

		private static String joined(List<String> values) {
			return values == null ? null : String.join(", ", values);
		}

		private static String blankToNull(String value) {
			return value == null || value.isBlank() ? null : value.strip();
		}
	}

	@GetMapping("/admin/programs/{program}/campaigns")
	String list(Operator operator, @PathVariable("program") String code, Model model) {
		Program program = programs.get(operator.tenantId(), code);
		model.addAttribute("campaigns", campaigns.list(operator.tenantId(), program)
			.stream()
			.map(campaign -> campaigns.response(code, campaign))
			.toList());
		return page(program, null, model);
	}

	@GetMapping("/admin/programs/{program}/campaigns/{campaign}")
	String edit(Operator operator, @PathVariable("program") String code, @PathVariable String campaign, Model model) {
		Program program = programs.get(operator.tenantId(), code);
		Campaign found = campaigns.get(operator.tenantId(), program, campaign);
		if (!model.containsAttribute(RefusedForms.FORM)) {
			model.addAttribute(RefusedForms.FORM, CampaignForm.of(found, program.timeZone()));
		}
		return page(program, campaigns.response(code, found), model);
	}

	private String page(Program program, CampaignResponse campaign, Model model) {
		model.addAttribute("section", "programs");
		model.addAttribute("program", program);
		model.addAttribute("campaign", campaign);
		model.addAttribute("segments", new TreeSet<>(segments.names()));
		model.addAttribute("requestKey", UUID.randomUUID());
		if (!model.containsAttribute(RefusedForms.FORM)) {
			model.addAttribute(RefusedForms.FORM, new CampaignForm(null, null, null, null, null, null, null, null, null, null,
					null));
		}
		return campaign == null ? "screens/campaigns" : "screens/campaign";
	}

	// The program's code is not "code" in the paths: the form's fields are bound from them too.
	@PostMapping("/admin/programs/{program}/campaigns")
	String create(Operator operator, @PathVariable("program") String code, @ModelAttribute CampaignForm form,
			@RequestParam String requestKey, HttpServletRequest request, RedirectAttributes redirect) {
		CampaignResponse created = RefusedForms.keptIfRefused(form, request, () -> {
			Program program = programs.get(operator.tenantId(), code);
			CampaignRequest campaign = Validation.valid(validator, form.request(program.timeZone()));
			if (campaign.code() == null) {
				throw BusinessException.invalid("code", "is required");
			}
			return idempotentRequests.execute(operator.tenantId(), "screen:" + requestKey,
					"POST /admin/programs/" + code + "/campaigns", campaign, CampaignResponse.class,
					HttpStatus.CREATED, () -> {
						CampaignResponse made = campaigns.response(code,
								campaigns.create(operator.tenantId(), program, campaign.terms(campaign.code())));
						auditLog.record(operator, "campaign.created", "campaign", made.id().toString(),
								code + ": " + made.code() + " " + made.name(), null, made);
						return made;
					})
				.body();
		});
		redirect.addFlashAttribute("notice", created.name() + " ✓");
		return "redirect:/admin/programs/" + code + "/campaigns";
	}

	@PostMapping("/admin/programs/{program}/campaigns/{campaign}")
	String update(Operator operator, @PathVariable("program") String code, @PathVariable String campaign,
			@ModelAttribute CampaignForm form, @RequestParam String requestKey, HttpServletRequest request,
			RedirectAttributes redirect) {
		CampaignResponse updated = RefusedForms.keptIfRefused(form, request, () -> {
			Program program = programs.get(operator.tenantId(), code);
			CampaignRequest changed = Validation.valid(validator, form.request(program.timeZone()));
			if (changed.code() != null && !changed.code().equals(campaign)) {
				throw BusinessException.invalid("code", "cannot be changed");
			}
			return idempotentRequests.execute(operator.tenantId(), "screen:" + requestKey,
					"PUT /admin/programs/" + code + "/campaigns/" + campaign, changed, CampaignResponse.class,
					HttpStatus.OK, () -> {
						CampaignResponse before = campaigns.response(code,
								campaigns.get(operator.tenantId(), program, campaign));
						CampaignResponse after = campaigns.response(code,
								campaigns.update(operator.tenantId(), program, campaign, changed.terms(campaign)));
						auditLog.record(operator, "campaign.updated", "campaign", after.id().toString(),
								code + ": " + after.code() + " " + after.name(), before, after);
						return after;
					})
				.body();
		});
		redirect.addFlashAttribute("notice", updated.name() + " ✓");
		return "redirect:/admin/programs/" + code + "/campaigns/" + campaign;
	}
}
