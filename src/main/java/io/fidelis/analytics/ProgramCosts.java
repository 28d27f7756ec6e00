package io.fidelis.analytics;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.List;

import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import io.fidelis.program.Program;
import io.fidelis.shared.TenantId;
import io.fidelis.shared.Timestamps;

/**
 * What a program cost per month, as the operator enters it (campaigns, staff, the platform): one entry per program
 * and month, replaced when entered again. The cost of rewards is not entered: it follows from the units redeemed.
 */
@Component
public class ProgramCosts {

	private final JdbcClient jdbc;
	private final Clock clock;

	ProgramCosts(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/** A month's cost as entered, in minor units of the program's currency. */
	public record EnteredCost(YearMonth month, long amountMinor, String note, Instant updatedAt) {
	}

	/** Enters the month's cost of the program, replacing what was entered before. */
	public EnteredCost put(TenantId tenant, Program program, YearMonth month, long amountMinor, String note) {
		Instant now = clock.instant();
		EnteredCost entry = new EnteredCost(month, amountMinor, note, now);
		if (update(tenant, program, entry) == 0) {
			int created = jdbc.sql("""
					INSERT INTO analytics_cost (tenant_id, program_id, cost_month, amount_minor, currency, note, updated_at)
					VALUES (:tenant, :program, :month, :amount, :currency, :note, :now)
					ON CONFLICT DO NOTHING""")
				.param("tenant", tenant.value())
				.param("program", program.id().value())
				.param("month", month.atDay(1))
				.param("amount", amountMinor)
				.param("currency", program.currency().getCurrencyCode())
				.param("note", note)
				.param("now", Timestamps.sql(now))
				.update();
			// Two first entries of a month at once: the one that did not create the row replaces it, as it would a
			// moment later.
			if (created == 0 && update(tenant, program, entry) == 0) {
				throw new ConcurrencyFailureException("the cost of " + month + " is neither there nor creatable");
			}
		}
		return entry;
	}

	private int update(TenantId tenant, Program program, EnteredCost entry) {
		return jdbc.sql("""
				UPDATE analytics_cost SET amount_minor = :amount, currency = :currency, note = :note, updated_at = :now
				WHERE tenant_id = :tenant AND program_id = :program AND cost_month = :month""")
			.param("amount", entry.amountMinor())
			.param("currency", program.currency().getCurrencyCode())
			.param("note", entry.note())
			.param("now", Timestamps.sql(entry.updatedAt()))
			.param("tenant", tenant.value())
			.param("program", program.id().value())
			.param("month", entry.month().atDay(1))
			.update();
	}

	/** The program's entries of the months {@code from} to {@code to}, both included, oldest first. */
	public List<EnteredCost> list(TenantId tenant, Program program, YearMonth from, YearMonth to) {
		return jdbc.sql("""
				SELECT cost_month, amount_minor, note, updated_at FROM analytics_cost
				WHERE tenant_id = :tenant AND program_id = :program AND cost_month >= :from AND cost_month <= :to
				ORDER BY cost_month""")
			.param("tenant", tenant.value())
			.param("program", program.id().value())
			.param("from", from.atDay(1))
			.param("to", to.atDay(1))
			.query((rs, n) -> new EnteredCost(YearMonth.from(rs.getObject(1, LocalDate.class)), rs.getLong(2),
					rs.getString(3), Timestamps.instant(rs.getObject(4, OffsetDateTime.class))))
			.list();
	}

	/** The entered cost of the days {@code from} to {@code to}, prorated as {@link #prorated} says. */
	long between(TenantId tenant, Program program, LocalDate from, LocalDate to) {
		return prorated(list(tenant, program, YearMonth.from(from), YearMonth.from(to)), from, to);
	}

	/**
	 * The cost of the days {@code from} to {@code to}: each month's entry × its days in the period ÷ its days, summed,
	 * then rounded half up to a minor unit.
	 */
	static long prorated(List<EnteredCost> entries, LocalDate from, LocalDate to) {
		BigDecimal total = BigDecimal.ZERO;
		for (EnteredCost entry : entries) {
			LocalDate first = entry.month().atDay(1).isBefore(from) ? from : entry.month().atDay(1);
			LocalDate last = entry.month().atEndOfMonth().isAfter(to) ? to : entry.month().atEndOfMonth();
			if (last.isBefore(first)) {
				continue;
			}
			long days = ChronoUnit.DAYS.between(first, last) + 1;
			total = total.add(BigDecimal.valueOf(entry.amountMinor())
				.multiply(BigDecimal.valueOf(days))
				.divide(BigDecimal.valueOf(entry.month().lengthOfMonth()), 10, RoundingMode.HALF_UP));
		}
		return total.setScale(0, RoundingMode.HALF_UP).longValueExact();
	}
}
