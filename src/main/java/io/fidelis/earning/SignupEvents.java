package io.fidelis.earning;

import java.time.ZoneOffset;
import java.util.Map;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import io.fidelis.member.MemberEnrolled;

/**
 * Joining is an event too: each enrolment is a {@code signup} activity, with its own idempotency key, that signup
 * rules (a welcome bonus) can fire on. It is applied in the enrolment's transaction: a member never exists without
 * what they earned by joining.
 */
@Component
class SignupEvents {

	private final MemberActivity memberActivity;
	private final Events events;

	SignupEvents(MemberActivity memberActivity, Events events) {
		this.memberActivity = memberActivity;
		this.events = events;
	}

	@EventListener
	void on(MemberEnrolled enrolled) {
		memberActivity.start(enrolled.tenantId(), enrolled.memberId().value());
		events.submit(enrolled.tenantId(), null, new EventRequest.Activity("signup",
				"signup:" + enrolled.memberId(), new EventRequest.Member(enrolled.memberId().value(), null, null, null,
						null), null, enrolled.enrolledAt().atOffset(ZoneOffset.UTC), Map.of(), null, null, null, Map.of()));
	}
}
