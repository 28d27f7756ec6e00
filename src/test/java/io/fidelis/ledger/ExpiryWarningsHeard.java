package io.fidelis.ledger;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.springframework.boot.test.context.TestComponent;
import org.springframework.context.event.EventListener;

import io.fidelis.shared.TenantId;

/**
 * Hears every {@link PointsExpiringSoon} its service publishes, as the messaging module will. Jobs publish on their
 * own threads, which {@code @RecordApplicationEvents} does not hear.
 */
@TestComponent
public class ExpiryWarningsHeard {

	private final List<PointsExpiringSoon> heard = new CopyOnWriteArrayList<>();

	@EventListener
	void on(PointsExpiringSoon warning) {
		heard.add(warning);
	}

	/** The warnings heard for the tenant's members, first heard first. */
	public List<PointsExpiringSoon> of(TenantId tenant) {
		return heard.stream().filter(warning -> warning.tenantId().equals(tenant)).toList();
	}
}
