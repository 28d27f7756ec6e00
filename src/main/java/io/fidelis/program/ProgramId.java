package io.fidelis.program;

import java.util.UUID;

/** Identifies a program; the ledger keeps its accounts per program. */
public record ProgramId(UUID value) {

	public ProgramId {
		if (value == null) {
			throw new IllegalArgumentException("program id is required");
		}
	}

	@Override
	public String toString() {
		return value.toString();
	}
}
