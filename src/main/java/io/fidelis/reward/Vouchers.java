package io.fidelis.reward;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import io.fidelis.shared.BusinessException;
import io.fidelis.shared.ErrorCode;
import io.fidelis.shared.Ids;
import io.fidelis.shared.PageRequest;
import io.fidelis.shared.TenantId;
import io.fidelis.shared.Timestamps;
import tools.jackson.databind.json.JsonMapper;

/** Vouchers: issued by redemptions, found by code, burnt or cancelled once. */
@Repository
class Vouchers {

	/** Sanity: a collision among 31^8 or more codes is rare; several in a row mean something else is wrong. */
	private static final int MAX_CODE_ATTEMPTS = 5;

	private static final String COLUMNS = """
			id, code, redemption_id, reward_id, member_id, status, terms, expires_at, created_at, redeemed_at,
			redeemed_store, redeemed_reference, discount, cancelled_at, hold_id, held_until""";

	private final JdbcClient jdbc;
	private final JsonMapper json;
	private final Clock clock;

	Vouchers(JdbcClient jdbc, JsonMapper json, Clock clock) {
		this.jdbc = jdbc;
		this.json = json;
		this.clock = clock;
	}

	Voucher issue(TenantId tenant, UUID redemptionId, Reward reward, UUID memberId, VoucherOffer offer,
			Instant expiresAt) {
		RewardDefinition.VoucherTerms terms = reward.definition().voucher();
		String prefix = terms == null ? null : terms.prefix();
		int length = terms == null || terms.length() == null ? VoucherCodes.DEFAULT_LENGTH : terms.length();
		Instant now = clock.instant();
		UUID id = Ids.newId(clock);
		for (int attempt = 1; attempt <= MAX_CODE_ATTEMPTS; attempt++) {
			String code = VoucherCodes.next(prefix, length);
			int inserted = jdbc.sql("""
					INSERT INTO voucher (id, tenant_id, code, redemption_id, reward_id, member_id, status, terms,
					expires_at, created_at)
					VALUES (:id, :tenant, :code, :redemption, :reward, :member, 'ISSUED', :terms, :expiresAt, :now)
					ON CONFLICT DO NOTHING""")
				.param("id", id)
				.param("tenant", tenant.value())
				.param("code", code)
				.param("redemption", redemptionId)
				.param("reward", reward.id())
				.param("member", memberId)
				.param("terms", json.writeValueAsString(offer))
				.param("expiresAt", Timestamps.sql(expiresAt))
				.param("now", Timestamps.sql(now))
				.update();
			if (inserted == 1) {
				return new Voucher(id, code, redemptionId, reward.id(), memberId, VoucherStatus.ISSUED, offer,
						expiresAt, now, null, null, null, null, null, null, null);
			}
		}
		throw new IllegalStateException("no free voucher code after " + MAX_CODE_ATTEMPTS + " attempts");
	}

	Voucher get(TenantId tenant, String code) {
		return find(tenant, code, "").orElseThrow(() -> notFound(code));
	}

	/** Locks the voucher's row until the transaction ends: a second till trying the same code waits, then sees it. */
	Voucher lock(TenantId tenant, String code) {
		return find(tenant, code, " FOR UPDATE").orElseThrow(() -> notFound(code));
	}

	List<Voucher> ofRedemption(TenantId tenant, UUID redemptionId) {
		return jdbc.sql("SELECT " + COLUMNS + " FROM voucher WHERE tenant_id = :tenant AND redemption_id = :redemption "
				+ "ORDER BY code")
			.param("tenant", tenant.value())
			.param("redemption", redemptionId)
			.query(this::voucher)
			.list();
	}

	/** A page of the member's vouchers, newest first. */
	List<Voucher> ofMember(TenantId tenant, UUID memberId, PageRequest page) {
		return jdbc.sql("SELECT " + COLUMNS + " FROM voucher WHERE tenant_id = :tenant AND member_id = :member"
				+ page.condition("created_at", "id") + " ORDER BY created_at DESC, id DESC LIMIT :limit")
			.param("tenant", tenant.value())
			.param("member", memberId)
			.param("before", Timestamps.sql(page.before()))
			.param("beforeId", page.beforeId())
			.param("limit", page.fetchSize())
			.query(this::voucher)
			.list();
	}

