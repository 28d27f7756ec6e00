package io.fidelis.analytics;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.fidelis.member.MemberId;
import io.fidelis.member.Members;
import io.fidelis.shared.BusinessException;
import io.fidelis.shared.ErrorCode;
import io.fidelis.shared.Page;
import io.fidelis.shared.PageRequest;
import io.fidelis.shared.TenantId;
import io.fidelis.tenant.Caller;
import io.fidelis.tenant.Scope;

/** RFM segments: their sizes, their members (for a campaign), a member's own, and a recomputation on request. */
@RestController
class SegmentController {

	/** Sanity: lapsed means no purchase in 1 day to 10 years. */
	private static final int MAX_LAPSED_DAYS = 3650;

	private final RfmSegments segments;
	private final LapsedMembers lapsed;
	private final Members members;
	private final Clock clock;

	SegmentController(RfmSegments segments, LapsedMembers lapsed, Members members, Clock clock) {
		this.segments = segments;
		this.lapsed = lapsed;
		this.members = members;
		this.clock = clock;
	}

	record SegmentSize(String segment, long members) {
	}

	/** @param computedAt null until the segments were first computed */
	record Sizes(Instant computedAt, int windowDays, List<SegmentSize> segments) {

		static Sizes of(RfmSegments.Counts counts) {
			return new Sizes(counts.computedAt(), RfmSegments.WINDOW_DAYS, counts.members()
				.entrySet()
				.stream()
				.map(count -> new SegmentSize(count.getKey(), count.getValue()))
				.toList());
		}
	}

	@GetMapping("/api/v1/segments")
	Sizes sizes(Caller caller) {
		return Sizes.of(segments.counts(caller.require(Scope.MEMBERS_READ)));
	}

	/** Recomputes the tenant's segments now, as the daily job does; answers their new sizes. */
	@PostMapping("/api/v1/segments:compute")
	Sizes compute(Caller caller) {
		TenantId tenant = caller.require(Scope.PROGRAMS_WRITE);
		segments.compute(tenant, clock.instant());
		return Sizes.of(segments.counts(tenant));
	}

	/** The segment's members in the order of their ids; {@code after} is the last id of the previous page. */
	@GetMapping("/api/v1/segments/{segment}/members")
	Page<RfmSegments.Standing> members(Caller caller, @PathVariable String segment,
			@RequestParam(required = false) Integer limit, @RequestParam(required = false) UUID after) {
		TenantId tenant = caller.require(Scope.MEMBERS_READ);
		if (!Segment.NAMES.contains(segment)) {
			throw new BusinessException(ErrorCode.SEGMENT_NOT_FOUND,
					"No segment '" + segment + "': the segments are " + Segment.NAMES.stream().sorted().toList());
		}
		int size = PageRequest.of(limit, null).limit();
		return byMemberId(segments.members(tenant, segment, after, size + 1), size, RfmSegments.Standing::memberId);
	}

	/** @param total how many members have lapsed, all pages together */
	record LapsedPage(int days, long total, List<LapsedMembers.Lapsed> items, String nextCursor) {
	}

	/**
	 * Members who bought before but not in the last {@code days} days (90 by default), in the order of their ids;
	 * {@code after} is the last id of the previous page.
	 */
	@GetMapping("/api/v1/lapsed-members")
	LapsedPage lapsed(Caller caller, @RequestParam(required = false) Integer days,
			@RequestParam(required = false) Integer limit, @RequestParam(required = false) UUID after) {
		TenantId tenant = caller.require(Scope.MEMBERS_READ);
		int window = days == null ? 90 : days;
		if (window < 1 || window > MAX_LAPSED_DAYS) {
			throw BusinessException.invalid("days", "must be between 1 and " + MAX_LAPSED_DAYS);
		}
		int size = PageRequest.of(limit, null).limit();
		Instant since = clock.instant().minus(Duration.ofDays(window));
		Page<LapsedMembers.Lapsed> page = byMemberId(lapsed.since(tenant, since, after, size + 1), size,
				LapsedMembers.Lapsed::memberId);
		return new LapsedPage(window, lapsed.count(tenant, since), page.items(), page.nextCursor());
	}

	/**
	 * A page of {@code size} out of {@code fetched} (one more was fetched, if there is more): the next page starts after
	 * the last member id of this one.
	 */
	private static <T> Page<T> byMemberId(List<T> fetched, int size, Function<T, UUID> memberId) {
		boolean more = fetched.size() > size;
		List<T> items = more ? fetched.subList(0, size) : fetched;
		return new Page<>(items, more ? memberId.apply(items.get(items.size() - 1)).toString() : null);
	}

	@GetMapping("/api/v1/members/{id}/segment")
	RfmSegments.Standing member(Caller caller, @PathVariable UUID id) {
		TenantId tenant = caller.require(Scope.MEMBERS_READ);
		members.get(tenant, new MemberId(id));
		return segments.find(tenant, id)
			.orElseThrow(() -> new BusinessException(ErrorCode.SEGMENT_NOT_FOUND, "Member " + id
					+ " is in no segment: no purchase in the last " + RfmSegments.WINDOW_DAYS
					+ " days, or the segments were not computed since"));
	}
}
