package io.fidelis.web.admin;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;

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

import io.fidelis.earning.Campaigns;
import io.fidelis.earning.EventRequest;
import io.fidelis.earning.EventResult;
import io.fidelis.earning.EventTypes;
import io.fidelis.earning.Events;
import io.fidelis.earning.Rule;
import io.fidelis.earning.RuleDraft;
import io.fidelis.earning.RuleResponse;
import io.fidelis.earning.Rules;
import io.fidelis.earning.rules.Beneficiary;
import io.fidelis.earning.rules.Conditions;
import io.fidelis.earning.rules.Limits;
import io.fidelis.earning.rules.Rounding;
import io.fidelis.earning.rules.RuleCompiler;
import io.fidelis.earning.rules.RuleDefinition;
import io.fidelis.earning.rules.Stacking;
import io.fidelis.member.Member;
import io.fidelis.member.MemberSegments;
import io.fidelis.member.Members;
import io.fidelis.program.Program;
import io.fidelis.program.Programs;
import io.fidelis.shared.BusinessException;
import io.fidelis.shared.IdempotentRequests;
import io.fidelis.tenant.AuditLog;
import io.fidelis.tenant.Operator;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Validator;

/**
 * A program's earning rules: the list in plain words; the builder that writes one (conditions and effect as form
 * fields, a CEL field for experts), saves it as a new rule or as the next version of one, audited; switching a rule
 * on and off; its versions; and the panel that tries the rule as edited on a sample event, through the simulation
 * the API offers, before it is saved.
 */
@Controller
class RuleScreens {

	private final Programs programs;
	private final Rules rules;
	private final Campaigns campaigns;
	private final EventTypes eventTypes;
	private final MemberSegments segments;
	private final Events events;
	private final Members members;
	private final AuditLog auditLog;
	private final TransactionOperations transactions;
	private final IdempotentRequests idempotentRequests;
	private final Validator validator;
	private final RuleSummary summary;
	private final Clock clock;

	RuleScreens(Programs programs, Rules rules, Campaigns campaigns, EventTypes eventTypes, MemberSegments segments,
			Events events, Members members, AuditLog auditLog, TransactionOperations transactions,
			IdempotentRequests idempotentRequests, Validator validator, RuleSummary summary, Clock clock) {
		this.programs = programs;
		this.rules = rules;
		this.campaigns = campaigns;
		this.eventTypes = eventTypes;
		this.segments = segments;
		this.events = events;
		this.members = members;
		this.auditLog = auditLog;
		this.transactions = transactions;
		this.idempotentRequests = idempotentRequests;
		this.validator = validator;
		this.summary = summary;
		this.clock = clock;
	}

	/** A rule as the list shows it. */
	record Listed(Rule rule, String summary) {
	}

	@GetMapping("/admin/programs/{code}/rules")
	String list(Operator operator, @PathVariable String code, Model model, Locale locale) {
		Program program = programs.get(operator.tenantId(), code);
		List<Listed> listed = rules.list(operator.tenantId(), program)
			.stream()
			.sorted((a, b) -> Integer.compare(a.definition().priorityOrDefault(), b.definition().priorityOrDefault()))
			.map(rule -> new Listed(rule, summary.of(rule.definition(), program, locale)))
			.toList();
		model.addAttribute("section", "programs");
		model.addAttribute("program", program);
		model.addAttribute("rules", listed);
		return "screens/rules";
	}

	@GetMapping("/admin/programs/{code}/rules/new")
	String newRule(Operator operator, @PathVariable String code, Model model) {
		Program program = programs.get(operator.tenantId(), code);
		if (!model.containsAttribute(RefusedForms.FORM)) {
			model.addAttribute(RefusedForms.FORM, RuleForm.blank());
		}
		return builder(operator, program, null, model);
	}

	@GetMapping("/admin/programs/{code}/rules/{id}")
	String edit(Operator operator, @PathVariable String code, @PathVariable UUID id, Model model) {
		Program program = programs.get(operator.tenantId(), code);
		Rule rule = rules.get(operator.tenantId(), program, id);
		if (!model.containsAttribute(RefusedForms.FORM)) {
			model.addAttribute(RefusedForms.FORM, RuleForm.of(rule.definition(), program.timeZone()));
		}
		model.addAttribute("versions", rules.versions(operator.tenantId(), program, id));
		return builder(operator, program, rule, model);
	}

	private String builder(Operator operator, Program program, Rule rule, Model model) {
		model.addAttribute("section", "programs");
		model.addAttribute("program", program);
		model.addAttribute("rule", rule);
		model.addAttribute("requestKey", UUID.randomUUID());
		model.addAttribute("triggers", triggers(operator, program));
		model.addAttribute("campaigns", campaigns.list(operator.tenantId(), program));
		model.addAttribute("segments", new TreeSet<>(segments.names()));
		model.addAttribute("effects", RuleForm.EFFECTS);
		model.addAttribute("roundings", Rounding.values());
		model.addAttribute("modes", Stacking.Mode.values());
		model.addAttribute("beneficiaries", Beneficiary.values());
		model.addAttribute("birthdays", Conditions.Birthday.values());
		model.addAttribute("periods", Limits.Period.values());
		model.addAttribute("limitRows", RuleForm.LIMIT_ROWS);
		model.addAttribute("days", java.time.DayOfWeek.values());
		model.addAttribute("now", LocalDateTime.now(clock.withZone(program.timeZone())).truncatedTo(ChronoUnit.MINUTES));
		return "screens/rule";
	}

