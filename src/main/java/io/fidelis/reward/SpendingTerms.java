package io.fidelis.reward;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import io.fidelis.program.ProgramId;
import io.fidelis.shared.TenantId;
import io.fidelis.shared.Timestamps;

/** Each program's terms for paying with units at a checkout and for transfers between members. */
@Repository
class SpendingTerms {

	private final JdbcClient jdbc;
	private final Clock clock;

	SpendingTerms(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	PointPaymentTerms pointPayments(TenantId tenant, ProgramId program) {
		return jdbc.sql("""
				SELECT min_points, max_share_percent, updated_at FROM point_payment_terms
				WHERE tenant_id = :tenant AND program_id = :program""")
			.param("tenant", tenant.value())
			.param("program", program.value())
			.query((rs, n) -> new PointPaymentTerms(rs.getLong("min_points"), rs.getInt("max_share_percent"),
					Timestamps.instant(rs.getObject("updated_at", OffsetDateTime.class))))
			.optional()
			.orElse(PointPaymentTerms.DEFAULTS);
	}

	PointPaymentTerms setPointPayments(TenantId tenant, ProgramId program, long minPoints, int maxSharePercent) {
		Instant now = clock.instant();
		// Create the row if it is missing, then set it: two statements that both databases run alike.
		jdbc.sql("""
				INSERT INTO point_payment_terms (tenant_id, program_id, min_points, max_share_percent, updated_at)
				VALUES (:tenant, :program, 1, 100, :now) ON CONFLICT DO NOTHING""")
			.param("tenant", tenant.value())
			.param("program", program.value())
			.param("now", Timestamps.sql(now))
			.update();
		jdbc.sql("""
				UPDATE point_payment_terms SET min_points = :minPoints, max_share_percent = :maxShare,
				updated_at = :now WHERE tenant_id = :tenant AND program_id = :program""")
			.param("minPoints", minPoints)
			.param("maxShare", maxSharePercent)
			.param("now", Timestamps.sql(now))
			.param("tenant", tenant.value())
			.param("program", program.value())
			.update();
		return new PointPaymentTerms(minPoints, maxSharePercent, now);
	}

	TransferLimits transfers(TenantId tenant, ProgramId program) {
		return jdbc.sql("""
				SELECT max_points_per_transfer, max_points_per_month, updated_at FROM transfer_terms
				WHERE tenant_id = :tenant AND program_id = :program""")
			.param("tenant", tenant.value())
			.param("program", program.value())
			.query((rs, n) -> new TransferLimits(rs.getObject("max_points_per_transfer", Long.class),
					rs.getObject("max_points_per_month", Long.class),
					Timestamps.instant(rs.getObject("updated_at", OffsetDateTime.class))))
			.optional()
			.orElse(TransferLimits.NONE);
	}

	TransferLimits setTransfers(TenantId tenant, ProgramId program, Long maxPointsPerTransfer,
			Long maxPointsPerMonth) {
		Instant now = clock.instant();
		jdbc.sql("""
				INSERT INTO transfer_terms (tenant_id, program_id, updated_at)
				VALUES (:tenant, :program, :now) ON CONFLICT DO NOTHING""")
			.param("tenant", tenant.value())
			.param("program", program.value())
			.param("now", Timestamps.sql(now))
			.update();
		jdbc.sql("""
				UPDATE transfer_terms SET max_points_per_transfer = :perTransfer, max_points_per_month = :perMonth,
				updated_at = :now WHERE tenant_id = :tenant AND program_id = :program""")
			.param("perTransfer", maxPointsPerTransfer)
			.param("perMonth", maxPointsPerMonth)
			.param("now", Timestamps.sql(now))
			.param("tenant", tenant.value())
			.param("program", program.value())
			.update();
		return new TransferLimits(maxPointsPerTransfer, maxPointsPerMonth, now);
	}
}
