package io.fidelis.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

class PageRequestTest {

	record Row(Instant createdAt, UUID id) {
	}

	@Test
	void theCursorOfAPageLeadsToTheRowsAfterItsLastRow() {
		PageRequest first = PageRequest.of(2, null);
		List<Row> fetched = List.of(new Row(Instant.parse("2026-03-03T00:00:00Z"), UUID.randomUUID()),
				new Row(Instant.parse("2026-03-02T00:00:00Z"), UUID.randomUUID()),
				new Row(Instant.parse("2026-03-01T00:00:00Z"), UUID.randomUUID()));

		Page<Row> page = first.page(fetched, Row::createdAt, Row::id);
		PageRequest next = PageRequest.of(2, page.nextCursor());

		assertThat(page.items()).containsExactlyElementsOf(fetched.subList(0, 2));
		assertThat(next.before()).isEqualTo(fetched.get(1).createdAt());
		assertThat(next.beforeId()).isEqualTo(fetched.get(1).id());
	}

	@Test
	void theLastPageHasNoCursor() {
		Page<Row> page = PageRequest.of(5, null)
			.page(List.of(new Row(Instant.now(), UUID.randomUUID())), Row::createdAt, Row::id);

		assertThat(page.nextCursor()).isNull();
	}

	@Test
	void refusesLimitsOutOfRangeAndForeignCursors() {
		assertThatThrownBy(() -> PageRequest.of(0, null)).hasMessageContaining("limit");
		assertThatThrownBy(() -> PageRequest.of(201, null)).hasMessageContaining("limit");
		assertThatThrownBy(() -> PageRequest.of(10, "not-a-cursor")).hasMessageContaining("cursor");
	}
}
