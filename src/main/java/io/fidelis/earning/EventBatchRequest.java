package io.fidelis.earning;

import java.util.List;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import tools.jackson.databind.JsonNode;

/**
 * Up to {@value EventBatches#MAX_EVENTS} events, each as {@code POST /events} takes it. They are read one by one, so
 * that an event of the wrong shape is refused alone, with its own problem, and the others are applied.
 */
record EventBatchRequest(@NotNull @Size(min = 1, max = EventBatches.MAX_EVENTS) List<@NotNull JsonNode> events) {
}
