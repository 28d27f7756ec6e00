package io.fidelis.analytics;

import java.io.IOException;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.springframework.stereotype.Service;

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
import io.fidelis.tenant.Tenants;
import io.fidelis.tier.MemberTiers;
import io.fidelis.tier.Tier;

/**
 * CSV exports, for spreadsheets and for the import of another installation, as the API ({@code ExportController})
 * and the back-office give them: the members, a member's statement, a segment's members. Each method checks what is
 * asked (a {@link BusinessException} if it is wrong) and answers a {@link CsvExport} that writes nothing until
 * asked to, so that a wrong request is refused before the first byte. An export is written a page at a time as it is
 * read, so that none holds a tenant's members in memory, however many. The members export's member columns are the
 * members import's, so that its file imports as it is.
 */
@Service
public class CsvExports {

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

	CsvExports(Members members, MemberLabels labels, Programs programs, Balances balances, MemberTiers tiers,
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
	public CsvExport members(TenantId tenant, String program) {
		Program chosen = program != null ? programs.get(tenant, program)
				: programs.find(tenant, Programs.DEFAULT_CODE)
					.orElseGet(() -> programs.list(tenant).stream().findFirst().orElse(null));
		return new CsvExport("members.csv", csv -> members(tenant, chosen, csv));
	}

	private void members(TenantId tenant, Program chosen, CsvWriter csv) throws IOException {
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
	}

	/**
	 * The member's statement, newest first, in every program: what each transaction did to their available and
	 * pending balances, and why, in the member's language.
	 */
	public CsvExport statement(TenantId tenant, UUID memberId) {
		Member member = members.get(tenant, new MemberId(memberId));
		return new CsvExport("statement-" + memberId + ".csv", csv -> statement(tenant, member, csv));
	}

	private void statement(TenantId tenant, Member member, CsvWriter csv) throws IOException {
		UUID memberId = member.id().value();
		Map<ProgramId, String> codes = programs.list(tenant)
			.stream()
			.collect(Collectors.toMap(Program::id, Program::code));
		Locale locale = Locale.forLanguageTag(member.locale());
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
	}

	/** The RFM segments' names, from the best to the worst, as {@link #segment} takes them. */
	public List<String> segments() {
		return Arrays.stream(Segment.values()).map(Segment::code).toList();
	}

	/** The members of an RFM segment, by member id, with their scores and the figures behind them. */
	public CsvExport segment(TenantId tenant, String segment) {
		if (!Segment.NAMES.contains(segment)) {
			throw new BusinessException(ErrorCode.SEGMENT_NOT_FOUND,
					"No segment '" + segment + "': the segments are " + Segment.NAMES.stream().sorted().toList());
		}
		return new CsvExport("segment-" + segment + ".csv", csv -> segment(tenant, segment, csv));
	}

	private void segment(TenantId tenant, String segment, CsvWriter csv) throws IOException {
		int fractionDigits = tenants.get(tenant).currency().getDefaultFractionDigits();
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

	private static List<String> concat(List<String> first, List<String> second) {
		return Stream.of(first, second).flatMap(List::stream).toList();
	}
}
