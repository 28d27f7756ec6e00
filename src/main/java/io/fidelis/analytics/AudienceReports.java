package io.fidelis.analytics;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Service;

import io.fidelis.shared.TenantId;

/**
 * Who the members are, as the back-office's audience page shows it: the NPS of a period, the size of each RFM
 * segment, and how many members have lapsed. The same figures as the API's ({@code /api/v1/analytics/nps},
 * {@code /api/v1/segments}, {@code /api/v1/lapsed-members}).
 */
@Service
public class AudienceReports {

	private final NpsScores nps;
	private final RfmSegments segments;
	private final LapsedMembers lapsed;
	private final Clock clock;

	AudienceReports(NpsScores nps, RfmSegments segments, LapsedMembers lapsed, Clock clock) {
		this.nps = nps;
		this.segments = segments;
		this.lapsed = lapsed;
		this.clock = clock;
	}

	/** @param score promoters minus detractors, in percent of the answers; null without answers */
	public record NpsFigures(long answers, long promoters, long passives, long detractors, BigDecimal score) {
	}

	/** The NPS of the survey answers of the days {@code from} to {@code to}, both included, of every store. */
	public NpsFigures nps(TenantId tenant, LocalDate from, LocalDate to) {
		Nps answers = nps.between(tenant, from, to, null);
		return new NpsFigures(answers.answers(), answers.promoters(), answers.passives(), answers.detractors(),
				answers.score());
	}

	/** @param computedAt when the segments were last computed; null if never */
	public record SegmentSizes(Instant computedAt, Map<String, Long> members) {
	}

	/** Every segment with its number of members (0 if empty), in the order of the segments' grid. */
	public SegmentSizes segments(TenantId tenant) {
		RfmSegments.Counts counts = segments.counts(tenant);
		return new SegmentSizes(counts.computedAt(), counts.members());
	}

	/** A count of the members whose last purchase is more than {@code days} days old. */
	public record LapsedCount(int days, long members) {
	}

	public List<LapsedCount> lapsed(TenantId tenant, List<Integer> windows) {
		Instant now = clock.instant();
		return windows.stream()
			.map(days -> new LapsedCount(days, lapsed.count(tenant, now.minus(Duration.ofDays(days)))))
			.toList();
	}
}
