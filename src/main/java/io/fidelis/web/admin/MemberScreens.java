package io.fidelis.web.admin;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import io.fidelis.ledger.Adjustments;
import io.fidelis.ledger.Balances;
import io.fidelis.ledger.ExplanationTexts;
import io.fidelis.ledger.MemberBalance;
import io.fidelis.ledger.StatementLine;
import io.fidelis.ledger.Statements;
import io.fidelis.member.Member;
import io.fidelis.member.MemberId;
import io.fidelis.member.Members;
import io.fidelis.program.Program;
import io.fidelis.program.ProgramId;
import io.fidelis.program.Programs;
import io.fidelis.shared.BusinessException;
import io.fidelis.shared.IdempotentRequests;
import io.fidelis.shared.Page;
import io.fidelis.shared.PageRequest;
import io.fidelis.tenant.AuditLog;
import io.fidelis.tenant.Operator;
import io.fidelis.tier.MemberTiers;
import io.fidelis.tier.Tier;

/**
 * The members screens: find a member by any identifier or name, see their profile, balances, tiers and statement,
 * and adjust their balance by hand (audited). Changes go through the services the API uses.
 */
@Controller
class MemberScreens {

	private static final int SEARCH_LIMIT = 50;

	private final Members members;
	private final Programs programs;
	private final Balances balances;
	private final Statements statements;
	private final ExplanationTexts texts;
	private final MemberTiers memberTiers;
	private final Adjustments adjustments;
	private final IdempotentRequests idempotentRequests;
	private final AuditLog auditLog;

	MemberScreens(Members members, Programs programs, Balances balances, Statements statements,
			ExplanationTexts texts, MemberTiers memberTiers, Adjustments adjustments,
			IdempotentRequests idempotentRequests, AuditLog auditLog) {
		this.members = members;
		this.programs = programs;
		this.balances = balances;
		this.statements = statements;
		this.texts = texts;
		this.memberTiers = memberTiers;
		this.adjustments = adjustments;
		this.idempotentRequests = idempotentRequests;
		this.auditLog = auditLog;
	}

	@GetMapping("/admin/members")
	String search(Operator operator, @RequestParam(required = false) String q,
			@RequestParam(required = false) String cursor, Model model) {
		model.addAttribute("section", "members");
		model.addAttribute("q", q == null ? "" : q);
		if (q != null && !q.isBlank()) {
			model.addAttribute("members", members.search(operator.tenantId(), q, SEARCH_LIMIT));
		}
		else {
			Page<Member> newest = members.list(operator.tenantId(), null, PageRequest.of(SEARCH_LIMIT, cursor));
			model.addAttribute("members", newest.items());
			model.addAttribute("nextCursor", newest.nextCursor());
		}
		return "screens/members";
	}

	/** A program's balance and tier for one member, as the profile lists them. */
	record ProgramStanding(Program program, MemberBalance balance, String tier) {
	}

	/** A statement line with its explanation in the operator's language. */
	record Line(StatementLine line, String program, String text) {
	}

	@GetMapping("/admin/members/{id}")
	String profile(Operator operator, @PathVariable UUID id, @RequestParam(required = false) String cursor,
			Model model, Locale locale) {
		Member member = members.get(operator.tenantId(), new MemberId(id));
		List<Program> all = programs.list(operator.tenantId());
		Map<ProgramId, MemberBalance> held = balances.of(operator.tenantId(), id);
		List<ProgramStanding> standings = new ArrayList<>();
		for (Program program : all) {
			String tier = memberTiers.current(operator.tenantId(), program.id(), id)
				.map(found -> name(found, locale))
				.orElse(null);
			standings.add(new ProgramStanding(program,
					held.getOrDefault(program.id(), new MemberBalance(program.id(), 0, 0, 0, null)), tier));
		}
		Page<StatementLine> statement = statements.of(operator.tenantId(), id, null, PageRequest.of(20, cursor));
		List<Line> lines = statement.items().stream()
			.map(line -> new Line(line, all.stream().filter(program -> program.id().equals(line.program()))
				.map(Program::code).findFirst().orElse(""), texts.render(line.explanation(), locale)))
			.toList();
		model.addAttribute("section", "members");
		model.addAttribute("member", member);
		model.addAttribute("standings", standings);
		model.addAttribute("lines", lines);
		model.addAttribute("nextCursor", statement.nextCursor());
		model.addAttribute("requestKey", UUID.randomUUID());
		return "screens/member";
	}

	/** The form's fields; {@code requestKey} is drawn when the form is shown, so a second click changes nothing. */
	record AdjustmentForm(String program, long points, String reason, String requestKey) {
	}

	@PostMapping("/admin/members/{id}/adjustments")
	String adjust(Operator operator, @PathVariable UUID id, @RequestParam String program,
			@RequestParam String points, @RequestParam String reason, @RequestParam String requestKey,
			RedirectAttributes redirect) {
		long units = parsePoints(points);
		AdjustmentForm form = new AdjustmentForm(program, units, reason, requestKey);
		Adjustments.Adjusted adjusted = idempotentRequests.execute(operator.tenantId(), "screen:" + requestKey,
				"POST /admin/members/" + id + "/adjustments", form, Adjustments.Adjusted.class, HttpStatus.CREATED,
				() -> {
					Adjustments.Adjusted made = adjustments.adjust(operator.tenantId(), id, program, units, reason,
							"screen:" + requestKey);
					auditLog.record(operator, "points.adjusted", "member", id.toString(),
							(units > 0 ? "+" : "") + units + " " + made.program() + ": " + reason, null, made);
					return made;
				})
			.body();
		redirect.addFlashAttribute("notice", adjusted.explanation().text());
		return "redirect:/admin/members/" + id;
	}

	private static long parsePoints(String points) {
		try {
			return Long.parseLong(points.strip());
		}
		catch (NumberFormatException notANumber) {
			throw BusinessException.invalid("points", "must be a whole number, such as 50 or -20");
		}
	}

	private static String name(Tier tier, Locale locale) {
		return "fr".equals(locale.getLanguage()) ? tier.names().fr() : tier.names().en();
	}
}
