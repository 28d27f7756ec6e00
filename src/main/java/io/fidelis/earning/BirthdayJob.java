package io.fidelis.earning;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

import io.fidelis.jobs.Job;
import io.fidelis.jobs.JobSchedule;
import io.fidelis.jobs.JobSteps;
import io.fidelis.member.Member;
import io.fidelis.member.Members;
import io.fidelis.program.Program;
import io.fidelis.program.Programs;
import io.fidelis.shared.IdempotentRequests;
import io.fidelis.shared.IdempotentResponse;
import io.fidelis.shared.TenantId;

/**
 * Sends a {@code birthday} event for every member whose birthday is today, once per member per year (the event's
 * transaction id is {@code birthday:<member>:<year>}), for birthday rules to fire on. A tenant's day is that of its
 * points program's time zone (its first program's, without one). Hourly, so that every time zone's midnight is
 * caught; each tenant's members are looked up once a day, and the days of the last week that no run saw (the
 * service was down) are caught up, their events dated on their day.
 */
@Component
class BirthdayJob implements Job {

	/** Sanity: birthdays missed while the service was down are sent late for a week, not forever. */
	private static final int CATCH_UP_DAYS = 7;

	private final Programs programs;
	private final Members members;
	private final Events events;
	private final IdempotentRequests idempotentRequests;

	BirthdayJob(Programs programs, Members members, Events events, IdempotentRequests idempotentRequests) {
		this.programs = programs;
		this.members = members;
		this.events = events;
		this.idempotentRequests = idempotentRequests;
	}

	record BirthdayRun(LocalDate day, int members) {
	}

	@Override
	public String name() {
		return "earning.birthdays";
	}

	@Override
	public JobSchedule schedule() {
		return JobSchedule.every(Duration.ofHours(1));
	}

	@Override
	public String run(Instant now) {
		Map<TenantId, ZoneId> tenants = new LinkedHashMap<>();
		for (Program program : programs.all()) {
			if (Programs.DEFAULT_CODE.equals(program.code()) || !tenants.containsKey(program.tenantId())) {
				tenants.put(program.tenantId(), program.timeZone());
			}
		}
		int[] celebrated = { 0 };
		JobSteps.forEach(name(), "tenants", tenants.keySet().stream().toList(), tenant -> "tenant " + tenant,
				tenant -> {
					ZoneId zone = tenants.get(tenant);
					LocalDate today = LocalDate.ofInstant(now, zone);
					for (LocalDate day = today.minusDays(CATCH_UP_DAYS - 1); !day.isAfter(today); day = day.plusDays(1)) {
						Instant noon = day.atTime(12, 0).atZone(zone).toInstant();
						celebrated[0] += celebrate(tenant, day, noon.isBefore(now) ? noon : now);
					}
				});
		return "sent birthday events to %d members of %d tenants".formatted(celebrated[0], tenants.size());
	}

	/**
	 * The birthdays of one tenant's day, once: the day's run is kept under its own idempotency key, so that the next
	 * runs of the day replay it.
	 */
	private int celebrate(TenantId tenant, LocalDate day, Instant occurredAt) {
		IdempotentResponse<BirthdayRun> run = idempotentRequests.execute(tenant, "birthday-run:" + day, "birthday run", day,
				BirthdayRun.class, HttpStatus.OK, () -> {
					int sent = 0;
					for (Member member : members.celebrating(tenant, day)) {
						events.submit(tenant, null, new EventRequest.Activity("birthday",
								"birthday:" + member.id() + ":" + day.getYear(),
								new EventRequest.Member(member.id().value(), null, null, null, null), null,
								occurredAt.atOffset(ZoneOffset.UTC), Map.of(), null, null, null, Map.of()));
						sent++;
					}
					return new BirthdayRun(day, sent);
				});
		return run.replayed() ? 0 : run.body().members();
	}
}
