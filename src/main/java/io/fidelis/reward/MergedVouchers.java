package io.fidelis.reward;

import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import io.fidelis.member.MembersMerged;

/**
 * A merge's part in rewards, in the merge's transaction: the duplicate's vouchers that can still be used (held by a
 * checkout too) become the survivor's, so the survivor can use or cancel them (a cancelled one's points go back to
 * the survivor, see the ledger's reversal). Used, cancelled vouchers, redemptions, gift orders, donations and
 * transfers stay the duplicate's history.
 */
@Component
class MergedVouchers {

	private final JdbcClient jdbc;

	MergedVouchers(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@EventListener
	void on(MembersMerged merged) {
		jdbc.sql("""
				UPDATE voucher SET member_id = :survivor
				WHERE tenant_id = :tenant AND member_id = :duplicate AND status = :issued""")
			.param("survivor", merged.survivorId().value())
			.param("tenant", merged.tenantId().value())
			.param("duplicate", merged.duplicateId().value())
			.param("issued", VoucherStatus.ISSUED.name())
			.update();
	}
}
