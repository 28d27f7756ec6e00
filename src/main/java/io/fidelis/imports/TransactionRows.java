package io.fidelis.imports;

import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import org.springframework.stereotype.Component;

import io.fidelis.earning.EventRequest;
import io.fidelis.earning.EventResult;
import io.fidelis.earning.Events;
import io.fidelis.member.Members;
import io.fidelis.shared.BusinessException;
import io.fidelis.shared.IdempotentRequests;
import io.fidelis.shared.IdempotentResponse;
import io.fidelis.shared.TenantId;

/**
 * Imports historical purchases and returns, one per row, through the same intake as {@code POST /api/v1/events}
 * ({@link Events#submit}): each is stored with its business time ({@code occurred_at}) and earns (or takes back)
 * what the programs' rules of today give it, so that balances, lots, tiers and the ledger stay as if the events had
 * been sent one by one. Its {@code transaction_id} is its idempotency key, as for an event: a row uploaded again
 * is answered as a replay and changes nothing (it counts as skipped).
 */
@Component
class TransactionRows implements RowImporter {

	/** The fields of an event's problems, and the columns that hold them. */
	private static final Map<String, String> COLUMNS = Map.of("transactionId", "transaction_id",
			"originalTransactionId", "original_transaction_id", "member", "member", "occurredAt", "occurred_at",
			"amount", "amount", "currency", "currency", "storeId", "store_id", "channel", "channel", "program",
			"program");

	private final Events events;
	private final Members members;

	TransactionRows(Events events, Members members) {
		this.events = events;
		this.members = members;
	}

	@Override
	public ImportKind kind() {
		return ImportKind.TRANSACTIONS;
	}

	@Override
	public Outcome apply(TenantId tenant, String storeId, ImportRow row) {
		Checked checked = check(row, storeId);
		UUID memberId = null;
		if (checked.member() != null) {
			memberId = members.findByIdentifier(tenant, checked.member())
				.map(member -> member.id().value())
				.orElseThrow(() -> new RowRefused("member", "no member has this card number, e-mail, phone, "
						+ "external id or id"));
		}
		try {
			IdempotentResponse<EventResult> response = events.submit(tenant, checked.storeId(),
					checked.event(memberId));
			return response.replayed() ? Outcome.SKIPPED : Outcome.APPLIED;
		}
		catch (BusinessException refused) {
			throw refusal(refused, COLUMNS);
		}
	}

	/**
	 * A row's fields, checked; the member as the file names them.
	 *
	 * @param storeId the store the row speaks for
	 */
	record Checked(String type, String transactionId, String originalTransactionId, String member,
			OffsetDateTime occurredAt, BigDecimal amount, String currency, String storeId, String channel,
			String program) {

		EventRequest event(UUID memberId) {
			EventRequest.Member member = memberId == null ? null
					: new EventRequest.Member(memberId, null, null, null, null);
			return "return".equals(type)
					? new EventRequest.Return(transactionId, originalTransactionId, member, occurredAt, amount,
							currency, storeId)
					: new EventRequest.Purchase(transactionId, member, occurredAt, amount, currency, List.of(),
							storeId, channel, program);
		}
	}

	/**
	 * The row's fields checked as {@code POST /events} checks an event's shape; nothing is read or written.
	 *
	 * @param importStore the store the uploading API key was bound to, or null
	 */
	static Checked check(ImportRow row, String importStore) {
		ImportRow.Problems problems = new ImportRow.Problems();
		String type = row.get("type") == null ? "purchase" : row.get("type").toLowerCase(Locale.ROOT);
		if (!type.equals("purchase") && !type.equals("return")) {
			problems.add("type", "must be purchase or return");
		}
		String transactionId = row.get("transaction_id");
		if (transactionId == null) {
			problems.add("transaction_id", "is required: it makes the row count once, however often it is uploaded");
		}
		else {
			try {
				IdempotentRequests.requireValidKey(transactionId, "transaction_id");
			}
			catch (BusinessException invalid) {
				problems.add("transaction_id", "must be at most 200 printable ASCII characters without spaces");
			}
		}
		String original = row.get("original_transaction_id");
		if (type.equals("return") && original == null) {
			problems.add("original_transaction_id", "is required for a return: the purchase it refunds");
		}
		if (type.equals("purchase") && original != null) {
			problems.add("original_transaction_id", "is only for returns");
		}
		if (original != null && original.length() > 200) {
			problems.add("original_transaction_id", "must be at most 200 characters");
		}
		String member = row.get("member");
		if (member != null && member.length() > 254) {
			problems.add("member", "must be at most 254 characters");
		}
		OffsetDateTime occurredAt = occurredAt(row.get("occurred_at"), problems);
		BigDecimal amount = null;
		if (row.get("amount") == null) {
			problems.add("amount", "is required");
		}
		else {
			try {
				// A decimal comma, as French spreadsheets write amounts, reads as a point.
				amount = new BigDecimal(row.get("amount").replace(',', '.'));
			}
			catch (NumberFormatException notANumber) {
				problems.add("amount", "must be a decimal number such as 49.90");
			}
		}
		String currency = row.get("currency");
		if (currency == null) {
			problems.add("currency", "is required: an ISO 4217 code such as EUR");
		}
		String storeId = row.get("store_id");
		if (storeId != null && storeId.length() > 64) {
			problems.add("store_id", "must be at most 64 characters");
		}
		if (importStore != null && storeId != null && !storeId.equals(importStore)) {
			problems.add("store_id", "must be '" + importStore + "', the store of the API key that uploaded the file");
		}
		String channel = row.get("channel");
		if (channel != null && (channel.length() > 32 || type.equals("return"))) {
			problems.add("channel", type.equals("return") ? "is only for purchases" : "must be at most 32 characters");
		}
		String program = row.get("program");
		if (program != null && (program.length() > 32 || type.equals("return"))) {
			problems.add("program", type.equals("return") ? "is only for purchases: a return takes back what its "
					+ "purchase earned" : "must be at most 32 characters");
		}
		problems.throwIfAny();
		return new Checked(type, transactionId, original, member, occurredAt, amount, currency,
				storeId == null ? importStore : storeId, channel, program);
	}

	/** ISO 8601 with an offset, or a date alone, read as midnight UTC. */
	private static OffsetDateTime occurredAt(String text, ImportRow.Problems problems) {
		if (text == null) {
			problems.add("occurred_at", "is required");
			return null;
		}
		try {
			return text.length() == 10 ? LocalDate.parse(text).atStartOfDay().atOffset(ZoneOffset.UTC)
					: OffsetDateTime.parse(text);
		}
		catch (DateTimeException unreadable) {
			problems.add("occurred_at", "must be a date (2024-03-01) or a time with its offset "
					+ "(2024-03-01T10:15:00+01:00)");
			return null;
		}
	}

	/** A refusal of the service, as errors of the row: its fields named by their columns. */
	static RowRefused refusal(BusinessException refused, Map<String, String> columns) {
		if (refused.errors().isEmpty()) {
			return new RowRefused(null, refused.getMessage());
		}
		return new RowRefused(refused.errors().stream().map(error -> {
			String column = columns.get(error.field());
			return column == null ? new RowError(null, error.field() + " " + error.message())
					: new RowError(column, error.message());
		}).toList());
	}
}
