package io.fidelis.earning;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

import io.fidelis.earning.rules.RuleCompiler;
import io.fidelis.shared.BusinessException;
import io.fidelis.shared.ErrorCode;
import io.fidelis.shared.TenantId;
import io.fidelis.shared.Timestamps;

/**
 * The event types a tenant's rules and tills may use: {@code purchase}, {@code return}, the built-in activities
 * ({@code signup}, {@code review}...) and the custom ones it declares ({@code workshop_attended}).
 */
@Service
public class EventTypes {

	private final JdbcClient jdbc;
	private final Clock clock;

	EventTypes(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	public record EventType(String name, String description, boolean builtIn, Instant createdAt) {
	}

	public EventType declare(TenantId tenant, String name, String description) {
		if (RuleCompiler.PURCHASE.equals(name) || "return".equals(name) || RuleCompiler.ACTIVITIES.contains(name)
				|| custom(tenant).contains(name)) {
			throw new BusinessException(ErrorCode.EVENT_TYPE_EXISTS, "The event type '" + name + "' exists already");
		}
		EventType type = new EventType(name, description, false, clock.instant());
		jdbc.sql("""
				INSERT INTO event_type (tenant_id, name, description, created_at)
				VALUES (:tenant, :name, :description, :createdAt)""")
			.param("tenant", tenant.value())
			.param("name", name)
			.param("description", description)
			.param("createdAt", Timestamps.sql(type.createdAt()))
			.update();
		return type;
	}

	/** Built-in types first, then the tenant's, by name. */
	public List<EventType> list(TenantId tenant) {
		List<EventType> custom = jdbc.sql("""
				SELECT name, description, created_at FROM event_type WHERE tenant_id = :tenant ORDER BY name""")
			.param("tenant", tenant.value())
			.query((rs, n) -> new EventType(rs.getString("name"), rs.getString("description"), false,
					Timestamps.instant(rs.getObject("created_at", OffsetDateTime.class))))
			.list();
		List<EventType> types = new ArrayList<>();
		types.add(new EventType(RuleCompiler.PURCHASE, null, true, null));
		types.add(new EventType("return", null, true, null));
		RuleCompiler.ACTIVITIES.stream().sorted().forEach(name -> types.add(new EventType(name, null, true, null)));
		types.addAll(custom);
		return types;
	}

	/** The activity types an event or a rule may name: the built-in ones and the tenant's. */
	public Set<String> activities(TenantId tenant) {
		Set<String> types = new TreeSet<>(RuleCompiler.ACTIVITIES);
		types.addAll(custom(tenant));
		return types;
	}

	private List<String> custom(TenantId tenant) {
		return jdbc.sql("SELECT name FROM event_type WHERE tenant_id = :tenant")
			.param("tenant", tenant.value())
			.query(String.class)
			.list();
	}
}
