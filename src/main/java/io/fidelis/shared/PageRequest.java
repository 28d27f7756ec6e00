package io.fidelis.shared;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

/**
 * A request for one page of a newest-first list: at most {@code limit} rows strictly older than the cursor. The
 * cursor is opaque to clients: the (created at, id) of the last row they saw, so paging is stable while rows are
 * added.
 */
public record PageRequest(int limit, Instant before, UUID beforeId) {

	public static final int DEFAULT_LIMIT = 50;
	public static final int MAX_LIMIT = 200;

	public static PageRequest of(Integer limit, String cursor) {
		int size = limit == null ? DEFAULT_LIMIT : limit;
		if (size < 1 || size > MAX_LIMIT) {
			throw BusinessException.invalid("limit", "must be between 1 and " + MAX_LIMIT);
		}
		if (cursor == null || cursor.isEmpty()) {
			return new PageRequest(size, null, null);
		}
		try {
			String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split("/", 2);
			return new PageRequest(size, Instant.parse(parts[0]), UUID.fromString(parts[1]));
		}
		catch (RuntimeException malformed) {
			throw BusinessException.invalid("cursor", "is not a cursor returned by this API");
		}
	}

	public boolean hasCursor() {
		return before != null;
	}

	/**
	 * The SQL condition selecting rows after the cursor, to append to a WHERE clause; it uses the parameters
	 * {@code :before} and {@code :beforeId}. Empty for the first page.
	 */
	public String condition(String createdAtColumn, String idColumn) {
		return hasCursor() ? " AND (" + createdAtColumn + " < :before OR (" + createdAtColumn + " = :before AND "
				+ idColumn + " < :beforeId))" : "";
	}

	/** Fetch {@code limit + 1} rows to learn whether another page exists. */
	public int fetchSize() {
		return limit + 1;
	}

	/** Cuts the rows fetched with {@link #fetchSize()} into a page, with a cursor after its last row. */
	public <T> Page<T> page(List<T> rows, Function<T, Instant> createdAt, Function<T, UUID> id) {
		if (rows.size() <= limit) {
			return new Page<>(rows, null);
		}
		List<T> items = rows.subList(0, limit);
		T last = items.get(limit - 1);
		String position = createdAt.apply(last) + "/" + id.apply(last);
		return new Page<>(List.copyOf(items),
				Base64.getUrlEncoder().withoutPadding().encodeToString(position.getBytes(StandardCharsets.UTF_8)));
	}
}
