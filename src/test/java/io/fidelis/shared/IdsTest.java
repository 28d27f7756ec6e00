package io.fidelis.shared;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

class IdsTest {

	@Test
	void idsOfOneInstantFollowEachOtherAsTheDatabaseSortsThem() {
		Clock frozen = Clock.fixed(Instant.parse("2026-11-24T10:00:00Z"), ZoneOffset.UTC);
		List<String> ids = new ArrayList<>();
		for (int i = 0; i < 1000; i++) {
			UUID id = Ids.newId(frozen);
			assertThat(id.version()).isEqualTo(7);
			ids.add(id.toString());
		}
		// The text form sorts as the bytes do, which is how PostgreSQL and H2 order UUIDs.
		assertThat(ids).isSorted().doesNotHaveDuplicates();
	}

	@Test
	void laterInstantsMakeLaterIds() {
		UUID earlier = Ids.newId(Clock.fixed(Instant.parse("2026-11-24T10:00:00Z"), ZoneOffset.UTC));
		UUID later = Ids.newId(Clock.fixed(Instant.parse("2026-11-24T10:00:00.001Z"), ZoneOffset.UTC));
		assertThat(later.toString()).isGreaterThan(earlier.toString());
	}
}
