package io.fidelis.earning;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

import io.fidelis.earning.rules.CampaignTerms;
import io.fidelis.earning.rules.CompiledRule;
import io.fidelis.earning.rules.Effect;
import io.fidelis.earning.rules.Rounding;
import io.fidelis.earning.rules.RuleCompiler;
import io.fidelis.earning.rules.RuleDefinition;
import io.fidelis.earning.rules.RuleSet;
import io.fidelis.member.MemberSegments;
import io.fidelis.program.Program;
import io.fidelis.program.ProgramCreated;
import io.fidelis.program.Programs;
import io.fidelis.reward.RewardGrants;
import io.fidelis.shared.BusinessException;
import io.fidelis.shared.ErrorCode;
import io.fidelis.shared.Ids;
import io.fidelis.shared.TenantId;
import io.fidelis.shared.Timestamps;
import tools.jackson.databind.json.JsonMapper;

/**
 * The earning rules of each program. Every change is a new version, kept with who made it; a rule is never deleted,
 * only deactivated. Rules are checked and compiled when saved, and served compiled from {@link RuleCache}.
 */
@Service
public class Rules {

	private static final String COLUMNS = "id, program_id, version, active, definition, created_at, updated_at";

	private final JdbcClient jdbc;
	private final JsonMapper json;
	private final Campaigns campaigns;
	private final EventTypes eventTypes;
	private final Programs programs;
	private final RewardGrants rewardGrants;
	private final MemberSegments segments;
	private final RuleCache cache;
	private final Clock clock;

	Rules(JdbcClient jdbc, JsonMapper json, Campaigns campaigns, EventTypes eventTypes, Programs programs,
			RewardGrants rewardGrants, MemberSegments segments, RuleCache cache, Clock clock) {
		this.jdbc = jdbc;
		this.json = json;
		this.campaigns = campaigns;
		this.eventTypes = eventTypes;
		this.programs = programs;
		this.rewardGrants = rewardGrants;
		this.segments = segments;
		this.cache = cache;
		this.clock = clock;
	}

	/** Every new tenant's points program earns one point per 1.00 spent, as a rule the operator can change. */
	@EventListener
	void on(ProgramCreated created) {
		if (created.tenantDefault()) {
			Program program = programs.list(created.tenantId())
				.stream()
				.filter(candidate -> candidate.id().equals(created.programId()))
				.findFirst()
				.orElseThrow();
			create(created.tenantId(), program, new RuleDefinition("Base points", "One point per 1.00 spent",
					RuleCompiler.PURCHASE, null, new Effect.PointsPerAmount(BigDecimal.ONE, BigDecimal.ONE,
							Rounding.DOWN, null), null, null, null, null, null, null, null),
					"fidelis");
		}
	}

	public Rule create(TenantId tenant, Program program, RuleDefinition definition, String changedBy) {
		Instant now = clock.instant();
		UUID id = Ids.newId(clock);
		CampaignTerms campaign = check(tenant, program, id, 1, now, definition);
		jdbc.sql("INSERT INTO earning_rule (" + COLUMNS + """
				, tenant_id, campaign_id) VALUES (:id, :program, 1, TRUE, :definition, :now, :now, :tenant, :campaign)""")
			.param("id", id)
			.param("program", program.id().value())
			.param("definition", json.writeValueAsString(definition))
			.param("now", Timestamps.sql(now))
			.param("tenant", tenant.value())
			.param("campaign", campaign == null ? null : campaign.id())
			.update();
		Rule rule = new Rule(id, program.id().value(), 1, true, definition, now, now);
		saved(tenant, program, rule, RuleVersion.Change.CREATED, changedBy);
		return rule;
	}

	/** Replaces the rule's definition: a new version, from now on. */
	public Rule update(TenantId tenant, Program program, UUID id, RuleDefinition definition, String changedBy) {
		Rule current = get(tenant, program, id);
		CampaignTerms campaign = check(tenant, program, id, current.version() + 1, current.createdAt(), definition);
		return change(tenant, program, new Rule(id, current.programId(), current.version() + 1, current.active(),
				definition, current.createdAt(), clock.instant()), campaign, RuleVersion.Change.UPDATED, changedBy);
	}

	/** Turns a rule on or off: a new version too, so the history says when it applied. */
	public Rule activate(TenantId tenant, Program program, UUID id, boolean active, String changedBy) {
		Rule current = get(tenant, program, id);
		if (current.active() == active) {
			return current;
		}
		CampaignTerms campaign = active ? check(tenant, program, id, current.version() + 1, current.createdAt(),
				current.definition()) : null;
		return change(tenant, program, new Rule(id, current.programId(), current.version() + 1, active,
				current.definition(), current.createdAt(), clock.instant()), campaign,
				active ? RuleVersion.Change.ACTIVATED : RuleVersion.Change.DEACTIVATED, changedBy);
	}

	public List<Rule> list(TenantId tenant, Program program) {
		return jdbc.sql("SELECT " + COLUMNS + " FROM earning_rule WHERE tenant_id = :tenant AND program_id = :program"
				+ " ORDER BY created_at, id")
			.param("tenant", tenant.value())
			.param("program", program.id().value())
			.query(this::rule)
			.list();
	}

	public Rule get(TenantId tenant, Program program, UUID id) {
		return jdbc.sql("SELECT " + COLUMNS + " FROM earning_rule WHERE tenant_id = :tenant AND program_id = :program"
				+ " AND id = :id")
			.param("tenant", tenant.value())
			.param("program", program.id().value())
			.param("id", id)
			.query(this::rule)
			.optional()
			.orElseThrow(() -> new BusinessException(ErrorCode.RULE_NOT_FOUND,
					"No rule " + id + " in program '" + program.code() + "'"));
	}

