package io.fidelis.reward;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import io.fidelis.shared.BusinessException;
import io.fidelis.shared.ErrorCode;
import io.fidelis.shared.Ids;
import io.fidelis.shared.TenantId;
import io.fidelis.shared.Timestamps;

/**
 * The charity causes of each tenant. Codes are unique per tenant, so members and tills name a cause by its code. A
 * cause has an English or a French name, or both.
 */
@Repository
public class Causes {

	private static final String COLUMNS = """
			id, code, name_en, description_en, name_fr, description_fr, image_url, retired_at, created_at,
			updated_at""";

	private final JdbcClient jdbc;
	private final Clock clock;

	Causes(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	public Cause create(TenantId tenant, String code, Cause.Texts texts, String imageUrl) {
		requireName(texts);
		Instant now = clock.instant();
		UUID id = Ids.newId(clock);
		try {
			jdbc.sql("""
					INSERT INTO cause (id, tenant_id, code, name_en, description_en, name_fr, description_fr,
					image_url, created_at, updated_at)
					VALUES (:id, :tenant, :code, :nameEn, :descriptionEn, :nameFr, :descriptionFr, :imageUrl, :now,
					:now)""")
				.param("id", id)
				.param("tenant", tenant.value())
				.param("code", code)
				.param("now", Timestamps.sql(now))
				.params(columns(texts, imageUrl))
				.update();
		}
		catch (DuplicateKeyException taken) {
			throw new BusinessException(ErrorCode.CAUSE_EXISTS, "A cause with code '" + code + "' already exists");
		}
		return new Cause(id, code, texts, imageUrl, null, now, now);
	}

	/** Replaces the cause's texts and image; donations already made keep the name they were made with. */
	public Cause update(TenantId tenant, String code, Cause.Texts texts, String imageUrl) {
		requireName(texts);
		Cause cause = get(tenant, code);
		jdbc.sql("""
				UPDATE cause SET name_en = :nameEn, description_en = :descriptionEn, name_fr = :nameFr,
				description_fr = :descriptionFr, image_url = :imageUrl, updated_at = :now WHERE id = :id""")
			.params(columns(texts, imageUrl))
			.param("now", Timestamps.sql(clock.instant()))
			.param("id", cause.id())
			.update();
		return get(tenant, code);
	}

	/** Closes the cause to donations for good; what was given stays in its report. */
	public Cause retire(TenantId tenant, String code) {
		Cause cause = get(tenant, code);
		jdbc.sql("UPDATE cause SET retired_at = :now, updated_at = :now WHERE id = :id AND retired_at IS NULL")
			.param("now", Timestamps.sql(clock.instant()))
			.param("id", cause.id())
			.update();
		return get(tenant, code);
	}

	public List<Cause> list(TenantId tenant) {
		return jdbc.sql("SELECT " + COLUMNS + " FROM cause WHERE tenant_id = :tenant ORDER BY code")
			.param("tenant", tenant.value())
			.query(Causes::cause)
			.list();
	}

	public Cause get(TenantId tenant, String code) {
		return find(tenant, code).orElseThrow(
				() -> new BusinessException(ErrorCode.CAUSE_NOT_FOUND, "No cause with code '" + code + "'"));
	}

	private Optional<Cause> find(TenantId tenant, String code) {
		return jdbc.sql("SELECT " + COLUMNS + " FROM cause WHERE tenant_id = :tenant AND code = :code")
			.param("tenant", tenant.value())
			.param("code", code)
			.query(Causes::cause)
			.optional();
	}

	private static void requireName(Cause.Texts texts) {
		if (texts.en() == null && texts.fr() == null) {
			throw BusinessException.invalid("texts", "must have an English or a French name");
		}
	}

	/** The texts and image as the columns hold them. */
	private static Map<String, Object> columns(Cause.Texts texts, String imageUrl) {
		Map<String, Object> columns = new HashMap<>();
		columns.put("nameEn", texts.en() == null ? null : texts.en().name());
		columns.put("descriptionEn", texts.en() == null ? null : texts.en().description());
		columns.put("nameFr", texts.fr() == null ? null : texts.fr().name());
		columns.put("descriptionFr", texts.fr() == null ? null : texts.fr().description());
		columns.put("imageUrl", imageUrl);
		return columns;
	}

	private static Cause cause(ResultSet rs, int n) throws SQLException {
		String nameEn = rs.getString("name_en");
		String nameFr = rs.getString("name_fr");
		return new Cause(rs.getObject("id", UUID.class), rs.getString("code"),
				new Cause.Texts(nameEn == null ? null : new Cause.Text(nameEn, rs.getString("description_en")),
						nameFr == null ? null : new Cause.Text(nameFr, rs.getString("description_fr"))),
				rs.getString("image_url"), Timestamps.instant(rs.getObject("retired_at", OffsetDateTime.class)),
				Timestamps.instant(rs.getObject("created_at", OffsetDateTime.class)),
				Timestamps.instant(rs.getObject("updated_at", OffsetDateTime.class)));
	}
}
