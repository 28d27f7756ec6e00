package io.fidelis.member;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.springframework.boot.test.context.TestComponent;
import org.springframework.context.event.EventListener;

import io.fidelis.shared.TenantId;

/**
 * Hears the events of members' status, as the messaging module would. Requests publish on the server's threads,
 * which {@code @RecordApplicationEvents} does not hear.
 */
@TestComponent
public class MemberEventsHeard {

	private record Heard(TenantId tenant, Object event) {
	}

	private final List<Heard> heard = new CopyOnWriteArrayList<>();

	@EventListener
	void on(MemberBlocked blocked) {
		heard.add(new Heard(blocked.tenantId(), blocked));
	}

	@EventListener
	void on(MemberUnblocked unblocked) {
		heard.add(new Heard(unblocked.tenantId(), unblocked));
	}

	@EventListener
	void on(MembersMerged merged) {
		heard.add(new Heard(merged.tenantId(), merged));
	}

	/** The events heard for the tenant, first heard first. */
	public List<Object> of(TenantId tenant) {
		return heard.stream().filter(one -> one.tenant().equals(tenant)).map(Heard::event).toList();
	}
}
