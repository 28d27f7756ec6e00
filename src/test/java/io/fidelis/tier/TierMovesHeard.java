package io.fidelis.tier;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.springframework.boot.test.context.TestComponent;
import org.springframework.transaction.event.TransactionalEventListener;

import io.fidelis.shared.TenantId;

/**
 * Hears the {@link TierUpgraded} and {@link TierDowngraded} its service publishes, once their transaction committed:
 * a transaction rolled back and retried (after a deadlock) upgraded nobody.
 */
@TestComponent
public class TierMovesHeard {

	private final List<Object> heard = new CopyOnWriteArrayList<>();

	@TransactionalEventListener
	void on(TierUpgraded upgraded) {
		heard.add(upgraded);
	}

	@TransactionalEventListener
	void on(TierDowngraded downgraded) {
		heard.add(downgraded);
	}

	/** The moves heard for the member, first heard first, as {@code up:gold} or {@code down:silver}. */
	public List<String> of(TenantId tenant, String memberId) {
		return heard.stream().map(event -> {
			if (event instanceof TierUpgraded up && up.tenant().equals(tenant)
					&& up.memberId().toString().equals(memberId)) {
				return "up:" + up.to();
			}
			if (event instanceof TierDowngraded down && down.tenant().equals(tenant)
					&& down.memberId().toString().equals(memberId)) {
				return "down:" + down.to();
			}
			return null;
		}).filter(move -> move != null).toList();
	}
}
