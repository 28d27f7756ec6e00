package io.fidelis.tenant;

import static io.fidelis.tenant.Permission.*;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * An operator's role. The owner does everything; a manager runs the program but not its people and keys; a marketer
 * shapes rules, campaigns and rewards; an analyst reads; a cashier serves members at the till and nothing else.
 */
public enum Role {

	OWNER("owner", EnumSet.allOf(Permission.class)),
	MANAGER("manager", EnumSet.complementOf(EnumSet.of(MANAGE_OPERATORS, MANAGE_API_KEYS))),
	MARKETER("marketer", EnumSet.of(VIEW_DASHBOARD, VIEW_MEMBERS, VIEW_PROGRAMS, EDIT_PROGRAMS, EXPORT_DATA)),
	ANALYST("analyst", EnumSet.of(VIEW_DASHBOARD, VIEW_MEMBERS, VIEW_PROGRAMS, EXPORT_DATA, VIEW_AUDIT_LOG)),
	CASHIER("cashier", EnumSet.of(SERVE_AT_TILL));

	private final String code;
	private final Set<Permission> permissions;

	Role(String code, Set<Permission> permissions) {
		this.code = code;
		this.permissions = Set.copyOf(permissions);
	}

	public String code() {
		return code;
	}

	public Set<Permission> permissions() {
		return permissions;
	}

	public boolean may(Permission permission) {
		return permissions.contains(permission);
	}

	public static Optional<Role> find(String code) {
		return Arrays.stream(values()).filter(role -> role.code.equals(code)).findFirst();
	}

	@Override
	public String toString() {
		return code;
	}
}
