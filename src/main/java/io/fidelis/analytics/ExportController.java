package io.fidelis.analytics;

import java.io.IOException;
import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.springframework.http.HttpHeaders;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.fidelis.ledger.Balances;
import io.fidelis.ledger.ExplanationTexts;
import io.fidelis.ledger.MemberBalance;
import io.fidelis.ledger.StatementLine;
import io.fidelis.ledger.Statements;
import io.fidelis.member.Member;
import io.fidelis.member.MemberId;
import io.fidelis.member.MemberLabels;
import io.fidelis.member.Members;
import io.fidelis.program.Program;
import io.fidelis.program.ProgramId;
import io.fidelis.program.Programs;
import io.fidelis.shared.BusinessException;
import io.fidelis.shared.ErrorCode;
import io.fidelis.shared.Page;
import io.fidelis.shared.PageRequest;
import io.fidelis.shared.TenantId;
import io.fidelis.tenant.Caller;
import io.fidelis.tenant.Scope;
import io.fidelis.tenant.Tenants;
import io.fidelis.tier.MemberTiers;
import io.fidelis.tier.Tier;
import jakarta.servlet.http.HttpServletResponse;

/**
 * CSV exports, for spreadsheets and for the import of another installation: the members, a member's statement, a
 * segment's members. Each is written a page at a time as it is read, so that no export holds a tenant's members in
 * memory, however many; the request is checked before the first byte is written, so that a wrong one is still a
 * problem. The members export's member columns are the members import's, so that its file imports as it is.
 */
@RestController
class ExportController {

	/** Members read per query while an export is written. */
	private static final int PAGE = PageRequest.MAX_LIMIT;
	static final List<String> MEMBER_COLUMNS = List.of("member_id", "card_number", "external_id", "email", "phone",
			"first_name", "last_name", "birth_date", "locale", "marketing_consent", "labels", "enrolled_at");

	private final Members members;
	private final MemberLabels labels;
	private final Programs programs;
	private final Balances balances;
	private final MemberTiers tiers;
	private final RfmSegments segments;
	private final Statements statements;
	private final ExplanationTexts texts;
	private final Tenants tenants;

	ExportController(Members members, MemberLabels labels, Programs programs, Balances balances, MemberTiers tiers,
			RfmSegments segments, Statements statements, ExplanationTexts texts, Tenants tenants) {
		this.members = members;
		this.labels = labels;
		this.programs = programs;
		this.balances = balances;
		this.tiers = tiers;
		this.segments = segments;
		this.statements = statements;
		this.texts = texts;
		this.tenants = tenants;
	}

	/**
	 * Every member, newest first, with their balances and tier in one program ({@code program}: by default the
	 * {@code points} program, or the tenant's first) and their RFM segment.
	 */
	@GetMapping("/api/v1/exports/members")
	void members(Caller caller, @RequestParam(required = false) String program, HttpServletResponse response)
			throws IOException {
		TenantId tenant = caller.require(Scope.MEMBERS_READ);
		Program chosen = program != null ? programs.get(tenant, program)
				: programs.find(tenant, Programs.DEFAULT_CODE)
					.orElseGet(() -> programs.list(tenant).stream().findFirst().orElse(null));
		CsvWriter csv = start(response, "members.csv");
		csv.header(concat(MEMBER_COLUMNS, List.of("program", "available", "pending", "tier", "segment")));
		String cursor = null;
		do {
			Page<Member> page = members.list(tenant, null, null, PageRequest.of(PAGE, cursor));
			for (Member member : page.items()) {
				member(csv, member);
				UUID id = member.id().value();
				MemberBalance balance = chosen == null ? null : balances.of(tenant, id).get(chosen.id());
				csv.value(chosen == null ? null : chosen.code())
					.value(balance == null ? 0 : balance.available())
					.value(balance == null ? 0 : balance.pending())
					.value(chosen == null ? null : tiers.current(tenant, chosen.id(), id).map(Tier::code).orElse(null))
					.value(segments.of(tenant, id).orElse(null))
					.endRow();
			}
			csv.flush();
			cursor = page.nextCursor();
		}
		while (cursor != null);
		csv.flush();
	}