	private List<String> triggers(Operator operator, Program program) {
		List<String> triggers = new ArrayList<>();
		triggers.add(RuleCompiler.PURCHASE);
		triggers.addAll(new TreeSet<>(eventTypes.activities(operator.tenantId())));
		return triggers;
	}

	@PostMapping("/admin/programs/{code}/rules")
	String create(Operator operator, @PathVariable String code, @RequestParam MultiValueMap<String, String> fields,
			@RequestParam String requestKey, HttpServletRequest request, RedirectAttributes redirect) {
		RuleForm form = RuleForm.posted(fields);
		RuleResponse created = RefusedForms.keptIfRefused(form, request, () -> {
			Program program = programs.get(operator.tenantId(), code);
			RuleDefinition definition = Validation.valid(validator, form.definition(program.timeZone()));
			return idempotentRequests.execute(operator.tenantId(), "screen:" + requestKey,
					"POST /admin/programs/" + code + "/rules", definition, RuleResponse.class, HttpStatus.CREATED,
					() -> {
						RuleResponse made = RuleResponse.of(code,
								rules.create(operator.tenantId(), program, definition, changedBy(operator)));
						auditLog.record(operator, "rule.created", "rule", made.id().toString(),
								code + ": " + definition.name(), null, made);
						return made;
					})
				.body();
		});
		redirect.addFlashAttribute("notice", created.definition().name() + " ✓");
		return "redirect:/admin/programs/" + code + "/rules/" + created.id();
	}

	@PostMapping("/admin/programs/{code}/rules/{id}")
	String update(Operator operator, @PathVariable String code, @PathVariable UUID id,
			@RequestParam MultiValueMap<String, String> fields, @RequestParam String requestKey,
			HttpServletRequest request, RedirectAttributes redirect) {
		RuleForm form = RuleForm.posted(fields);
		RuleResponse updated = RefusedForms.keptIfRefused(form, request, () -> {
			Program program = programs.get(operator.tenantId(), code);
			RuleDefinition definition = Validation.valid(validator, form.definition(program.timeZone()));
			return idempotentRequests.execute(operator.tenantId(), "screen:" + requestKey,
					"PUT /admin/programs/" + code + "/rules/" + id, definition, RuleResponse.class, HttpStatus.OK,
					() -> {
						RuleResponse before = RuleResponse.of(code, rules.get(operator.tenantId(), program, id));
						RuleResponse after = RuleResponse.of(code,
								rules.update(operator.tenantId(), program, id, definition, changedBy(operator)));
						auditLog.record(operator, "rule.updated", "rule", id.toString(),
								code + ": " + definition.name() + " v" + after.version(), before, after);
						return after;
					})
				.body();
		});
		redirect.addFlashAttribute("notice", updated.definition().name() + " v" + updated.version() + " ✓");
		return "redirect:/admin/programs/" + code + "/rules/" + id;
	}

	@PostMapping("/admin/programs/{code}/rules/{id}/active")
	String activate(Operator operator, @PathVariable String code, @PathVariable UUID id,
			@RequestParam boolean active, RedirectAttributes redirect) {
		RuleResponse after = transactions.execute(tx -> {
			Program program = programs.get(operator.tenantId(), code);
			Rule current = rules.get(operator.tenantId(), program, id);
			Rule changed = rules.activate(operator.tenantId(), program, id, active, changedBy(operator));
			if (changed.version() != current.version()) {
				auditLog.record(operator, active ? "rule.activated" : "rule.deactivated", "rule", id.toString(),
						code + ": " + changed.definition().name(), RuleResponse.of(code, current),
						RuleResponse.of(code, changed));
			}
			return RuleResponse.of(code, changed);
		});
		redirect.addFlashAttribute("notice", after.definition().name() + " ✓");
		return "redirect:/admin/programs/" + code + "/rules/" + id;
	}

