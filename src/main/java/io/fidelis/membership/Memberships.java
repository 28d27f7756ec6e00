package io.fidelis.membership;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import io.fidelis.program.ProgramId;
import io.fidelis.shared.BusinessException;
import io.fidelis.shared.ErrorCode;
import io.fidelis.shared.FieldError;
import io.fidelis.shared.Ids;
import io.fidelis.shared.Money;
import io.fidelis.shared.Page;
import io.fidelis.shared.PageRequest;
import io.fidelis.shared.TenantId;
import io.fidelis.shared.Timestamps;

/** Members' memberships, the payments reported for them and every change of their status. */
@Repository
class Memberships {

	private static final String COLUMNS = """
			id, member_id, plan_code, program_id, status, started_at, trial_until, term_start, term_end, grace_days,
			auto_renew, cancel_at_term_end, ended_at, created_at""";

	private final JdbcClient jdbc;
	private final Clock clock;

	Memberships(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/** A membership due to change by time, somewhere. */
	record Due(TenantId tenant, UUID id) {
	}

	/** One line of a membership's history. */
	record HistoryLine(Membership.ChangeKind kind, MembershipStatus status, String note, Instant occurredAt) {
	}

	void insert(TenantId tenant, Membership membership) {
		try {
			jdbc.sql("""
					INSERT INTO membership (id, tenant_id, member_id, plan_code, program_id, status, open_plan,
					started_at, trial_until, term_start, term_end, grace_days, auto_renew, cancel_at_term_end,
					ended_at, next_change_at, created_at, updated_at)
					VALUES (:id, :tenant, :member, :plan, :program, :status, :openPlan, :startedAt, :trialUntil,
					:termStart, :termEnd, :graceDays, :autoRenew, :cancelAtTermEnd, :endedAt, :nextChangeAt,
					:createdAt, :createdAt)""")
				.param("id", membership.id())
				.param("tenant", tenant.value())
				.param("member", membership.memberId())
				.param("plan", membership.plan())
				.param("program", membership.program().value())
				.param("startedAt", Timestamps.sql(membership.startedAt()))
				.param("trialUntil", Timestamps.sql(membership.trialUntil()))
				.param("graceDays", membership.graceDays())
				.param("autoRenew", membership.autoRenew())
				.param("createdAt", Timestamps.sql(membership.createdAt()))
				.params(changing(membership))
				.update();
		}
		catch (DuplicateKeyException open) {
			throw new BusinessException(ErrorCode.MEMBERSHIP_EXISTS,
					"The member already holds a membership of plan '" + membership.plan() + "' that has not ended");
		}
	}

	void update(TenantId tenant, Membership membership) {
		jdbc.sql("""
				UPDATE membership SET status = :status, open_plan = :openPlan, term_start = :termStart,
				term_end = :termEnd, cancel_at_term_end = :cancelAtTermEnd, ended_at = :endedAt,
				next_change_at = :nextChangeAt, updated_at = :now
				WHERE tenant_id = :tenant AND id = :id""")
			.params(changing(membership))
			.param("now", Timestamps.sql(clock.instant()))
			.param("tenant", tenant.value())
			.param("id", membership.id())
			.update();
	}

	/** What changes over a membership's life, as the columns hold it. */
	private static Map<String, Object> changing(Membership membership) {
		Map<String, Object> columns = new LinkedHashMap<>();
		columns.put("status", membership.status().name());
		columns.put("openPlan", membership.status().open() ? membership.plan() : null);
		columns.put("termStart", Timestamps.sql(membership.termStart()));
		columns.put("termEnd", Timestamps.sql(membership.termEnd()));
		columns.put("cancelAtTermEnd", membership.cancelAtTermEnd());
		columns.put("endedAt", Timestamps.sql(membership.endedAt()));
		columns.put("nextChangeAt", Timestamps.sql(membership.nextChangeAt()));
		return columns;
	}

	/** Records the payment once: a reference already reported in the tenant is refused. */
	void recordPayment(TenantId tenant, UUID membership, String reference, Money amount) {
		try {
			jdbc.sql("""
					INSERT INTO membership_payment (tenant_id, reference, membership_id, amount_minor, currency,
					reported_at) VALUES (:tenant, :reference, :membership, :amount, :currency, :now)""")
				.param("tenant", tenant.value())
				.param("reference", reference)
				.param("membership", membership)
				.param("amount", amount.minorUnits())
				.param("currency", amount.currency().getCurrencyCode())
				.param("now", Timestamps.sql(clock.instant()))
				.update();
		}
		catch (DuplicateKeyException reported) {
			throw new BusinessException(ErrorCode.PAYMENT_ALREADY_REPORTED,
					"The payment '" + reference + "' was already reported", List.of(new FieldError(
							"paymentReference", "was already reported")));
		}
	}

	void recordChange(TenantId tenant, Membership.Change change) {
		jdbc.sql("""
				INSERT INTO membership_change (id, tenant_id, membership_id, kind, status, note, occurred_at)
				VALUES (:id, :tenant, :membership, :kind, :status, :note, :at)""")
			.param("id", Ids.newId(clock))
			.param("tenant", tenant.value())
			.param("membership", change.membership().id())
			.param("kind", change.kind().name())
			.param("status", change.membership().status().name())
			.param("note", change.note())
			.param("at", Timestamps.sql(change.at()))
			.update();
	}

	Membership get(TenantId tenant, UUID id) {
		return find(tenant, id, "").orElseThrow(() -> notFound(id));
	}

	/** The membership, its row locked until the transaction ends: its changes happen one at a time. */
	Membership lock(TenantId tenant, UUID id) {
		return find(tenant, id, " FOR UPDATE").orElseThrow(() -> notFound(id));
	}

	private Optional<Membership> find(TenantId tenant, UUID id, String lock) {
		return jdbc.sql("SELECT " + COLUMNS + " FROM membership WHERE tenant_id = :tenant AND id = :id" + lock)
			.param("tenant", tenant.value())
			.param("id", id)
			.query(Memberships::membership)
			.optional();
	}

	Page<Membership> ofMember(TenantId tenant, UUID member, PageRequest page) {
		List<Membership> rows = jdbc.sql("SELECT " + COLUMNS + " FROM membership WHERE tenant_id = :tenant"
				+ " AND member_id = :member" + page.condition("created_at", "id")
				+ " ORDER BY created_at DESC, id DESC LIMIT :limit")
			.param("tenant", tenant.value())
			.param("member", member)
			.params(page.hasCursor() ? Map.of("before", Timestamps.sql(page.before()), "beforeId", page.beforeId())
					: Map.of())
			.param("limit", page.fetchSize())
			.query(Memberships::membership)
			.list();
		return page.page(rows, Membership::createdAt, Membership::id);
	}

	/** The member's memberships in the program that may give benefits (trial or active); callers check the time. */
	List<Membership> withBenefits(TenantId tenant, ProgramId program, UUID member) {
		return jdbc.sql("SELECT " + COLUMNS + " FROM membership WHERE tenant_id = :tenant AND member_id = :member"
				+ " AND program_id = :program AND status IN ('TRIAL', 'ACTIVE') ORDER BY created_at, id")
			.param("tenant", tenant.value())
			.param("member", member)
			.param("program", program.value())
			.query(Memberships::membership)
			.list();
	}

	/** The history of the membership, oldest first. */
	List<HistoryLine> history(TenantId tenant, UUID membership) {
		return jdbc.sql("""
				SELECT kind, status, note, occurred_at FROM membership_change
				WHERE tenant_id = :tenant AND membership_id = :membership ORDER BY occurred_at, id""")
			.param("tenant", tenant.value())
			.param("membership", membership)
			.query((rs, row) -> new HistoryLine(Membership.ChangeKind.valueOf(rs.getString("kind")),
					MembershipStatus.valueOf(rs.getString("status")), rs.getString("note"),
					MembershipPlans.instant(rs, "occurred_at")))
			.list();
	}

	/** Memberships whose next change by time has come, across tenants, soonest first. */
	List<Due> due(Instant now, int limit) {
		return jdbc.sql("""
				SELECT tenant_id, id FROM membership WHERE next_change_at <= :now
				ORDER BY next_change_at, id LIMIT :limit""")
			.param("now", Timestamps.sql(now))
			.param("limit", limit)
			.query((rs, row) -> new Due(new TenantId(rs.getObject("tenant_id", UUID.class)),
					rs.getObject("id", UUID.class)))
			.list();
	}

	private static BusinessException notFound(UUID id) {
		return new BusinessException(ErrorCode.MEMBERSHIP_NOT_FOUND, "No membership " + id);
	}

	private static Membership membership(ResultSet rs, int row) throws SQLException {
		return new Membership(rs.getObject("id", UUID.class), rs.getObject("member_id", UUID.class),
				rs.getString("plan_code"), new ProgramId(rs.getObject("program_id", UUID.class)),
				MembershipStatus.valueOf(rs.getString("status")), MembershipPlans.instant(rs, "started_at"),
				MembershipPlans.instant(rs, "trial_until"), MembershipPlans.instant(rs, "term_start"),
				MembershipPlans.instant(rs, "term_end"), rs.getInt("grace_days"), rs.getBoolean("auto_renew"),
				rs.getBoolean("cancel_at_term_end"), MembershipPlans.instant(rs, "ended_at"),
				MembershipPlans.instant(rs, "created_at"));
	}
}
