package io.fidelis.reward;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import io.fidelis.program.Program;
import io.fidelis.program.ProgramId;
import io.fidelis.shared.BusinessException;
import io.fidelis.shared.DefinitionCache;
import io.fidelis.shared.ErrorCode;
import io.fidelis.shared.Ids;
import io.fidelis.shared.TenantId;
import io.fidelis.shared.Timestamps;
import tools.jackson.databind.json.JsonMapper;

/** The rewards catalog of each program. Reward codes are unique per tenant, so a till names a reward by its code. */
@Repository
public class Rewards {

	private static final String COLUMNS = """
			id, program_id, code, definition, issued, retired_at, created_at, updated_at""";

	private final RewardChecks checks;
	private final JdbcClient jdbc;
	private final JsonMapper json;
	private final Clock clock;
	/**
	 * Whether a program has an automatic reward: every credit asks (stamp cards), and most programs have none. Kept
	 * in memory (see {@link DefinitionCache}); the reward itself, with its stock, is always read from the database.
	 */
	private final DefinitionCache<ProgramId, Boolean> hasAutomatic;

	Rewards(RewardChecks checks, JdbcClient jdbc, JsonMapper json, Clock clock,
			@Value("${fidelis.definitions.cache-ttl:5s}") Duration ttl) {
		this.checks = checks;
		this.jdbc = jdbc;
		this.json = json;
		this.clock = clock;
		this.hasAutomatic = new DefinitionCache<>(ttl, 100_000);
	}

	/** Adds a reward to the program's catalog; refused if its definition does not hold together or its code is taken. */
	public Reward create(TenantId tenant, Program program, String code, RewardDefinition definition) {
		checks.check(tenant, definition, program);
		refuseSecondAutomatic(tenant, program, code, definition);
		hasAutomatic.forget(program.id());
		Instant now = clock.instant();
		UUID id = Ids.newId(clock);
		try {
			jdbc.sql("""
					INSERT INTO reward (id, tenant_id, program_id, code, type, cost, definition, stock, automatic,
					created_at, updated_at)
					VALUES (:id, :tenant, :program, :code, :type, :cost, :definition, :stock, :automatic, :now, :now)""")
				.param("id", id)
				.param("tenant", tenant.value())
				.param("program", program.id().value())
				.param("code", code)
				.param("type", definition.type().name())
				.param("cost", definition.cost())
				.param("definition", json.writeValueAsString(definition))
				.param("stock", definition.stock())
				.param("automatic", definition.isAutomatic())
				.param("now", Timestamps.sql(now))
				.update();
		}
		catch (DuplicateKeyException taken) {
			throw new BusinessException(ErrorCode.REWARD_EXISTS, "A reward with code '" + code + "' already exists");
		}
		return new Reward(id, program.id(), code, definition, 0, null, now, now);
	}

	/** Replaces the definition; vouchers already issued keep the offer they were issued with. */
	public Reward update(TenantId tenant, Program program, String code, RewardDefinition definition) {
		Reward reward = get(tenant, program, code);
		checks.check(tenant, definition, program);
		refuseSecondAutomatic(tenant, program, code, definition);
		hasAutomatic.forget(program.id());
		jdbc.sql("""
				UPDATE reward SET type = :type, cost = :cost, definition = :definition, stock = :stock,
				automatic = :automatic, updated_at = :now WHERE id = :id""")
			.param("automatic", definition.isAutomatic())
			.param("type", definition.type().name())
			.param("cost", definition.cost())
			.param("definition", json.writeValueAsString(definition))
			.param("stock", definition.stock())
			.param("now", Timestamps.sql(clock.instant()))
			.param("id", reward.id())
			.update();
		return get(tenant, program, code);
	}

	/**
	 * Sets how many can be redeemed in all (null: no limit), the rest of the definition unchanged. Locks the reward's
	 * row first, so a redemption racing the change counts against the stock before or after it, never lost.
	 *
	 * @throws BusinessException if the stock is below what was already issued, or the definition refuses it
	 */
	public Reward changeStock(TenantId tenant, Program program, String code, Integer stock) {
		Reward reward = get(tenant, program, code);
		int issued = jdbc.sql("SELECT issued FROM reward WHERE id = :id FOR UPDATE")
			.param("id", reward.id())
			.query(Integer.class)
			.single();
		if (stock != null && (stock < 0 || stock > 100_000_000)) {
			throw BusinessException.invalid("stock", "must be from 0 to 100000000, or none for no limit");
		}
		if (stock != null && stock < issued) {
			throw BusinessException.invalid("stock", "must be at least the " + issued + " already issued");
		}
		return update(tenant, program, code, reward.definition().withStock(stock));
	}

