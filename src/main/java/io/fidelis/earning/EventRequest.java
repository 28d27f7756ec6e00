package io.fidelis.earning;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.stream.Stream;

import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

import io.fidelis.member.MemberReference;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * An event sent by a till or a shop. Its {@code transactionId} is the idempotency key: sending it again returns the
 * first answer and changes nothing. Any {@code type} but {@code purchase} and {@code return} is an activity, which
 * must be a built-in one or one the tenant declared.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type", visible = true, defaultImpl = EventRequest.Activity.class)
@JsonSubTypes({ @JsonSubTypes.Type(value = EventRequest.Purchase.class, name = "purchase"),
		@JsonSubTypes.Type(value = EventRequest.Return.class, name = "return") })
public sealed interface EventRequest {

	String transactionId();

	OffsetDateTime occurredAt();

	String storeId();

	/** The same event under another transaction id. */
	EventRequest withTransactionId(String transactionId);

	/** Names the member: exactly one of the fields. */
	record Member(UUID id, @Size(max = 13) String cardNumber, @Size(max = 254) String email,
			@Size(max = 32) String phone, @Size(max = 64) String externalId) {

		MemberReference toReference() {
			return new MemberReference(id, cardNumber, email, phone, externalId);
		}

		boolean namesExactlyOne() {
			return Stream.of(id, cardNumber, email, phone, externalId)
				.filter(Objects::nonNull)
				.count() == 1;
		}
	}

	record Item(@NotBlank @Size(max = 64) String sku, @Size(max = 64) String category,
			@NotNull @DecimalMin(value = "0", inclusive = false) @DecimalMax("100000")
			@Digits(integer = 6, fraction = 3) BigDecimal quantity,
			@NotNull BigDecimal unitPrice) {
	}

	/**
	 * A sale. Without {@code member} it is anonymous: stored (the non-member side of the KPIs), earning nothing.
	 *
	 * @param program the one program to earn in; by default every program in the purchase's currency
	 */
	@JsonIgnoreProperties("type")
	record Purchase(@NotBlank @Size(max = 200) String transactionId, @Valid Member member,
			@NotNull OffsetDateTime occurredAt, @NotNull BigDecimal amount, @NotNull String currency,
			@Size(max = 500) List<@NotNull @Valid Item> items, @Size(max = 64) String storeId, @Size(max = 32) String channel,
			@Size(max = 32) String program) implements EventRequest {

		@Override
		public Purchase withTransactionId(String id) {
			return new Purchase(id, member, occurredAt, amount, currency, items, storeId, channel, program);
		}
	}

	/**
	 * A refund of (part of) an earlier purchase: takes back the same share of what it earned. {@code member}, if
	 * given, must be the purchase's.
	 */
	@JsonIgnoreProperties("type")
	record Return(@NotBlank @Size(max = 200) String transactionId,
			@NotBlank @Size(max = 200) String originalTransactionId, @Valid Member member,
			@NotNull OffsetDateTime occurredAt, @NotNull BigDecimal amount, @NotNull String currency,
			@Size(max = 64) String storeId) implements EventRequest {

		@Override
		public Return withTransactionId(String id) {
			return new Return(id, originalTransactionId, member, occurredAt, amount, currency, storeId);
		}
	}

	/**
	 * Something a member did: signed up, wrote a review, came to an event, referred a friend ({@code referrer} names
	 * who referred the {@code member}). {@code attributes} are what rules may test: text, numbers or true/false.
	 *
	 * @param otherFields fields an activity does not have: since any unknown type reads as an activity, they are
	 *        reported only once the type is known to be one, so that a mistyped "purchase" is told about its type
	 */
	record Activity(String type, @NotBlank @Size(max = 200) String transactionId, @Valid Member member,
			@Valid Member referrer, @NotNull OffsetDateTime occurredAt,
			@Size(max = 20) Map<@Size(max = 64) String, Object> attributes, @Size(max = 64) String storeId,
			@Size(max = 32) String channel, @Size(max = 32) String program,
			@JsonAnySetter @JsonIgnore Map<String, Object> otherFields) implements EventRequest {

		public Activity {
			otherFields = otherFields == null ? Map.of() : Map.copyOf(otherFields);
		}

		@Override
		public Activity withTransactionId(String id) {
			return new Activity(type, id, member, referrer, occurredAt, attributes, storeId, channel, program,
					otherFields);
		}
	}
}
