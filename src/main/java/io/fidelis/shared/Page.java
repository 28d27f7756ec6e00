package io.fidelis.shared;

import java.util.List;

/** One page of a list, newest first; {@code nextCursor} fetches the next (older) page and is null on the last. */
public record Page<T>(List<T> items, String nextCursor) {
}
