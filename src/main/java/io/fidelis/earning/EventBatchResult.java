package io.fidelis.earning;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.fidelis.shared.Problem;

/**
 * What became of each event of a batch, in the order they were sent: applied ({@code status} 201), answered as the
 * first time ({@code replayed}), or refused with its own problem, exactly as {@code POST /events} would have answered
 * it alone.
 *
 * @param applied events applied now; {@code replayed} were applied before; {@code refused} have a problem
 */
record EventBatchResult(int applied, int replayed, int refused, List<Item> results) {

	static EventBatchResult of(List<Item> results) {
		int replayed = (int) results.stream().filter(Item::replayed).count();
		int refused = (int) results.stream().filter(item -> item.problem() != null).count();
		return new EventBatchResult(results.size() - replayed - refused, replayed, refused, results);
	}

	/** One event's outcome: its {@code result} or its {@code problem}. */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	record Item(int index, String transactionId, int status, boolean replayed, EventResult result, Problem problem) {
	}
}
