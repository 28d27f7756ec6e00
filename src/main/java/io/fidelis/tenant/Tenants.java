package io.fidelis.tenant;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Currency;
import java.util.Optional;
import java.util.UUID;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.fidelis.shared.Ids;
import io.fidelis.shared.TenantId;
import io.fidelis.shared.Timestamps;

/** The tenants of this Fidelis installation. Creating one publishes {@link TenantCreated}, which gives it defaults. */
@Service
public class Tenants {

	private final JdbcClient jdbc;
	private final ApplicationEventPublisher events;
	private final Clock clock;

	Tenants(JdbcClient jdbc, ApplicationEventPublisher events, Clock clock) {
		this.jdbc = jdbc;
		this.events = events;
		this.clock = clock;
	}

	@Transactional
	public Tenant create(String slug, String name, Currency currency, String country) {
		if (!slug.matches("[a-z0-9][a-z0-9-]{0,39}")) {
			throw new IllegalArgumentException("A tenant slug is 1 to 40 lower-case letters, digits and dashes: " + slug);
		}
		Tenant tenant = new Tenant(new TenantId(Ids.newId(clock)), slug, name, currency, country, clock.instant());
		jdbc.sql("""
				INSERT INTO tenant (id, slug, name, currency, country, created_at)
				VALUES (:id, :slug, :name, :currency, :country, :createdAt)""")
			.param("id", tenant.id().value())
			.param("slug", slug)
			.param("name", name)
			.param("currency", currency.getCurrencyCode())
			.param("country", country)
			.param("createdAt", Timestamps.sql(tenant.createdAt()))
			.update();
		events.publishEvent(new TenantCreated(tenant.id(), slug, currency));
		return tenant;
	}

	public Optional<Tenant> findBySlug(String slug) {
		return jdbc.sql("SELECT id, slug, name, currency, country, created_at FROM tenant WHERE slug = :slug")
			.param("slug", slug)
			.query(Tenants::tenant)
			.optional();
	}

	/** The tenant of an authenticated caller, which therefore exists. */
	public Tenant get(TenantId id) {
		return jdbc.sql("SELECT id, slug, name, currency, country, created_at FROM tenant WHERE id = :id")
			.param("id", id.value())
			.query(Tenants::tenant)
			.single();
	}

	private static Tenant tenant(ResultSet rs, int row) throws SQLException {
		return new Tenant(new TenantId(rs.getObject("id", UUID.class)), rs.getString("slug"), rs.getString("name"),
				Currency.getInstance(rs.getString("currency")), rs.getString("country"),
				Timestamps.instant(rs.getObject("created_at", OffsetDateTime.class)));
	}
}