	/**
	 * The member's statement, newest first, in every program: what each transaction did to their available and
	 * pending balances, and why, in the member's language.
	 */
	@GetMapping("/api/v1/exports/members/{memberId}/statement")
	void statement(Caller caller, @PathVariable UUID memberId, HttpServletResponse response) throws IOException {
		TenantId tenant = caller.require(Scope.MEMBERS_READ);
		Member member = members.get(tenant, new MemberId(memberId));
		Map<ProgramId, String> codes = programs.list(tenant)
			.stream()
			.collect(Collectors.toMap(Program::id, Program::code));
		Locale locale = Locale.forLanguageTag(member.locale());
		CsvWriter csv = start(response, "statement-" + memberId + ".csv");
		csv.header(List.of("transaction_id", "program", "kind", "available_change", "pending_change", "reference",
				"reversal_of", "occurred_at", "created_at", "explanation"));
		String cursor = null;
		do {
			Page<StatementLine> page = statements.of(tenant, memberId, null, PageRequest.of(PAGE, cursor));
			for (StatementLine line : page.items()) {
				csv.value(line.transactionId())
					.value(codes.get(line.program()))
					.value(line.kind().name().toLowerCase(Locale.ROOT))
					.value(line.availableChange())
					.value(line.pendingChange())
					.text(line.reference())
					.value(line.reversalOf())
					.value(line.occurredAt())
					.value(line.createdAt())
					.text(texts.render(line.explanation(), locale))
					.endRow();
			}
			csv.flush();
			cursor = page.nextCursor();
		}
		while (cursor != null);
		csv.flush();
	}

	/** The members of an RFM segment, by member id, with their scores and the figures behind them. */
	@GetMapping("/api/v1/exports/segments/{segment}/members")
	void segment(Caller caller, @PathVariable String segment, HttpServletResponse response) throws IOException {
		TenantId tenant = caller.require(Scope.MEMBERS_READ);
		if (!Segment.NAMES.contains(segment)) {
			throw new BusinessException(ErrorCode.SEGMENT_NOT_FOUND,
					"No segment '" + segment + "': the segments are " + Segment.NAMES.stream().sorted().toList());
		}
		int fractionDigits = tenants.get(tenant).currency().getDefaultFractionDigits();
		CsvWriter csv = start(response, "segment-" + segment + ".csv");
		csv.header(concat(MEMBER_COLUMNS, List.of("segment", "recency", "frequency", "monetary", "last_purchase_at",
				"purchases", "spent")));
		UUID after = null;
		List<RfmSegments.Standing> page;
		do {
			page = segments.members(tenant, segment, after, PAGE);
			for (RfmSegments.Standing standing : page) {
				member(csv, members.get(tenant, new MemberId(standing.memberId())));
				csv.value(standing.segment())
					.value(standing.recency())
					.value(standing.frequency())
					.value(standing.monetary())
					.value(standing.lastPurchaseAt())
					.value(standing.purchases())
					.value(BigDecimal.valueOf(standing.spentMinor(), Math.max(fractionDigits, 0)).toPlainString())
					.endRow();
				after = standing.memberId();
			}
			csv.flush();
		}
		while (page.size() == PAGE);
		csv.flush();
	}

	/** The member columns ({@link #MEMBER_COLUMNS}) of a row. */
	private void member(CsvWriter csv, Member member) {
		csv.value(member.id().value())
			.value(member.cardNumber())
			.text(member.externalId())
			.text(member.email())
			.text(member.phone())
			.text(member.firstName())
			.text(member.lastName())
			.value(member.birthDate())
			.value(member.locale())
			.value(member.marketingConsent())
			.text(String.join("|", labels.of(member.tenantId(), member.id())))
			.value(member.enrolledAt());
	}

	private static CsvWriter start(HttpServletResponse response, String fileName) throws IOException {
		response.setContentType("text/csv;charset=UTF-8");
		response.setHeader(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + fileName + "\"");
		return new CsvWriter(response.getOutputStream());
	}

	private static List<String> concat(List<String> first, List<String> second) {
		return Stream.of(first, second).flatMap(List::stream).toList();
	}
}
