package io.fidelis.earning.rules;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.fidelis.shared.Money;

/**
 * What the rules may look at in an event.
 *
 * @param amount the purchase's amount, null for an activity
 * @param attributes the event's attributes as text
 */
public record EventFacts(String type, Money amount, List<Item> items, String storeId, String channel,
		Instant occurredAt, Map<String, String> attributes) {

	public EventFacts {
		items = items == null ? List.of() : List.copyOf(items);
		attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
	}

	/** One line of a purchase's basket. */
	public record Item(String sku, String category, BigDecimal quantity, long unitPriceMinor) {
	}
}
