package io.fidelis.member;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.fidelis.shared.BusinessException;
import io.fidelis.shared.ErrorCode;
import io.fidelis.shared.TenantId;

class MemberTest {

	private static final MemberId SURVIVOR = new MemberId(UUID.randomUUID());

	private static Member member(MemberStatus status, String reason, MemberId mergedInto) {
		return new Member(new MemberId(UUID.randomUUID()), new TenantId(UUID.randomUUID()), "2900000000001", null,
				null, null, null, null, null, "en", false, Instant.EPOCH, status, reason, mergedInto);
	}

	@Test
	void anActiveMemberMayEarnSpendAndBeAdjusted() {
		Member active = member(MemberStatus.ACTIVE, null, null);

		assertThat(active.requireActive()).isSameAs(active);
		assertThat(active.requireNotMerged()).isSameAs(active);
	}

	@Test
	void aBlockedMemberMayNotEarnOrSpendButAnOperatorMayStillAdjustThem() {
		Member blocked = member(MemberStatus.BLOCKED, "Card reported stolen", null);

		assertThatThrownBy(blocked::requireActive).isInstanceOfSatisfying(BusinessException.class, refusal -> {
			assertThat(refusal.code()).isEqualTo(ErrorCode.MEMBER_BLOCKED);
			assertThat(refusal.getMessage()).contains("Card reported stolen");
		});
		assertThat(blocked.requireNotMerged()).isSameAs(blocked);
	}

	@Test
	void aMergedMemberIsRefusedEverythingAndTheRefusalNamesTheSurvivor() {
		Member merged = member(MemberStatus.MERGED, "merged into member " + SURVIVOR, SURVIVOR);

		for (Runnable use : new Runnable[] { merged::requireActive, merged::requireNotMerged }) {
			assertThatThrownBy(use::run).isInstanceOfSatisfying(BusinessException.class, refusal -> {
				assertThat(refusal.code()).isEqualTo(ErrorCode.MEMBER_MERGED);
				assertThat(refusal.getMessage()).contains(SURVIVOR.toString());
			});
		}
	}
}
