package io.fidelis.member;

import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import io.fidelis.shared.TenantId;

/**
 * The segment analytics puts a member in, for the modules whose rules and rewards target segments (earning, reward).
 * Analytics computes it and implements this; the modules below it only read.
 */
public interface MemberSegments {

	/** The segments a member can be in: {@code champions}, {@code loyal}, ... */
	Set<String> names();

	/** The member's segment; empty if they are in none (no purchase in the last year, or not computed yet). */
	Optional<String> of(TenantId tenant, UUID member);
}
