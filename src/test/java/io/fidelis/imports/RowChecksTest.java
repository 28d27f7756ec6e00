package io.fidelis.imports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.fidelis.member.Enrolment;
import io.fidelis.shared.BusinessException;

/** The checks of headers and rows that need no database. */
class RowChecksTest {

	private static ImportRow row(ImportKind kind, String csv) {
		CsvReader.Table table = CsvReader.read(csv);
		return ImportRow.of(kind.columns(table.header()), table.rows().get(0));
	}

	private static List<RowError> errors(Runnable check) {
		try {
			check.run();
		}
		catch (RowRefused refused) {
			return refused.errors();
		}
		throw new AssertionError("the row was not refused");
	}

	@Test
	void readsAMemberRow() {
		Enrolment enrolment = MemberRows.check(row(ImportKind.MEMBERS, """
				External_ID,email,first_name,birth_date,locale,marketing_consent,labels
				c-1, ada@example.com ,Ada,1990-12-10,FR,yes,vip|newsletter
				"""));

		assertThat(enrolment).isEqualTo(new Enrolment("c-1", "ada@example.com", null, "Ada", null,
				LocalDate.of(1990, 12, 10), "fr", true, List.of("vip", "newsletter")));
	}

	@Test
	void refusesAMemberRowWithEveryWrongFieldNamed() {
		List<RowError> errors = errors(() -> MemberRows.check(row(ImportKind.MEMBERS, """
				external_id,email,birth_date,locale,marketing_consent
				has space,x,10/12/1990,de,maybe
				""")));

		assertThat(errors).extracting(RowError::column)
			.containsExactly("external_id", "birth_date", "locale", "marketing_consent");
	}

	@Test
	void refusesAMemberRowThatNamesNoOne() {
		assertThat(errors(() -> MemberRows.check(row(ImportKind.MEMBERS, "external_id,first_name\n,Ada\n"))))
			.containsExactly(new RowError(null, "names no member: give an external_id, an email or a phone"));
	}

	@Test
	void refusesARowWithMoreFieldsThanTheHeader() {
		assertThat(errors(() -> row(ImportKind.MEMBERS, "email\na@example.com,extra\n")))
			.containsExactly(new RowError(null, "has 2 fields where the header has 1 columns"));
	}

	@Test
	void readsAPurchaseRowWithADateAndADecimalComma() {
		TransactionRows.Checked checked = TransactionRows.check(row(ImportKind.TRANSACTIONS, """
				transaction_id;member;occurred_at;amount;currency
				T-1;c-1;2024-03-01;49,90;EUR
				"""), null);

		assertThat(checked.type()).isEqualTo("purchase");
		assertThat(checked.occurredAt()).isEqualTo(OffsetDateTime.parse("2024-03-01T00:00:00Z"));
		assertThat(checked.amount()).isEqualByComparingTo(new BigDecimal("49.90"));
	}

	@Test
	void givesARowTheStoreOfTheUploadingKey() {
		String csv = "transaction_id,occurred_at,amount,currency,store_id\nT-1,2024-03-01T10:00:00+01:00,5,EUR,%s\n";

		assertThat(TransactionRows.check(row(ImportKind.TRANSACTIONS, csv.formatted("")), "paris").storeId())
			.isEqualTo("paris");
		assertThat(errors(() -> TransactionRows.check(row(ImportKind.TRANSACTIONS, csv.formatted("lyon")), "paris")))
			.extracting(RowError::column)
			.containsExactly("store_id");
	}

	@Test
	void refusesAReturnWithoutItsPurchaseAndATimeWithoutOffset() {
		List<RowError> errors = errors(() -> TransactionRows.check(row(ImportKind.TRANSACTIONS, """
				type,transaction_id,occurred_at,amount,currency
				return,R-1,2024-03-01T10:00:00,abc,
				"""), null));

		assertThat(errors).extracting(RowError::column)
			.containsExactly("original_transaction_id", "occurred_at", "amount", "currency");
	}

	@Test
	void refusesAHeaderWithUnknownRepeatedOrMissingColumns() {
		assertThatThrownBy(() -> ImportKind.TRANSACTIONS.columns(List.of("transaction_id", "amount", "amount", "colour")))
			.isInstanceOfSatisfying(BusinessException.class, refused -> assertThat(refused.errors())
				.extracting(error -> error.message())
				.containsExactly("'amount' is named twice",
						"'colour' is not a column of a transactions import; the columns are type, transaction_id, "
								+ "original_transaction_id, member, occurred_at, amount, currency, store_id, channel, "
								+ "program",
						"'occurred_at' is a required column", "'currency' is a required column"));
	}

	@Test
	void refusesAMembersHeaderWithoutAnIdentifierColumn() {
		assertThatThrownBy(() -> ImportKind.MEMBERS.columns(List.of("first_name")))
			.isInstanceOf(BusinessException.class)
			.hasMessageContaining("header");
	}
}
