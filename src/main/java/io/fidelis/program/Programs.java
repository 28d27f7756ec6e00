package io.fidelis.program;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.Currency;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

import io.fidelis.shared.BusinessException;
import io.fidelis.shared.DefinitionCache;
import io.fidelis.shared.ErrorCode;
import io.fidelis.shared.Ids;
import io.fidelis.shared.TenantId;
import io.fidelis.shared.Timestamps;
import io.fidelis.tenant.TenantCreated;

/** The programs of each tenant. A new tenant starts with the points program {@value #DEFAULT_CODE}. */
@Service
public class Programs {

	public static final String DEFAULT_CODE = "points";
	private static final String COLUMNS = """
			id, tenant_id, code, name, kind, currency, unit_value, expiry_policy, expiry_period,
			expiry_warning_days, pending_days, allow_negative_balance, time_zone, created_at, updated_at""";

	private final JdbcClient jdbc;
	private final ApplicationEventPublisher events;
	private final Clock clock;
	/** Each tenant's programs, read by every event (see {@link DefinitionCache}). */
	private final DefinitionCache<TenantId, List<Program>> byTenant;

	Programs(JdbcClient jdbc, ApplicationEventPublisher events, Clock clock,
			@Value("${fidelis.definitions.cache-ttl:5s}") Duration ttl) {
		this.jdbc = jdbc;
		this.events = events;
		this.clock = clock;
		this.byTenant = new DefinitionCache<>(ttl, 10_000);
	}

	/** Runs inside the transaction that creates the tenant: no tenant exists without its default program. */
	@EventListener
	void on(TenantCreated created) {
		insert(created.tenantId(), new ProgramDefinition(DEFAULT_CODE, "Points", ProgramKind.POINTS,
				created.currency(), new BigDecimal("0.01"), ExpiryPolicy.NEVER, 0, 0, false, ZoneId.of("UTC")), true);
	}

	public Program create(TenantId tenant, ProgramDefinition definition) {
		return insert(tenant, definition, false);
	}

	private Program insert(TenantId tenant, ProgramDefinition definition, boolean tenantDefault) {
		if (find(tenant, definition.code()).isPresent()) {
			throw new BusinessException(ErrorCode.PROGRAM_EXISTS,
					"A program with code '" + definition.code() + "' already exists");
		}
		Instant now = clock.instant();
		Program program = program(new ProgramId(Ids.newId(clock)), tenant, definition, now, now);
		byTenant.forget(tenant);
		jdbc.sql("INSERT INTO program (" + COLUMNS + """
				) VALUES (:id, :tenant, :code, :name, :kind, :currency, :unitValue, :expiryPolicy,
				:expiryPeriod, :expiryWarningDays, :pendingDays, :allowNegativeBalance, :timeZone, :createdAt,
				:updatedAt)""")
			.param("id", program.id().value())
			.param("tenant", tenant.value())
			.param("code", program.code())
			.param("createdAt", Timestamps.sql(now))
			.params(settings(program))
			.update();
		events.publishEvent(new ProgramCreated(tenant, program.id(), tenantDefault));
		return program;
	}

	/** Replaces the definition of an existing program; its code and kind never change. */
	public Program update(TenantId tenant, String code, ProgramDefinition definition) {
		Program existing = get(tenant, code);
		Program program = program(existing.id(), tenant, definition, existing.createdAt(), clock.instant());
		byTenant.forget(tenant);
		jdbc.sql("""
				UPDATE program SET name = :name, currency = :currency, unit_value = :unitValue,
				expiry_policy = :expiryPolicy, expiry_period = :expiryPeriod,
				expiry_warning_days = :expiryWarningDays, pending_days = :pendingDays,
				allow_negative_balance = :allowNegativeBalance, time_zone = :timeZone,
				updated_at = :updatedAt
				WHERE tenant_id = :tenant AND id = :id""")
			.param("tenant", tenant.value())
			.param("id", existing.id().value())
			.params(settings(program))
			.update();
		return program;
	}

	public List<Program> list(TenantId tenant) {
		return byTenant.get(tenant, this::load);
	}

	private List<Program> load(TenantId tenant) {
		return List.copyOf(jdbc.sql("SELECT " + COLUMNS + " FROM program WHERE tenant_id = :tenant ORDER BY code")
			.param("tenant", tenant.value())
			.query(Programs::program)
			.list());
	}

	/** Every program of every tenant, for the jobs that work across the installation. */
	public List<Program> all() {
		return jdbc.sql("SELECT " + COLUMNS + " FROM program ORDER BY tenant_id, code").query(Programs::program).list();
	}

	public Optional<Program> find(TenantId tenant, String code) {
		return jdbc.sql("SELECT " + COLUMNS + " FROM program WHERE tenant_id = :tenant AND code = :code")
			.param("tenant", tenant.value())
			.param("code", code)
			.query(Programs::program)
			.optional();
	}

	public Program get(TenantId tenant, String code) {
		return find(tenant, code).orElseThrow(
				() -> new BusinessException(ErrorCode.PROGRAM_NOT_FOUND, "No program with code '" + code + "'"));
	}

	/** A program other records point at; it exists, since programs are never deleted. */
	public Program get(TenantId tenant, ProgramId id) {
		return jdbc.sql("SELECT " + COLUMNS + " FROM program WHERE tenant_id = :tenant AND id = :id")
			.param("tenant", tenant.value())
			.param("id", id.value())
			.query(Programs::program)
			.optional()
			.orElseThrow(() -> new IllegalStateException("no program " + id));
	}

	private static Program program(ProgramId id, TenantId tenant, ProgramDefinition definition, Instant createdAt,
			Instant updatedAt) {
		return new Program(id, tenant, definition.code(), definition.name(), definition.kind(), definition.currency(),
				definition.unitValue(), definition.expiry(), definition.expiryWarningDays(), definition.pendingDays(),
				definition.allowNegativeBalance(), definition.timeZone(), createdAt, updatedAt);
	}

	private static Map<String, Object> settings(Program program) {
		Map<String, Object> settings = new HashMap<>();
		settings.put("name", program.name());
		settings.put("kind", program.kind().name());
		settings.put("currency", program.currency().getCurrencyCode());
		settings.put("unitValue", program.unitValue());
		settings.put("expiryPolicy", program.expiry().policy().name());
		settings.put("expiryPeriod", program.expiry().period());
		settings.put("expiryWarningDays", program.expiryWarningDays());
		settings.put("pendingDays", program.pendingDays());
		settings.put("allowNegativeBalance", program.allowNegativeBalance());
		settings.put("timeZone", program.timeZone().getId());
		settings.put("updatedAt", Timestamps.sql(program.updatedAt()));
		return settings;
	}

	private static Program program(ResultSet rs, int row) throws SQLException {
		return new Program(new ProgramId(rs.getObject("id", UUID.class)),
				new TenantId(rs.getObject("tenant_id", UUID.class)), rs.getString("code"), rs.getString("name"),
				ProgramKind.valueOf(rs.getString("kind")), Currency.getInstance(rs.getString("currency")),
				rs.getBigDecimal("unit_value").stripTrailingZeros(),
				new ExpiryPolicy(ExpiryPolicy.Rule.valueOf(rs.getString("expiry_policy")), rs.getInt("expiry_period")),
				rs.getInt("expiry_warning_days"), rs.getInt("pending_days"), rs.getBoolean("allow_negative_balance"),
				ZoneId.of(rs.getString("time_zone")),
				Timestamps.instant(rs.getObject("created_at", OffsetDateTime.class)),
				Timestamps.instant(rs.getObject("updated_at", OffsetDateTime.class)));
	}
}
