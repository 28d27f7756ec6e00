package io.fidelis.member;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.fidelis.shared.BusinessException;
import io.fidelis.shared.ErrorCode;
import io.fidelis.shared.TenantId;

/**
 * Merges a duplicate member into the one who survives: the duplicate's identifiers the survivor lacks move to the
 * survivor, so do the blanks of their profile and their labels; the duplicate becomes {@link MemberStatus#MERGED}
 * and every later look-up of their identifiers finds the survivor. The other modules move what they hold of the
 * duplicate's on {@link MembersMerged}, in the same transaction.
 */
@Service
public class MemberMerges {

	/** Both members as the merge left them. */
	public record Merge(Member survivor, Member duplicate) {
	}

	private final Members members;
	private final MemberLabels labels;
	private final JdbcClient jdbc;
	private final ApplicationEventPublisher events;
	private final Clock clock;

	MemberMerges(Members members, MemberLabels labels, JdbcClient jdbc, ApplicationEventPublisher events,
			Clock clock) {
		this.members = members;
		this.labels = labels;
		this.jdbc = jdbc;
		this.events = events;
		this.clock = clock;
	}

	/**
	 * Merges {@code duplicateId} into {@code survivorId}. Both rows are locked first, in one order whoever asks, so
	 * that two merges of one pair run one after the other and the second finds the duplicate merged. Merging a member
	 * into themselves is {@link ErrorCode#INVALID_REQUEST}; a blocked member {@link ErrorCode#MEMBER_BLOCKED}; a
	 * merged one {@link ErrorCode#MEMBER_MERGED}; a member of another tenant {@link ErrorCode#MEMBER_NOT_FOUND}.
	 *
	 * @param reference the merge's idempotency key, kept on the ledger transactions it writes
	 */
	@Transactional
	public Merge merge(TenantId tenant, MemberId survivorId, MemberId duplicateId, String reference) {
		if (survivorId.equals(duplicateId)) {
			throw BusinessException.invalid("duplicate", "is the surviving member itself: name another member");
		}
		Stream.of(survivorId, duplicateId)
			.sorted(Comparator.comparing(MemberId::value))
			.forEach(id -> members.lock(tenant, id));
		Member survivor = members.get(tenant, survivorId).requireActive();
		Member duplicate = members.get(tenant, duplicateId).requireActive();

		moveIdentifier(tenant, "external_id", survivor.externalId(), duplicate.externalId(), survivor, duplicate);
		moveIdentifier(tenant, "email", survivor.email(), duplicate.email(), survivor, duplicate);
		moveIdentifier(tenant, "phone", survivor.phone(), duplicate.phone(), survivor, duplicate);
		jdbc.sql("""
				UPDATE member SET first_name = COALESCE(first_name, :firstName),
				last_name = COALESCE(last_name, :lastName), birth_date = COALESCE(birth_date, :birthDate)
				WHERE tenant_id = :tenant AND id = :id""")
			.param("firstName", duplicate.firstName())
			.param("lastName", duplicate.lastName())
			.param("birthDate", duplicate.birthDate())
			.param("tenant", tenant.value())
			.param("id", survivorId.value())
			.update();
		List<String> kept = labels.of(tenant, survivorId);
		List<String> added = new ArrayList<>();
		for (String label : labels.of(tenant, duplicateId)) {
			// Sanity: a member has at most MAX_PER_MEMBER labels; past it, the duplicate's last ones are dropped.
			if (!kept.contains(label) && kept.size() + added.size() < MemberLabels.MAX_PER_MEMBER) {
				added.add(label);
			}
		}
		Instant now = clock.instant();
		labels.insert(tenant, survivorId, added, now);

		members.setStatus(tenant, duplicateId, MemberStatus.MERGED, "merged into member " + survivorId, survivorId);
		// Members merged into the duplicate before lead straight to the survivor too: one hop, never a chain.
		jdbc.sql("UPDATE member SET merged_into = :survivor, status_reason = :reason "
				+ "WHERE tenant_id = :tenant AND merged_into = :duplicate")
			.param("survivor", survivorId.value())
			.param("reason", "merged into member " + survivorId)
			.param("tenant", tenant.value())
			.param("duplicate", duplicateId.value())
			.update();
		events.publishEvent(new MembersMerged(tenant, survivorId, duplicateId, reference, now));
		return new Merge(members.get(tenant, survivorId), members.get(tenant, duplicateId));
	}

	/**
	 * Moves an identifier the survivor lacks: off the duplicate first, since identifiers are unique per tenant. The
	 * duplicate keeps those the survivor has; they lead to the survivor all the same.
	 */
	private void moveIdentifier(TenantId tenant, String column, String survivors, String duplicates, Member survivor,
			Member duplicate) {
		if (survivors != null || duplicates == null) {
			return;
		}
		jdbc.sql("UPDATE member SET " + column + " = NULL WHERE tenant_id = :tenant AND id = :id")
			.param("tenant", tenant.value())
			.param("id", duplicate.id().value())
			.update();
		jdbc.sql("UPDATE member SET " + column + " = :value WHERE tenant_id = :tenant AND id = :id")
			.param("value", duplicates)
			.param("tenant", tenant.value())
			.param("id", survivor.id().value())
			.update();
	}
}
