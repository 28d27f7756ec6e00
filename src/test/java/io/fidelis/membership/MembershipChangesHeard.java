package io.fidelis.membership;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import org.springframework.boot.test.context.TestComponent;
import org.springframework.transaction.event.TransactionalEventListener;

/** Hears the membership events once their transaction committed, as {@code started}, {@code lapsed}, ... */
@TestComponent
public class MembershipChangesHeard {

	private record Heard(UUID membership, String kind) {
	}

	private final List<Heard> heard = new CopyOnWriteArrayList<>();

	@TransactionalEventListener
	void on(MembershipStarted event) {
		heard.add(new Heard(event.membershipId(), "started"));
	}

	@TransactionalEventListener
	void on(MembershipActivated event) {
		heard.add(new Heard(event.membershipId(), "activated"));
	}

	@TransactionalEventListener
	void on(MembershipRenewed event) {
		heard.add(new Heard(event.membershipId(), "renewed"));
	}

	@TransactionalEventListener
	void on(MembershipPastDue event) {
		heard.add(new Heard(event.membershipId(), "past_due"));
	}

	@TransactionalEventListener
	void on(MembershipLapsed event) {
		heard.add(new Heard(event.membershipId(), "lapsed"));
	}

	@TransactionalEventListener
	void on(MembershipCancelled event) {
		heard.add(new Heard(event.membershipId(), "cancelled"));
	}

	/** The events heard of the membership, first heard first. */
	public List<String> of(String membership) {
		return heard.stream()
			.filter(event -> event.membership().toString().equals(membership))
			.map(Heard::kind)
			.toList();
	}
}
