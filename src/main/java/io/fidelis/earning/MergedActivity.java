package io.fidelis.earning;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import io.fidelis.member.MembersMerged;

/** A merge's part in earning, in the merge's transaction: the survivor's count of purchases includes the duplicate's. */
@Component
class MergedActivity {

	private final MemberActivity memberActivity;

	MergedActivity(MemberActivity memberActivity) {
		this.memberActivity = memberActivity;
	}

	@EventListener
	void on(MembersMerged merged) {
		memberActivity.merge(merged.tenantId(), merged.duplicateId().value(), merged.survivorId().value());
	}
}
