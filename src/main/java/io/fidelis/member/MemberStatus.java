package io.fidelis.member;

/** Whether a member may earn and spend. */
public enum MemberStatus {
	/** Earns and spends. */
	ACTIVE,
	/** Blocked by an operator, with a reason: earns and spends nothing; reads still work. */
	BLOCKED,
	/** Merged into another member, who holds their units and identifiers now; final. */
	MERGED
}
