package io.fidelis.tier;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.fidelis.program.ProgramId;
import io.fidelis.shared.TenantId;

/**
 * Tiers another module holds members in, beside the tier they earn (a paid membership's tier while it is active).
 * A member is in the highest of their earned tier and the tiers granted them, for as long as the grant lasts;
 * a grant never changes their standing, so nothing needs undoing when it ends.
 */
public interface GrantedTiers {

	/** The tiers of the program granted to the member at {@code at}; codes the ladder does not have are ignored. */
	List<Grant> granted(TenantId tenant, ProgramId program, UUID member, Instant at);

	/** @param grantedBy who grants it, in words an operator reads ("membership vip") */
	record Grant(String tier, String grantedBy) {
	}
}
