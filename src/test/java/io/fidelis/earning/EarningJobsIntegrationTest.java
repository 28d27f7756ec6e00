package io.fidelis.earning;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;

import io.fidelis.support.IntegrationTest;
import io.fidelis.support.MutableClock;
import io.fidelis.support.TestJobs;
import io.fidelis.support.TestTenants;
import io.fidelis.support.TestTenants.TestTenant;

/**
 * The earning module's jobs on the service's own clock: members get their birthday events once a year, and campaigns
 * are announced as they start and end. Its service is closed after it, so that its jobs leave later tests alone.
 */
@IntegrationTest
@TestPropertySource(properties = { "fidelis.jobs.enabled=true", "fidelis.jobs.polling-interval=100ms",
		"fidelis.jobs.instance-name=earning-jobs-test" })
@DirtiesContext
@Import({ TestJobs.class, CampaignAnnouncementsHeard.class })
class EarningJobsIntegrationTest {

	@Autowired
	TestTenants tenants;

	@Autowired
	MutableClock clock;

	@Autowired
	TestJobs jobs;

	@Autowired
	CampaignAnnouncementsHeard announcements;

	@Test
	void birthdayRulesFireOnTheirOwnOnceAYearOnTheMembersBirthday() {
		jobs.awaitSettled();
		TestTenant tenant = tenants.create();
		tenant.rule("""
				{"name": "Birthday gift", "trigger": "birthday", "effect": {"type": "fixed_points", "points": 50}}""");
		LocalDate tomorrow = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC).plusDays(1);
		String memberId = tenant.enrol("{\"birthDate\": \"%s\"}".formatted(tomorrow.minusYears(30)));
		String otherId = tenant.enrol("{\"birthDate\": \"%s\"}".formatted(tomorrow.minusYears(30).plusDays(1)));

		jobs.advance(Duration.ofDays(1));

		assertThat(tenant.available(memberId)).isEqualTo(50);
		assertThat(tenant.available(otherId)).isZero();
		assertThat(tenant.statement(memberId).at("/items/0/explanation/text").asString())
			.isEqualTo("50 points for your birthday: Birthday gift 50");

		jobs.advance(Duration.ofHours(1));
		jobs.advance(Duration.ofHours(1));
		assertThat(tenant.available(memberId)).as("once, though the job runs every hour").isEqualTo(50);

		// Three days in one step, as if the service were down: the next run catches up the day it missed.
		jobs.advance(Duration.ofDays(3));
		assertThat(tenant.available(otherId)).as("born the day after, sent late").isEqualTo(50);
		assertThat(tenant.available(memberId)).isEqualTo(50);

		Instant nextBirthday = tomorrow.plusYears(1).atTime(12, 0).toInstant(ZoneOffset.UTC);
		jobs.advance(Duration.between(clock.instant(), nextBirthday));
		assertThat(tenant.available(memberId)).as("again the next year").isEqualTo(100);
		tenant.assertBalanced();
	}

	@Test
	void campaignsAreAnnouncedOnceWhenTheyStartAndWhenTheyEnd() {
		jobs.awaitSettled();
		TestTenant tenant = tenants.create();
		String code = "c-" + UUID.randomUUID().toString().substring(0, 8);
		Instant startsAt = clock.instant().plus(Duration.ofHours(2));
		tenant.campaign("""
				{"code": "%s", "name": "Spring", "startsAt": "%s", "endsAt": "%s"}"""
			.formatted(code, startsAt, startsAt.plus(Duration.ofDays(3))));

		jobs.advance(Duration.ofHours(1));
		assertThat(announcements.of(code)).isEmpty();

		jobs.advance(Duration.ofHours(2));
		assertThat(announcements.of(code)).containsExactly("started " + code);

		jobs.advance(Duration.ofDays(3));
		jobs.advance(Duration.ofDays(1));
		assertThat(announcements.of(code)).containsExactly("started " + code, "ended " + code);
	}
}
