package io.fidelis.web.admin;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.transaction.support.TransactionOperations;
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
import io.fidelis.member.MemberMerges;
import io.fidelis.member.Profile;
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
import io.fidelis.tier.TierAssignments;
import io.fidelis.tier.Tier;

/**
 * The members screens: find a member by any identifier or name, see their profile, balances, tiers and statement;
 * adjust their balance by hand, put them in a tier until a date, block or unblock them, merge a duplicate into them.
 * Each change goes through the service the API uses, and is audited in its transaction.
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
	private final MemberMerges merges;
	private final TierAssignments tierAssignments;
	private final TransactionOperations transactions;

	MemberScreens(Members members, Programs programs, Balances balances, Statements statements,
			ExplanationTexts texts, MemberTiers memberTiers, Adjustments adjustments,
			IdempotentRequests idempotentRequests, AuditLog auditLog, MemberMerges merges,
			TierAssignments tierAssignments, TransactionOperations transactions) {
		this.members = members;
		this.programs = programs;
		this.balances = balances;
		this.statements = statements;
		this.texts = texts;
		this.memberTiers = memberTiers;
		this.adjustments = adjustments;
		this.idempotentRequests = idempotentRequests;
		this.auditLog = auditLog;
		this.merges = merges;
		this.tierAssignments = tierAssignments;
		this.transactions = transactions;
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
			Page<Member> newest = members.list(operator.tenantId(), null, null,
					PageRequest.of(SEARCH_LIMIT, cursor));
			model.addAttribute("members", newest.items());
			model.addAttribute("nextCursor", newest.nextCursor());
		}
		return "screens/members";
	}

	/** A program's balance and tier for one member, as the profile lists them, with the tiers it may be set to. */
	record ProgramStanding(Program program, MemberBalance balance, String tier, List<Tier> tiers) {
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
					held.getOrDefault(program.id(), new MemberBalance(program.id(), 0, 0, 0, null)), tier,
					memberTiers.tiers(operator.tenantId(), program.id())));
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
		model.addAttribute("laddered", standings.stream().anyMatch(standing -> !standing.tiers().isEmpty()));
		model.addAttribute("mergedInto", member.mergedInto() == null ? null
				: members.get(operator.tenantId(), member.mergedInto()));
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

	@PostMapping("/admin/members/{id}/profile")
	String edit(Operator operator, @PathVariable UUID id, @RequestParam(required = false) String email,
			@RequestParam(required = false) String phone, @RequestParam(required = false) String firstName,
			@RequestParam(required = false) String lastName, @RequestParam(required = false) String birthDate,
			@RequestParam(defaultValue = "en") String locale,
			@RequestParam(defaultValue = "false") boolean marketingConsent) {
		if (!ScreenFields.LANGUAGES.contains(locale)) {
			throw BusinessException.invalid("locale", "must be fr or en");
		}
		Profile profile = new Profile(email, phone, ScreenFields.text("firstName", firstName, 100),
				ScreenFields.text("lastName", lastName, 100), ScreenFields.day("birthDate", birthDate), locale,
				marketingConsent);
		transactions.executeWithoutResult(tx -> {
			Member before = members.get(operator.tenantId(), new MemberId(id));
			Member after = members.update(operator.tenantId(), new MemberId(id), profile);
			auditLog.record(operator, "member.edited", "member", id.toString(), "profile of " + after.cardNumber(),
					before, after);
		});
		return "redirect:/admin/members/" + id;
	}

	@PostMapping("/admin/members/{id}/block")
	String block(Operator operator, @PathVariable UUID id, @RequestParam String reason, RedirectAttributes redirect) {
		transactions.executeWithoutResult(tx -> {
			Member before = members.get(operator.tenantId(), new MemberId(id));
			Member after = members.block(operator.tenantId(), new MemberId(id), reason);
			auditLog.record(operator, "member.blocked", "member", id.toString(), reason, before, after);
		});
		return "redirect:/admin/members/" + id;
	}

	@PostMapping("/admin/members/{id}/unblock")
	String unblock(Operator operator, @PathVariable UUID id) {
		transactions.executeWithoutResult(tx -> {
			Member before = members.get(operator.tenantId(), new MemberId(id));
			Member after = members.unblock(operator.tenantId(), new MemberId(id));
			auditLog.record(operator, "member.unblocked", "member", id.toString(), "unblocked", before, after);
		});
		return "redirect:/admin/members/" + id;
	}

	/**
	 * Merges the member a typed identifier names into this one: their units move here by transfers, their identifiers
	 * too where this member lacks them. The form's key makes a second click a replay.
	 */
	@PostMapping("/admin/members/{id}/merges")
	String merge(Operator operator, @PathVariable UUID id, @RequestParam String duplicate,
			@RequestParam String requestKey, RedirectAttributes redirect) {
		Member found = members.findByIdentifier(operator.tenantId(), duplicate)
			.orElseThrow(() -> BusinessException.invalid("duplicate", "no member has the identifier '"
					+ duplicate.strip() + "'"));
		UUID duplicateId = found.id().value();
		idempotentRequests.execute(operator.tenantId(), "screen:" + requestKey, "POST /admin/members/" + id + "/merges",
				Map.of("duplicate", duplicateId), UUID.class, HttpStatus.OK, () -> {
					MemberMerges.Merge merge = merges.merge(operator.tenantId(), new MemberId(id),
							new MemberId(duplicateId), "screen:" + requestKey);
					auditLog.record(operator, "member.merged", "member", id.toString(),
							"merged " + duplicateId + " (" + found.cardNumber() + ") into this member",
							found, merge.survivor());
					return duplicateId;
				});
		redirect.addFlashAttribute("notice", duplicate.strip() + " → " + id);
		return "redirect:/admin/members/" + id;
	}

	@PostMapping("/admin/members/{id}/tier")
	String assignTier(Operator operator, @PathVariable UUID id, @RequestParam String program, @RequestParam String tier,
			@RequestParam String until, @RequestParam String reason) {
		Program chosen = programs.get(operator.tenantId(), program);
		if (reason.isBlank() || reason.length() > Adjustments.MAX_REASON_LENGTH) {
			throw BusinessException.invalid("reason", "must be 1 to " + Adjustments.MAX_REASON_LENGTH + " characters");
		}
		LocalDate lastDay = ScreenFields.day("until", until);
		if (lastDay == null) {
			throw BusinessException.invalid("until", "is required");
		}
		Instant end = lastDay.plusDays(1).atStartOfDay(chosen.timeZone()).toInstant();
		transactions.executeWithoutResult(tx -> {
			String before = memberTiers.current(operator.tenantId(), chosen.id(), id).map(Tier::code).orElse(null);
			tierAssignments.assign(operator.tenantId(), chosen, id, tier, reason, end);
			auditLog.record(operator, "tier.assigned", "member", id.toString(),
					chosen.code() + ": " + before + " → " + tier + " until " + lastDay + ": " + reason,
					before == null ? null : Map.of("tier", before), Map.of("tier", tier, "until", end));
		});
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
