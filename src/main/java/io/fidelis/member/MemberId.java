package io.fidelis.member;

import java.util.UUID;

/** Identifies a member of one tenant. */
public record MemberId(UUID value) {

	public MemberId {
		if (value == null) {
			throw new IllegalArgumentException("member id is required");
		}
	}

	@Override
	public String toString() {
		return value.toString();
	}
}
