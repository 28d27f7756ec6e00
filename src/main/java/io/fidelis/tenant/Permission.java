package io.fidelis.tenant;

/** What an operator may see or do in the back-office and at the till; a {@link Role} grants a set of them. */
public enum Permission {

	VIEW_DASHBOARD,
	VIEW_MEMBERS,
	/** Edit a member's profile, override a tier, block, unblock, merge duplicates. */
	EDIT_MEMBERS,
	/** Credit or debit a member's balance by hand. */
	ADJUST_POINTS,
	VIEW_PROGRAMS,
	/** Rules, campaigns, tiers, rewards and their stock, causes, membership plans. */
	EDIT_PROGRAMS,
	IMPORT_DATA,
	EXPORT_DATA,
	MANAGE_API_KEYS,
	MANAGE_OPERATORS,
	VIEW_AUDIT_LOG,
	RUN_JOBS,
	/** The cashier page. */
	SERVE_AT_TILL
}
