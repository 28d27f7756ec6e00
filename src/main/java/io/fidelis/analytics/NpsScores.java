package io.fidelis.analytics;

import java.time.LocalDate;

import org.springframework.context.event.EventListener;
import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import io.fidelis.earning.SurveyAnswered;
import io.fidelis.shared.TenantId;

/**
 * The NPS roll-up: each survey answer adds to its day's row, in the survey's transaction; a period's NPS sums its
 * days. Days are those of the tenant's time zone (its {@code points} program's).
 */
@Component
class NpsScores {

	private final JdbcClient jdbc;
	private final TenantZones zones;

	NpsScores(JdbcClient jdbc, TenantZones zones) {
		this.jdbc = jdbc;
		this.zones = zones;
	}

	@EventListener
	void on(SurveyAnswered answer) {
		LocalDate day = answer.occurredAt().atZone(zones.zone(answer.tenantId())).toLocalDate();
		String store = answer.storeId() == null ? "" : answer.storeId();
		Nps one = Nps.of(answer.score());
		if (add(answer.tenantId(), day, store, one) == 0) {
			int created = jdbc.sql("""
					INSERT INTO nps_day (tenant_id, answered_on, store_id, promoters, passives, detractors)
					VALUES (:tenant, :day, :store, :promoters, :passives, :detractors)
					ON CONFLICT DO NOTHING""")
				.param("tenant", answer.tenantId().value())
				.param("day", day)
				.param("store", store)
				.param("promoters", one.promoters())
				.param("passives", one.passives())
				.param("detractors", one.detractors())
				.update();
			// The day's first answers, two at once: the one that did not create the row adds to it.
			if (created == 0 && add(answer.tenantId(), day, store, one) == 0) {
				throw new ConcurrencyFailureException("the NPS row of " + day + " is neither there nor creatable");
			}
		}
	}

	private int add(TenantId tenant, LocalDate day, String store, Nps one) {
		return jdbc.sql("""
				UPDATE nps_day SET promoters = promoters + :promoters, passives = passives + :passives,
				detractors = detractors + :detractors
				WHERE tenant_id = :tenant AND answered_on = :day AND store_id = :store""")
			.param("promoters", one.promoters())
			.param("passives", one.passives())
			.param("detractors", one.detractors())
			.param("tenant", tenant.value())
			.param("day", day)
			.param("store", store)
			.update();
	}

	/** The answers of the days from {@code from} to {@code to}, both included; of one store if {@code store} is set. */
	Nps between(TenantId tenant, LocalDate from, LocalDate to, String store) {
		return jdbc.sql("SELECT COALESCE(SUM(promoters), 0), COALESCE(SUM(passives), 0), COALESCE(SUM(detractors), 0)"
				+ " FROM nps_day WHERE tenant_id = :tenant AND answered_on >= :from AND answered_on <= :to"
				+ (store == null ? "" : " AND store_id = :store"))
			.param("tenant", tenant.value())
			.param("from", from)
			.param("to", to)
			.param("store", store)
			.query((rs, n) -> new Nps(rs.getLong(1), rs.getLong(2), rs.getLong(3)))
			.single();
	}
}