	/** The rule's history, newest first. */
	public List<RuleVersion> versions(TenantId tenant, Program program, UUID id) {
		get(tenant, program, id);
		return jdbc.sql("""
				SELECT version, active, definition, change_kind, changed_by, changed_at FROM earning_rule_version
				WHERE tenant_id = :tenant AND rule_id = :id ORDER BY version DESC""")
			.param("tenant", tenant.value())
			.param("id", id)
			.query((rs, n) -> new RuleVersion(rs.getInt("version"), rs.getBoolean("active"),
					json.readValue(rs.getString("definition"), RuleDefinition.class),
					RuleVersion.Change.valueOf(rs.getString("change_kind")),
					rs.getString("changed_by"), Timestamps.instant(rs.getObject("changed_at", OffsetDateTime.class))))
			.list();
	}

	/** The program's active rules, compiled: from the cache when it is fresh. */
	public RuleSet ruleSet(TenantId tenant, Program program) {
		return cache.get(program, () -> load(tenant, program));
	}

	private RuleSet load(TenantId tenant, Program program) {
		Map<UUID, CampaignTerms> terms = campaigns.list(tenant, program)
			.stream()
			.collect(Collectors.toMap(Campaign::id, Campaign::terms));
		Map<String, UUID> campaignIds = terms.values()
			.stream()
			.collect(Collectors.toMap(CampaignTerms::code, CampaignTerms::id));
		List<CompiledRule> compiled = list(tenant, program).stream()
			.filter(Rule::active)
			.map(rule -> RuleCompiler.compile(rule.id(), rule.version(), rule.createdAt(), rule.definition(), program,
					rule.definition().campaign() == null ? null
							: terms.get(campaignIds.get(rule.definition().campaign())),
					Set.of(rule.definition().trigger())))
			.toList();
		return new RuleSet(program, compiled);
	}

	/** Checks a definition against the program, its campaigns and the tenant's event types, as it would compile. */
	private CampaignTerms check(TenantId tenant, Program program, UUID id, int version, Instant createdAt,
			RuleDefinition definition) {
		CampaignTerms campaign = null;
		if (definition.campaign() != null) {
			campaign = campaigns.find(tenant, program, definition.campaign())
				.map(Campaign::terms)
				.orElseThrow(() -> BusinessException.invalid("campaign",
						"no campaign '" + definition.campaign() + "' in program '" + program.code() + "'"));
		}
		Set<String> triggers = new HashSet<>(eventTypes.activities(tenant));
		RuleCompiler.compile(id, version, createdAt, definition, program, campaign, triggers);
		segments.requireKnown("conditions.segments",
				definition.conditions() == null ? null : definition.conditions().segments());
		if (definition.effect() instanceof Effect.IssueReward issue) {
			rewardGrants.refusal(tenant, issue.reward()).ifPresent(refusal -> {
				throw BusinessException.invalid("effect.reward", refusal);
			});
		}
		return campaign;
	}

	private Rule change(TenantId tenant, Program program, Rule rule, CampaignTerms campaign, RuleVersion.Change change,
			String changedBy) {
		jdbc.sql("""
				UPDATE earning_rule SET version = :version, active = :active, definition = :definition,
				campaign_id = :campaign, updated_at = :now WHERE tenant_id = :tenant AND id = :id""")
			.param("version", rule.version())
			.param("active", rule.active())
			.param("definition", json.writeValueAsString(rule.definition()))
			.param("campaign", campaign == null ? null : campaign.id())
			.param("now", Timestamps.sql(rule.updatedAt()))
			.param("tenant", tenant.value())
			.param("id", rule.id())
			.update();
		saved(tenant, program, rule, change, changedBy);
		return rule;
	}

	private void saved(TenantId tenant, Program program, Rule rule, RuleVersion.Change change, String changedBy) {
		jdbc.sql("""
				INSERT INTO earning_rule_version (rule_id, version, tenant_id, active, definition, change_kind,
				changed_by, changed_at) VALUES (:id, :version, :tenant, :active, :definition, :change, :changedBy,
				:changedAt)""")
			.param("id", rule.id())
			.param("version", rule.version())
			.param("tenant", tenant.value())
			.param("active", rule.active())
			.param("definition", json.writeValueAsString(rule.definition()))
			.param("change", change.name())
			.param("changedBy", changedBy)
			.param("changedAt", Timestamps.sql(rule.updatedAt()))
			.update();
		if (rule.definition().limits() != null && rule.definition().limits().budget() != null) {
			jdbc.sql("INSERT INTO budget_usage (owner_id, tenant_id, spent) VALUES (:id, :tenant, 0) "
					+ "ON CONFLICT DO NOTHING")
				.param("id", rule.id())
				.param("tenant", tenant.value())
				.update();
		}
		cache.forget(program.id());
	}

	private Rule rule(ResultSet rs, int row) throws SQLException {
		return new Rule(rs.getObject("id", UUID.class), rs.getObject("program_id", UUID.class), rs.getInt("version"),
				rs.getBoolean("active"), json.readValue(rs.getString("definition"), RuleDefinition.class),
				Timestamps.instant(rs.getObject("created_at", OffsetDateTime.class)),
				Timestamps.instant(rs.getObject("updated_at", OffsetDateTime.class)));
	}
}
