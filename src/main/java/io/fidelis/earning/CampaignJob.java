package io.fidelis.earning;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import io.fidelis.jobs.Job;
import io.fidelis.jobs.JobSchedule;
import io.fidelis.shared.TenantId;
import io.fidelis.shared.Timestamps;

/**
 * Announces campaigns as they start and end: {@link CampaignStarted} and {@link CampaignEnded}, once each. Whether a
 * campaign's rules apply never waits for this job: rules follow the campaign's dates at every event.
 */
@Component
class CampaignJob implements Job {

	private final JdbcClient jdbc;
	private final ApplicationEventPublisher events;
	private final TransactionTemplate transactions;

	CampaignJob(JdbcClient jdbc, ApplicationEventPublisher events, TransactionTemplate transactions) {
		this.jdbc = jdbc;
		this.events = events;
		this.transactions = transactions;
	}

	private record Due(TenantId tenant, UUID programId, UUID campaignId, String code, Instant at) {
	}

	@Override
	public String name() {
		return "earning.campaigns";
	}

	@Override
	public JobSchedule schedule() {
		return JobSchedule.every(Duration.ofMinutes(5));
	}

	@Override
	public String run(Instant now) {
		int started = announce("starts_at", "start_announced_at", now,
				due -> events.publishEvent(new CampaignStarted(due.tenant(), due.programId(), due.campaignId(),
						due.code(), due.at())));
		int ended = announce("ends_at", "end_announced_at", now,
				due -> events.publishEvent(new CampaignEnded(due.tenant(), due.programId(), due.campaignId(),
						due.code(), due.at())));
		return "announced %d campaign starts and %d campaign ends".formatted(started, ended);
	}

	/**
	 * Marks each campaign whose {@code atColumn} has passed and that was not announced yet, and publishes its event
	 * in the same transaction: the conditional update makes it once, even if a run is repeated.
	 */
	private int announce(String atColumn, String announcedColumn, Instant now, Consumer<Due> publish) {
		List<Due> due = jdbc.sql("SELECT tenant_id, program_id, id, code, " + atColumn + " AS due_at FROM campaign"
				+ " WHERE " + atColumn + " <= :now AND " + announcedColumn + " IS NULL ORDER BY " + atColumn)
			.param("now", Timestamps.sql(now))
			.query(CampaignJob::due)
			.list();
		int announced = 0;
		for (Due campaign : due) {
			Boolean marked = transactions.execute(tx -> {
				int updated = jdbc.sql("UPDATE campaign SET " + announcedColumn + " = :now WHERE id = :id AND "
						+ announcedColumn + " IS NULL")
					.param("now", Timestamps.sql(now))
					.param("id", campaign.campaignId())
					.update();
				if (updated == 1) {
					publish.accept(campaign);
				}
				return updated == 1;
			});
			announced += Boolean.TRUE.equals(marked) ? 1 : 0;
		}
		return announced;
	}

	private static Due due(ResultSet rs, int row) throws SQLException {
		return new Due(new TenantId(rs.getObject("tenant_id", UUID.class)), rs.getObject("program_id", UUID.class),
				rs.getObject("id", UUID.class), rs.getString("code"),
				Timestamps.instant(rs.getObject("due_at", OffsetDateTime.class)));
	}
}
