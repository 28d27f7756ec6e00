package io.fidelis.tier;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import io.fidelis.program.ProgramId;
import io.fidelis.shared.Timestamps;
import io.fidelis.shared.TenantId;
import tools.jackson.databind.json.JsonMapper;

/** The programs' ladders, each kept whole as the JSON its operator put. */
@Component
class TierLadders {

	private final JdbcClient jdbc;
	private final JsonMapper json;
	private final Clock clock;

	TierLadders(JdbcClient jdbc, JsonMapper json, Clock clock) {
		this.jdbc = jdbc;
		this.json = json;
		this.clock = clock;
	}

	Optional<TierLadder> find(TenantId tenant, ProgramId program) {
		return jdbc.sql("SELECT definition FROM tier_ladder WHERE tenant_id = :tenant AND program_id = :program")
			.param("tenant", tenant.value())
			.param("program", program.value())
			.query(String.class)
			.optional()
			.map(definition -> json.readValue(definition, TierLadder.class));
	}

	/** The tenant's programs that have a ladder. */
	List<ProgramId> programs(TenantId tenant) {
		return jdbc.sql("SELECT program_id FROM tier_ladder WHERE tenant_id = :tenant ORDER BY program_id")
			.param("tenant", tenant.value())
			.query((rs, row) -> new ProgramId(rs.getObject("program_id", UUID.class)))
			.list();
	}

	void put(TenantId tenant, ProgramId program, TierLadder ladder) {
		Instant now = clock.instant();
		String definition = json.writeValueAsString(ladder);
		int updated = jdbc.sql("""
				UPDATE tier_ladder SET definition = :definition, updated_at = :now
				WHERE tenant_id = :tenant AND program_id = :program""")
			.param("definition", definition)
			.param("now", Timestamps.sql(now))
			.param("tenant", tenant.value())
			.param("program", program.value())
			.update();
		if (updated == 0) {
			// Two first PUTs at once: the primary key lets one in; the other is a conflict, as for any creation.
			jdbc.sql("""
					INSERT INTO tier_ladder (tenant_id, program_id, definition, updated_at)
					VALUES (:tenant, :program, :definition, :now)""")
				.param("definition", definition)
				.param("now", Timestamps.sql(now))
				.param("tenant", tenant.value())
				.param("program", program.value())
				.update();
		}
	}
}
