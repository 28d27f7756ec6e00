package io.fidelis.tier;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import io.fidelis.program.Program;
import io.fidelis.program.ProgramId;
import io.fidelis.shared.BusinessException;
import io.fidelis.shared.DefinitionCache;
import io.fidelis.shared.ErrorCode;
import io.fidelis.shared.FieldError;
import io.fidelis.shared.Timestamps;
import io.fidelis.shared.TenantId;
import tools.jackson.databind.json.JsonMapper;

/**
 * The programs' ladders, each kept whole as the JSON its operator put. Every earn asks for them: a tenant's ladders
 * are read together and kept in memory (see {@link DefinitionCache}). The API and the back-office put them through
 * {@link #replace}.
 */
@Component
public class TierLadders {

	private final JdbcClient jdbc;
	private final JsonMapper json;
	private final Clock clock;
	/** Per tenant, the ladders by program, in the order of the programs' ids. */
	private final DefinitionCache<TenantId, Map<ProgramId, TierLadder>> byTenant;
	private final Standings standings;

	TierLadders(JdbcClient jdbc, JsonMapper json, Clock clock, Standings standings,
			@Value("${fidelis.definitions.cache-ttl:5s}") Duration ttl) {
		this.jdbc = jdbc;
		this.json = json;
		this.clock = clock;
		this.standings = standings;
		this.byTenant = new DefinitionCache<>(ttl, 10_000);
	}

	/** The program's ladder, if it has one. */
	public Optional<TierLadder> find(TenantId tenant, ProgramId program) {
		return Optional.ofNullable(byTenant.get(tenant, this::load).get(program));
	}

	/** The tenant's programs that have a ladder. */
	List<ProgramId> programs(TenantId tenant) {
		return List.copyOf(byTenant.get(tenant, this::load).keySet());
	}

	private Map<ProgramId, TierLadder> load(TenantId tenant) {
		Map<ProgramId, TierLadder> ladders = new LinkedHashMap<>();
		jdbc.sql("SELECT program_id, definition FROM tier_ladder WHERE tenant_id = :tenant ORDER BY program_id")
			.param("tenant", tenant.value())
			.query((rs, row) -> Map.entry(new ProgramId(rs.getObject("program_id", UUID.class)),
					json.readValue(rs.getString("definition"), TierLadder.class)))
			.list()
			.forEach(ladder -> ladders.put(ladder.getKey(), ladder.getValue()));
		return Collections.unmodifiableMap(ladders);
	}

	/**
	 * Puts the program's whole ladder, first or again, once it fits the program: thresholds rising from 0, a
	 * compiling expression, no tier left out that members are in. Members keep their tier (their next move follows
	 * the new thresholds). The caller's transaction makes the check and the change one.
	 *
	 * @throws BusinessException {@code invalid-request}, {@code invalid-expression} or {@code tier-in-use}
	 */
	public void replace(TenantId tenant, Program program, TierLadder ladder) {
		List<FieldError> problems = ladder.problems(program);
		if (!problems.isEmpty()) {
			throw new BusinessException(ErrorCode.INVALID_REQUEST, problems.stream()
				.map(problem -> problem.field() + ": " + problem.message())
				.collect(Collectors.joining("; ")), problems);
		}
		if (ladder.expression() != null) {
			try {
				TierScore.check(ladder.expression());
			}
			catch (IllegalArgumentException invalid) {
				throw new BusinessException(ErrorCode.INVALID_EXPRESSION, invalid.getMessage(),
						List.of(new FieldError("expression", invalid.getMessage())));
			}
		}
		List<String> left = new ArrayList<>(standings.tiersInUse(tenant, program.id()));
		left.removeIf(code -> ladder.rank(code) >= 0);
		if (!left.isEmpty()) {
			throw new BusinessException(ErrorCode.TIER_IN_USE, "Members are in the tiers " + left
					+ ", which the ladder leaves out");
		}
		put(tenant, program.id(), ladder);
	}

	void put(TenantId tenant, ProgramId program, TierLadder ladder) {
		byTenant.forget(tenant);
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