	void markRedeemed(Voucher voucher, long discount, String store, String reference) {
		changeIssued(voucher, jdbc.sql("""
				UPDATE voucher SET status = 'REDEEMED', redeemed_at = :now, discount = :discount,
				redeemed_store = :store, redeemed_reference = :reference
				WHERE id = :id AND status = 'ISSUED'""")
			.param("discount", discount)
			.param("store", store)
			.param("reference", reference));
	}

	/** A voucher of some tenant: for the jobs that work across the installation. */
	record Due(TenantId tenant, String code) {
	}

	/** Issued vouchers whose expiry has come by {@code now}, soonest first, at most {@code limit}. */
	List<Due> expiredBy(Instant now, int limit) {
		return jdbc.sql("""
				SELECT tenant_id, code FROM voucher WHERE status = 'ISSUED' AND expires_at <= :now
				ORDER BY expires_at LIMIT :limit""")
			.param("now", Timestamps.sql(now))
			.param("limit", limit)
			.query((rs, n) -> new Due(new TenantId(rs.getObject("tenant_id", UUID.class)), rs.getString("code")))
			.list();
	}

	void markExpired(Voucher voucher) {
		changeIssued(voucher, jdbc.sql("UPDATE voucher SET status = 'EXPIRED' WHERE id = :id AND status = 'ISSUED'"));
	}

	void markCancelled(Voucher voucher) {
		changeIssued(voucher, jdbc.sql("""
				UPDATE voucher SET status = 'CANCELLED', cancelled_at = :now WHERE id = :id AND status = 'ISSUED'"""));
	}

	/** Places a hold until {@code until}, or (with nulls) ends it. */
	void hold(Voucher voucher, UUID holdId, Instant until) {
		jdbc.sql("UPDATE voucher SET hold_id = :hold, held_until = :until WHERE id = :id")
			.param("hold", holdId)
			.param("until", Timestamps.sql(until))
			.param("id", voucher.id())
			.update();
	}

	private void changeIssued(Voucher voucher, JdbcClient.StatementSpec update) {
		int updated = update.param("now", Timestamps.sql(clock.instant())).param("id", voucher.id()).update();
		if (updated != 1) {
			throw new IllegalStateException("voucher " + voucher.id() + " changed under its lock");
		}
	}

	private Optional<Voucher> find(TenantId tenant, String code, String lock) {
		return jdbc.sql("SELECT " + COLUMNS + " FROM voucher WHERE tenant_id = :tenant AND code = :code" + lock)
			.param("tenant", tenant.value())
			.param("code", VoucherCodes.normalize(code))
			.query(this::voucher)
			.optional();
	}

	private static BusinessException notFound(String code) {
		return new BusinessException(ErrorCode.VOUCHER_NOT_FOUND, "No voucher with code '" + code + "'");
	}

	private Voucher voucher(ResultSet rs, int row) throws SQLException {
		return new Voucher(rs.getObject("id", UUID.class), rs.getString("code"),
				rs.getObject("redemption_id", UUID.class), rs.getObject("reward_id", UUID.class),
				rs.getObject("member_id", UUID.class), VoucherStatus.valueOf(rs.getString("status")),
				json.readValue(rs.getString("terms"), VoucherOffer.class),
				Timestamps.instant(rs.getObject("expires_at", OffsetDateTime.class)),
				Timestamps.instant(rs.getObject("created_at", OffsetDateTime.class)),
				Timestamps.instant(rs.getObject("redeemed_at", OffsetDateTime.class)), rs.getString("redeemed_store"),
				rs.getString("redeemed_reference"), (Long) rs.getObject("discount", Long.class),
				Timestamps.instant(rs.getObject("cancelled_at", OffsetDateTime.class)),
				rs.getObject("hold_id", UUID.class), Timestamps.instant(rs.getObject("held_until", OffsetDateTime.class)));
	}
}
