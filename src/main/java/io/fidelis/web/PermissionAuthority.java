package io.fidelis.web;

import org.springframework.security.core.GrantedAuthority;

import io.fidelis.tenant.Permission;

/** A {@link Permission} as Spring Security's authority, named after it. */
record PermissionAuthority(Permission permission) implements GrantedAuthority {

	@Override
	public String getAuthority() {
		return permission.name();
	}
}
