package io.fidelis.tier;

import java.time.Instant;
import java.util.UUID;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.fidelis.program.Program;
import io.fidelis.shared.TenantId;

/**
 * An operator puts a member in a tier until a date (a tier override), with the reason kept in their tier history;
 * the API and the back-office both assign through here.
 */
@Service
public class TierAssignments {

	private final TierMoves moves;

	TierAssignments(TierMoves moves) {
		this.moves = moves;
	}

	/** The member is in {@code tier} until {@code until}; then what their activity supports takes over again. */
	@Transactional
	public void assign(TenantId tenant, Program program, UUID member, String tier, String reason, Instant until) {
		moves.assign(tenant, program, member, tier, reason, until);
	}
}
