package io.fidelis.tenant;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import io.fidelis.shared.BusinessException;

/** What an API key may do. A till needs {@code events:write} and {@code members:read}; a back end may need all. */
public enum Scope {

	MEMBERS_READ("members:read"),
	MEMBERS_WRITE("members:write"),
	EVENTS_WRITE("events:write"),
	POINTS_WRITE("points:write"),
	PROGRAMS_WRITE("programs:write"),
	API_KEYS_MANAGE("api-keys:manage");

	private final String code;

	Scope(String code) {
		this.code = code;
	}

	public String code() {
		return code;
	}

	public static Set<Scope> all() {
		return EnumSet.allOf(Scope.class);
	}

	/**
	 * The scopes these codes name.
	 *
	 * @throws BusinessException {@code invalid-request} naming the first code that is not a scope
	 */
	public static Set<Scope> parse(List<String> codes) {
		Set<Scope> scopes = EnumSet.noneOf(Scope.class);
		for (String code : codes) {
			scopes.add(find(code).orElseThrow(() -> BusinessException.invalid("scopes", "'" + code
					+ "' is not a scope; known: " + String.join(", ", all().stream().map(Scope::code).toList()))));
		}
		return scopes;
	}

	public static Optional<Scope> find(String code) {
		return Arrays.stream(values()).filter(scope -> scope.code.equals(code)).findFirst();
	}

	@Override
	public String toString() {
		return code;
	}
}
