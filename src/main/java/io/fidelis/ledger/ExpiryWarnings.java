package io.fidelis.ledger;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.fidelis.member.MemberId;
import io.fidelis.program.Program;
import io.fidelis.shared.Timestamps;

/**
 * Warns members of units about to expire, once per member per expiry date, with {@link PointsExpiringSoon}. The
 * table {@code expiry_warning} keeps what was warned of; its key makes sure that a second run, or two runs at once,
 * warn nobody twice.
 */
@Service
class ExpiryWarnings {

	private final JdbcClient jdbc;
	private final ApplicationEventPublisher events;
	private final Clock clock;

	ExpiryWarnings(JdbcClient jdbc, ApplicationEventPublisher events, Clock clock) {
		this.jdbc = jdbc;
		this.events = events;
		this.clock = clock;
	}

	/**
	 * Warns of the units still valid at {@code now} that expire within the program's warning days and were not warned
	 * of yet. Pending units count too: they are lost all the same.
	 */
	@Transactional
	public RunSummary warn(Program program, Instant now) {
		Optional<Instant> horizon = program.expiryWarningHorizon(now);
		if (horizon.isEmpty()) {
			return RunSummary.NONE;
		}
		record Due(UUID memberId, Instant expiresAt, long amount, int lots) {
		}
		List<Due> due = jdbc.sql("""
				SELECT a.member_id, l.expires_at, SUM(l.remaining) AS amount, COUNT(*) AS lots
				FROM ledger_lot l JOIN ledger_account a ON a.id = l.account_id
				WHERE l.tenant_id = :tenant AND l.program_id = :program AND l.remaining > 0
				AND l.expires_at > :now AND l.expires_at <= :horizon
				AND NOT EXISTS (SELECT 1 FROM expiry_warning w
				                WHERE w.tenant_id = l.tenant_id AND w.program_id = l.program_id
				                AND w.member_id = a.member_id AND w.expires_at = l.expires_at)
				GROUP BY a.member_id, l.expires_at
				ORDER BY a.member_id, l.expires_at""")
			.param("tenant", program.tenantId().value())
			.param("program", program.id().value())
			.param("now", Timestamps.sql(now))
			.param("horizon", Timestamps.sql(horizon.get()))
			.query((rs, n) -> new Due(rs.getObject("member_id", UUID.class),
					Timestamps.instant(rs.getObject("expires_at", OffsetDateTime.class)), rs.getLong("amount"),
					rs.getInt("lots")))
			.list();
		Set<UUID> members = new HashSet<>();
		int lots = 0;
		long units = 0;
		for (Due warning : due) {
			int recorded = jdbc.sql("""
					INSERT INTO expiry_warning (tenant_id, program_id, member_id, expires_at, amount, warned_at)
					VALUES (:tenant, :program, :member, :expiresAt, :amount, :warnedAt)
					ON CONFLICT DO NOTHING""")
				.param("tenant", program.tenantId().value())
				.param("program", program.id().value())
				.param("member", warning.memberId())
				.param("expiresAt", Timestamps.sql(warning.expiresAt()))
				.param("amount", warning.amount())
				.param("warnedAt", Timestamps.sql(clock.instant()))
				.update();
			if (recorded == 1) {
				events.publishEvent(new PointsExpiringSoon(program.tenantId(), program.id(),
						new MemberId(warning.memberId()), warning.amount(), warning.expiresAt()));
				members.add(warning.memberId());
				lots += warning.lots();
				units += warning.amount();
			}
		}
		return new RunSummary(members.size(), lots, units);
	}
}
