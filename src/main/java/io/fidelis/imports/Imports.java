package io.fidelis.imports;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

import io.fidelis.shared.PageRequest;
import io.fidelis.shared.TenantId;
import io.fidelis.shared.Timestamps;

/**
 * The imports and the errors of their rows, in {@code data_import} and {@code data_import_error}. An import is
 * processed by the instance that holds its claim ({@code claimed_by}) until its lease runs out; every write of
 * progress is conditional on still holding it, so two instances never both record a chunk.
 */
@Repository
class Imports {

	/** Sanity: a file with errors on every row of 100,000 rows keeps the first 10,000; the counts stay exact. */
	static final int MAX_ERRORS_RECORDED = 10_000;
	/** The sizes of data_import_error's columns. */
	private static final int MAX_MESSAGE = 500;
	private static final int MAX_FAILURE = 500;
	private static final String COLUMNS = """
			id, tenant_id, kind, file_name, status, rows_total, rows_processed, rows_applied, rows_skipped,
			rows_failed, failure, created_at, started_at, finished_at""";

	private final JdbcClient jdbc;

	Imports(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** A claim on an import: what the claimant needs to go on with it from the row it was left at. */
	record Claim(UUID id, TenantId tenant, ImportKind kind, String storeId, String content, int rowsProcessed,
			int attempts) {
	}

	/** The rows of one chunk: how many went each way, and the errors of those refused. */
	record Progress(int processedUpTo, int applied, int skipped, int failed, List<LineError> errors) {
	}

	/** An error of a row; {@code number} orders them within the import. */
	record LineError(int number, int line, String column, String message) {
	}

	void create(DataImport created, String storeId, String content) {
		jdbc.sql("INSERT INTO data_import (" + COLUMNS + """
				, store_id, content, errors_recorded, attempts) VALUES (:id, :tenant, :kind, :fileName, :status,
				:rowsTotal, 0, 0, 0, 0, NULL, :createdAt, NULL, NULL, :storeId, :content, 0, 0)""")
			.param("id", created.id())
			.param("tenant", created.tenant().value())
			.param("kind", created.kind().name())
			.param("fileName", created.fileName())
			.param("status", created.status().name())
			.param("rowsTotal", created.rowsTotal())
			.param("createdAt", Timestamps.sql(created.createdAt()))
			.param("storeId", storeId)
			.param("content", content)
			.update();
	}

	Optional<DataImport> find(TenantId tenant, UUID id) {
		return jdbc.sql("SELECT " + COLUMNS + " FROM data_import WHERE tenant_id = :tenant AND id = :id")
			.param("tenant", tenant.value())
			.param("id", id)
			.query(Imports::dataImport)
			.optional();
	}

	/** The tenant's imports, newest first. */
	List<DataImport> list(TenantId tenant, PageRequest page) {
		return jdbc.sql("SELECT " + COLUMNS + " FROM data_import WHERE tenant_id = :tenant"
				+ page.condition("created_at", "id") + " ORDER BY created_at DESC, id DESC LIMIT :limit")
			.param("tenant", tenant.value())
			.param("before", Timestamps.sql(page.before()))
			.param("beforeId", page.beforeId())
			.param("limit", page.fetchSize())
			.query(Imports::dataImport)
			.list();
	}

	/** The import's errors after the one numbered {@code after}, in the order of the file. */
	List<LineError> errors(TenantId tenant, UUID id, int after, int limit) {
		return jdbc.sql("""
				SELECT number, line, column_name, message FROM data_import_error
				WHERE tenant_id = :tenant AND import_id = :id AND number > :after ORDER BY number LIMIT :limit""")
			.param("tenant", tenant.value())
			.param("id", id)
			.param("after", after)
			.param("limit", limit)
			.query((rs, n) -> new LineError(rs.getInt("number"), rs.getInt("line"), rs.getString("column_name"),
					rs.getString("message")))
			.list();
	}

	/** Unfinished imports nobody holds (new ones, and those whose instance stopped), oldest first; any tenant's. */
	List<UUID> claimable(Instant now, int limit) {
		return jdbc.sql("""
				SELECT id FROM data_import WHERE status IN ('QUEUED', 'PROCESSING')
				AND (lease_until IS NULL OR lease_until < :now) ORDER BY created_at LIMIT :limit""")
			.param("now", Timestamps.sql(now))
			.param("limit", limit)
			.query(UUID.class)
			.list();
	}

	/**
	 * Takes the import for {@code instance} until {@code leaseUntil}, if it is unfinished and nobody holds it: a
	 * conditional update, so of instances trying at once exactly one gets it.
	 */
	@Transactional
	Optional<Claim> claim(UUID id, String instance, Instant now, Instant leaseUntil) {
		int claimed = jdbc.sql("""
				UPDATE data_import SET claimed_by = :instance, lease_until = :leaseUntil, attempts = attempts + 1,
				status = 'PROCESSING', started_at = COALESCE(started_at, :now)
				WHERE id = :id AND status IN ('QUEUED', 'PROCESSING') AND (lease_until IS NULL OR lease_until < :now)""")
			.param("instance", instance)
			.param("leaseUntil", Timestamps.sql(leaseUntil))
			.param("now", Timestamps.sql(now))
			.param("id", id)
			.update();
		if (claimed == 0) {
			return Optional.empty();
		}
		return jdbc.sql("""
				SELECT id, tenant_id, kind, store_id, content, rows_processed, attempts FROM data_import
				WHERE id = :id""")
			.param("id", id)
			.query((rs, n) -> new Claim(rs.getObject("id", UUID.class),
					new TenantId(rs.getObject("tenant_id", UUID.class)), ImportKind.valueOf(rs.getString("kind")),
					rs.getString("store_id"), rs.getString("content"), rs.getInt("rows_processed"),
					rs.getInt("attempts")))
			.optional();
	}

	/**
	 * Records a chunk's rows and extends the lease, if {@code instance} still holds the import; false if it does not
	 * (its lease ran out and another instance took the import over, which then does the chunk again: rows are
	 * idempotent).
	 */
	@Transactional
	boolean progress(TenantId tenant, UUID id, String instance, Progress progress, Instant leaseUntil) {
		Optional<Integer> recorded = jdbc.sql("""
				SELECT errors_recorded FROM data_import WHERE id = :id AND claimed_by = :instance FOR UPDATE""")
			.param("id", id)
			.param("instance", instance)
			.query(Integer.class)
			.optional();
		if (recorded.isEmpty()) {
			return false;
		}
		List<LineError> kept = progress.errors()
			.stream()
			.limit(Math.max(0, MAX_ERRORS_RECORDED - recorded.get()))
			.toList();
		int number = recorded.get();
		for (LineError error : kept) {
			jdbc.sql("""
					INSERT INTO data_import_error (tenant_id, import_id, number, line, column_name, message)
					VALUES (:tenant, :id, :number, :line, :column, :message)""")
				.param("tenant", tenant.value())
				.param("id", id)
				.param("number", ++number)
				.param("line", error.line())
				.param("column", error.column())
				.param("message", cut(error.message(), MAX_MESSAGE))
				.update();
		}
		jdbc.sql("""
				UPDATE data_import SET rows_processed = :processed, rows_applied = rows_applied + :applied,
				rows_skipped = rows_skipped + :skipped, rows_failed = rows_failed + :failed,
				errors_recorded = :recorded, lease_until = :leaseUntil WHERE id = :id""")
			.param("processed", progress.processedUpTo())
			.param("applied", progress.applied())
			.param("skipped", progress.skipped())
			.param("failed", progress.failed())
			.param("recorded", number)
			.param("leaseUntil", Timestamps.sql(leaseUntil))
			.param("id", id)
			.update();
		return true;
	}

	/** Ends the import as {@code status} (done, or failed with {@code failure}), if {@code instance} holds it. */
	void finish(UUID id, String instance, ImportStatus status, String failure, Instant now) {
		jdbc.sql("""
				UPDATE data_import SET status = :status, failure = :failure, finished_at = :now, claimed_by = NULL,
				lease_until = NULL WHERE id = :id AND claimed_by = :instance""")
			.param("status", status.name())
			.param("failure", cut(failure, MAX_FAILURE))
			.param("now", Timestamps.sql(now))
			.param("id", id)
			.param("instance", instance)
			.update();
	}

	private static String cut(String text, int length) {
		return text == null || text.length() <= length ? text : text.substring(0, length - 1) + "…";
	}

	private static DataImport dataImport(ResultSet rs, int row) throws SQLException {
		return new DataImport(rs.getObject("id", UUID.class), new TenantId(rs.getObject("tenant_id", UUID.class)),
				ImportKind.valueOf(rs.getString("kind")), rs.getString("file_name"),
				ImportStatus.valueOf(rs.getString("status")), rs.getInt("rows_total"), rs.getInt("rows_processed"),
				rs.getInt("rows_applied"), rs.getInt("rows_skipped"), rs.getInt("rows_failed"),
				rs.getString("failure"), Timestamps.instant(rs.getObject("created_at", OffsetDateTime.class)),
				Timestamps.instant(rs.getObject("started_at", OffsetDateTime.class)),
				Timestamps.instant(rs.getObject("finished_at", OffsetDateTime.class)));
	}
}