	/**
	 * The "test this rule" panel (htmx): the rule as the form has it now, saved and tried on the sample event in a
	 * simulation that is rolled back. What the simulation says, or why the rule or the event was refused, is shown in
	 * the panel; nothing is written.
	 */
	@PostMapping("/admin/programs/{code}/rules/trial")
	String trial(Operator operator, @PathVariable String code, @RequestParam MultiValueMap<String, String> fields,
			@RequestParam(required = false) UUID ruleId, Model model) {
		RuleForm form = RuleForm.posted(fields);
		try {
			Program program = programs.get(operator.tenantId(), code);
			RuleDefinition definition = Validation.valid(validator, form.definition(program.timeZone()));
			EventRequest event = Validation.valid(validator, sample(operator, program, definition.trigger(), fields));
			EventResult result = events.simulate(operator.tenantId(), event.storeId(), event,
					new RuleDraft(program, ruleId, definition));
			model.addAttribute("result", result);
			model.addAttribute("effect", result.effects().stream()
				.filter(effect -> effect.program().equals(code))
				.findFirst()
				.orElse(null));
			model.addAttribute("tried", definition.name());
			model.addAttribute("unit", program.kind().unit());
		}
		catch (BusinessException refused) {
			// The fields' names, when the refusal has them (a CEL compiler's message does not say where it is).
			model.addAttribute("refusal", refused.errors().isEmpty() ? refused.getMessage()
					: String.join("; ", refused.errors().stream()
						.map(error -> error.field() + ": " + error.message())
						.toList()));
		}
		return "screens/rule-trial :: trial";
	}

	/** The panel's sample event, of the rule's trigger, in the program's currency and time zone. */
	private EventRequest sample(Operator operator, Program program, String trigger,
			MultiValueMap<String, String> fields) {
		String transactionId = "trial:" + UUID.randomUUID();
		EventRequest.Member member = member(operator, field(fields, "sample.member"), "sample.member");
		OffsetDateTime occurredAt = occurredAt(field(fields, "sample.occurredAt"), program.timeZone());
		String store = field(fields, "sample.store");
		String channel = field(fields, "sample.channel");
		if (!RuleCompiler.PURCHASE.equals(trigger)) {
			return new EventRequest.Activity(trigger, transactionId, member,
					member(operator, field(fields, "sample.referrer"), "sample.referrer"), occurredAt,
					attributes(field(fields, "sample.attributes")), store, channel,
					program.code(), null);
		}
		String amount = field(fields, "sample.amount");
		if (amount == null) {
			throw BusinessException.invalid("sample.amount", "is required for a purchase");
		}
		return new EventRequest.Purchase(transactionId, member, occurredAt, number("sample.amount", amount),
				program.currency().getCurrencyCode(), items(field(fields, "sample.items")), store, channel,
				program.code());
	}

	private EventRequest.Member member(Operator operator, String identifier, String field) {
		if (identifier == null) {
			return null;
		}
		Member found = members.findByIdentifier(operator.tenantId(), identifier)
			.orElseThrow(() -> BusinessException.invalid(field, "no member has the identifier '" + identifier + "'"));
		return new EventRequest.Member(found.id().value(), null, null, null, null);
	}

	private OffsetDateTime occurredAt(String typed, ZoneId zone) {
		if (typed == null) {
			return OffsetDateTime.now(clock.withZone(zone));
		}
		try {
			return LocalDateTime.parse(typed).atZone(zone).toOffsetDateTime();
		}
		catch (DateTimeParseException notADate) {
			throw BusinessException.invalid("sample.occurredAt", "must be a date and time such as 2026-12-24T08:00");
		}
	}

	/** One item a line: sku, category, quantity, unit price ({@code latte, coffee, 2, 3.50}). */
	private static List<EventRequest.Item> items(String typed) {
		List<EventRequest.Item> items = new ArrayList<>();
		if (typed == null) {
			return items;
		}
		for (String line : typed.split("\\R")) {
			if (line.isBlank()) {
				continue;
			}
			String[] parts = line.split(",", -1);
			if (parts.length != 4) {
				throw BusinessException.invalid("sample.items", "write sku, category, quantity, unit price a line, not '"
						+ line.strip() + "'");
			}
			String field = "sample.items[" + items.size() + "]";
			items.add(new EventRequest.Item(parts[0].strip(), parts[1].isBlank() ? null : parts[1].strip(),
					number(field + ".quantity", parts[2].strip()), number(field + ".unitPrice", parts[3].strip())));
		}
		return items;
	}

	private static Map<String, Object> attributes(String typed) {
		Map<String, Object> attributes = new LinkedHashMap<>();
		if (typed == null) {
			return attributes;
		}
		for (String line : typed.split("\\R")) {
			int equals = line.indexOf('=');
			if (line.isBlank()) {
				continue;
			}
			if (equals < 1) {
				throw BusinessException.invalid("sample.attributes", "write one name=value a line");
			}
			attributes.put(line.substring(0, equals).strip(), line.substring(equals + 1).strip());
		}
		return attributes;
	}

	private static BigDecimal number(String field, String typed) {
		try {
			return new BigDecimal(typed.strip());
		}
		catch (NumberFormatException notANumber) {
			throw BusinessException.invalid(field, "must be a number such as 2 or 19.90");
		}
	}

	private static String field(MultiValueMap<String, String> fields, String name) {
		String value = fields.getFirst(name);
		return value == null || value.isBlank() ? null : value.strip();
	}


	/** Who changed a rule, for its versions. */
	private static String changedBy(Operator operator) {
		return "operator:" + operator.email();
	}
}
