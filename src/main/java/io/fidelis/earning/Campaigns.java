package io.fidelis.earning;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

import io.fidelis.earning.rules.Audience;
import io.fidelis.member.MemberSegments;
import io.fidelis.program.Program;
import io.fidelis.shared.BusinessException;
import io.fidelis.shared.ErrorCode;
import io.fidelis.shared.Ids;
import io.fidelis.shared.TenantId;
import io.fidelis.shared.Timestamps;
import tools.jackson.databind.json.JsonMapper;

/** The campaigns of each program. Changing one changes what its rules do: the rule cache is told. */
@Service
public class Campaigns {

	private static final String COLUMNS = """
			id, program_id, code, name, description, starts_at, ends_at, budget, audience, created_at, updated_at""";

	private final JdbcClient jdbc;
	private final JsonMapper json;
	private final RuleCache cache;
	private final MemberSegments segments;
	private final Clock clock;

	Campaigns(JdbcClient jdbc, JsonMapper json, RuleCache cache, MemberSegments segments, Clock clock) {
		this.jdbc = jdbc;
		this.json = json;
		this.cache = cache;
		this.segments = segments;
		this.clock = clock;
	}

	/**
	 * What an operator defines; the code is the campaign's name in rules and URLs.
	 *
	 * @param audience who the campaign's rules are for, or null for every member
	 */
	public record Terms(String code, String name, String description, Instant startsAt, Instant endsAt, Long budget,
			Audience audience) {

		void check(MemberSegments segments) {
			if (!endsAt.isAfter(startsAt)) {
				throw BusinessException.invalid("endsAt", "must be after startsAt");
			}
			if (audience == null) {
				return;
			}
			if (audience.labels() == null && audience.tiers() == null && audience.segments() == null) {
				throw BusinessException.invalid("audience", "name labels, tiers or segments");
			}
			if (audience.labels() != null && audience.labels().empty()) {
				throw BusinessException.invalid("audience.labels", "name at least one label in anyOf, allOf or noneOf");
			}
			if (audience.tiers() != null && audience.tiers().isEmpty()) {
				throw BusinessException.invalid("audience.tiers", "name at least one tier");
			}
			segments.requireKnown("audience.segments", audience.segments());
		}
	}

	public Campaign create(TenantId tenant, Program program, Terms terms) {
		terms.check(segments);
		if (find(tenant, program, terms.code()).isPresent()) {
			throw new BusinessException(ErrorCode.CAMPAIGN_EXISTS,
					"The program already has a campaign '" + terms.code() + "'");
		}
		Instant now = clock.instant();
		Campaign campaign = new Campaign(Ids.newId(clock), program.id().value(), terms.code(), terms.name(),
				terms.description(), terms.startsAt(), terms.endsAt(), terms.budget(), terms.audience(), now, now);
		jdbc.sql("INSERT INTO campaign (" + COLUMNS + """
				, tenant_id) VALUES (:id, :program, :code, :name, :description, :startsAt, :endsAt, :budget, :audience,
				:now, :now, :tenant)""")
			.param("id", campaign.id())
			.param("program", campaign.programId())
			.param("code", campaign.code())
			.param("name", campaign.name())
			.param("description", campaign.description())
			.param("startsAt", Timestamps.sql(campaign.startsAt()))
			.param("endsAt", Timestamps.sql(campaign.endsAt()))
			.param("budget", campaign.budget())
			.param("audience", audience(campaign.audience()))
			.param("now", Timestamps.sql(now))
			.param("tenant", tenant.value())
			.update();
		if (campaign.budget() != null) {
			jdbc.sql("INSERT INTO budget_usage (owner_id, tenant_id, spent) VALUES (:id, :tenant, 0)")
				.param("id", campaign.id())
				.param("tenant", tenant.value())
				.update();
		}
		cache.forget(program.id());
		return campaign;
	}