	/** Takes the reward out of the catalog for good: no more redemptions; issued vouchers stay valid. */
	public Reward retire(TenantId tenant, Program program, String code) {
		Reward reward = get(tenant, program, code);
		hasAutomatic.forget(program.id());
		jdbc.sql("UPDATE reward SET retired_at = :now, updated_at = :now WHERE id = :id AND retired_at IS NULL")
			.param("now", Timestamps.sql(clock.instant()))
			.param("id", reward.id())
			.update();
		return get(tenant, program, code);
	}

	/** The program's catalog, retired rewards too, by code. */
	public List<Reward> list(TenantId tenant, Program program) {
		return jdbc.sql("SELECT " + COLUMNS + " FROM reward WHERE tenant_id = :tenant AND program_id = :program "
				+ "ORDER BY code")
			.param("tenant", tenant.value())
			.param("program", program.id().value())
			.query(this::reward)
			.list();
	}

	public Reward get(TenantId tenant, Program program, String code) {
		return find(tenant, code).filter(reward -> reward.programId().equals(program.id()))
			.orElseThrow(() -> notFound(code));
	}

	/** A reward of any program of the tenant, by its code. */
	public Optional<Reward> find(TenantId tenant, String code) {
		return jdbc.sql("SELECT " + COLUMNS + " FROM reward WHERE tenant_id = :tenant AND code = :code")
			.param("tenant", tenant.value())
			.param("code", code)
			.query(this::reward)
			.optional();
	}

	Reward get(TenantId tenant, String code) {
		return find(tenant, code).orElseThrow(() -> notFound(code));
	}

	Reward get(TenantId tenant, UUID id) {
		return jdbc.sql("SELECT " + COLUMNS + " FROM reward WHERE tenant_id = :tenant AND id = :id")
			.param("tenant", tenant.value())
			.param("id", id)
			.query(this::reward)
			.optional()
			.orElseThrow(() -> new IllegalStateException("no reward " + id));
	}

	/** The reward a full stamp card of the program turns into, if it has one that is not retired. */
	public Optional<Reward> automatic(TenantId tenant, ProgramId program) {
		if (!hasAutomatic.get(program, p -> automaticNow(tenant, p).isPresent())) {
			return Optional.empty();
		}
		return automaticNow(tenant, program);
	}

	private Optional<Reward> automaticNow(TenantId tenant, ProgramId program) {
		return jdbc.sql("SELECT " + COLUMNS + """
				 FROM reward WHERE tenant_id = :tenant AND program_id = :program AND automatic = TRUE
				AND retired_at IS NULL""")
			.param("tenant", tenant.value())
			.param("program", program.value())
			.query(this::reward)
			.optional();
	}

	/** A stamp card turns into one reward: a program has at most one automatic reward in its catalog. */
	private void refuseSecondAutomatic(TenantId tenant, Program program, String code, RewardDefinition definition) {
		if (!definition.isAutomatic()) {
			return;
		}
		automaticNow(tenant, program.id()).filter(other -> !other.code().equals(code))
			.ifPresent(other -> {
				throw BusinessException.invalid("automatic",
						"reward '" + other.code() + "' is already the automatic reward of this program");
			});
	}

	/**
	 * Counts {@code quantity} more as issued if the stock allows it. A conditional update: however many redemptions
	 * race, the stock is never exceeded.
	 *
	 * @return false if the stock does not have that many left
	 */
	boolean issue(UUID rewardId, int quantity) {
		return jdbc.sql("UPDATE reward SET issued = issued + :quantity WHERE id = :id "
				+ "AND (stock IS NULL OR issued + :quantity <= stock)")
			.param("quantity", quantity)
			.param("id", rewardId)
			.update() == 1;
	}

	/** Puts a cancelled one back in stock. */
	void restock(UUID rewardId, int quantity) {
		jdbc.sql("UPDATE reward SET issued = issued - :quantity WHERE id = :id")
			.param("quantity", quantity)
			.param("id", rewardId)
			.update();
	}

	private static BusinessException notFound(String code) {
		return new BusinessException(ErrorCode.REWARD_NOT_FOUND, "No reward with code '" + code + "'");
	}

	private Reward reward(ResultSet rs, int row) throws SQLException {
		return new Reward(rs.getObject("id", UUID.class), new ProgramId(rs.getObject("program_id", UUID.class)),
				rs.getString("code"), json.readValue(rs.getString("definition"), RewardDefinition.class),
				rs.getInt("issued"), Timestamps.instant(rs.getObject("retired_at", OffsetDateTime.class)),
				Timestamps.instant(rs.getObject("created_at", OffsetDateTime.class)),
				Timestamps.instant(rs.getObject("updated_at", OffsetDateTime.class)));
	}
}
