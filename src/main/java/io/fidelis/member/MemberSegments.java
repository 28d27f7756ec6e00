package io.fidelis.member;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import io.fidelis.shared.BusinessException;
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

	/**
	 * Refuses, as an invalid {@code field}, a list that names no segment or one that does not exist; null (no list)
	 * passes. Rules, campaigns and rewards check the segments they target with it when they are saved.
	 */
	default void requireKnown(String field, List<String> segments) {
		if (segments == null) {
			return;
		}
		if (segments.isEmpty()) {
			throw BusinessException.invalid(field, "name at least one segment");
		}
		segments.stream().filter(name -> !names().contains(name)).findFirst().ifPresent(name -> {
			throw BusinessException.invalid(field,
					"no segment '" + name + "': the segments are " + names().stream().sorted().toList());
		});
	}
}