	/**
	 * Changes a campaign's name, dates, budget and audience; a budget can be raised or lowered, never below what was
	 * spent.
	 */
	public Campaign update(TenantId tenant, Program program, String code, Terms terms) {
		terms.check(segments);
		Campaign current = get(tenant, program, code);
		long spent = spent(current.id());
		if (terms.budget() != null && terms.budget() < spent) {
			throw BusinessException.invalid("budget", "must not be below the " + spent + " the campaign already gave");
		}
		jdbc.sql("""
				UPDATE campaign SET name = :name, description = :description, starts_at = :startsAt,
				ends_at = :endsAt, budget = :budget, audience = :audience, updated_at = :now WHERE id = :id""")
			.param("name", terms.name())
			.param("description", terms.description())
			.param("startsAt", Timestamps.sql(terms.startsAt()))
			.param("endsAt", Timestamps.sql(terms.endsAt()))
			.param("budget", terms.budget())
			.param("audience", audience(terms.audience()))
			.param("now", Timestamps.sql(clock.instant()))
			.param("id", current.id())
			.update();
		if (terms.budget() != null) {
			jdbc.sql("INSERT INTO budget_usage (owner_id, tenant_id, spent) VALUES (:id, :tenant, 0) "
					+ "ON CONFLICT DO NOTHING")
				.param("id", current.id())
				.param("tenant", tenant.value())
				.update();
		}
		cache.forget(program.id());
		return get(tenant, program, code);
	}

	public List<Campaign> list(TenantId tenant, Program program) {
		return jdbc.sql("SELECT " + COLUMNS + " FROM campaign WHERE tenant_id = :tenant AND program_id = :program"
				+ " ORDER BY starts_at DESC, code")
			.param("tenant", tenant.value())
			.param("program", program.id().value())
			.query(this::campaign)
			.list();
	}

	public Optional<Campaign> find(TenantId tenant, Program program, String code) {
		return jdbc.sql("SELECT " + COLUMNS + " FROM campaign WHERE tenant_id = :tenant AND program_id = :program"
				+ " AND code = :code")
			.param("tenant", tenant.value())
			.param("program", program.id().value())
			.param("code", code)
			.query(this::campaign)
			.optional();
	}

	public Campaign get(TenantId tenant, Program program, String code) {
		return find(tenant, program, code).orElseThrow(() -> new BusinessException(ErrorCode.CAMPAIGN_NOT_FOUND,
				"No campaign '" + code + "' in program '" + program.code() + "'"));
	}

	/** The campaign as the API shows it: with its status now and what its budget gave so far. */
	public CampaignResponse response(String programCode, Campaign campaign) {
		return new CampaignResponse(campaign.id(), programCode, campaign.code(), campaign.name(),
				campaign.description(), campaign.startsAt(), campaign.endsAt(), campaign.status(clock.instant()),
				campaign.budget(), spent(campaign.id()), campaign.audience(), campaign.createdAt(),
				campaign.updatedAt());
	}

	/** Units a campaign's budget has given so far. */
	public long spent(UUID campaignId) {
		return jdbc.sql("SELECT COALESCE(MAX(spent), 0) FROM budget_usage WHERE owner_id = :id")
			.param("id", campaignId)
			.query(Long.class)
			.single();
	}

	private String audience(Audience audience) {
		return audience == null ? null : json.writeValueAsString(audience);
	}

	private Campaign campaign(ResultSet rs, int row) throws SQLException {
		String audience = rs.getString("audience");
		return new Campaign(rs.getObject("id", UUID.class), rs.getObject("program_id", UUID.class),
				rs.getString("code"), rs.getString("name"), rs.getString("description"),
				Timestamps.instant(rs.getObject("starts_at", OffsetDateTime.class)),
				Timestamps.instant(rs.getObject("ends_at", OffsetDateTime.class)),
				rs.getObject("budget") == null ? null : rs.getLong("budget"),
				audience == null ? null : json.readValue(audience, Audience.class),
				Timestamps.instant(rs.getObject("created_at", OffsetDateTime.class)),
				Timestamps.instant(rs.getObject("updated_at", OffsetDateTime.class)));
	}
}
