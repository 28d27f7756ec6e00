package io.fidelis.membership;

import java.util.List;

import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import io.fidelis.member.MembersMerged;
import io.fidelis.shared.BusinessException;
import io.fidelis.shared.ErrorCode;

/**
 * Refuses a merge while the duplicate holds a paid membership that has not ended: a subscription is a contract with
 * that member, which an operator cancels (or lets end) before merging, rather than one silently moved or dropped.
 */
@Component
class MergeChecks {

	private final JdbcClient jdbc;

	MergeChecks(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@EventListener
	void on(MembersMerged merged) {
		List<String> open = jdbc.sql("""
				SELECT plan_code FROM membership WHERE tenant_id = :tenant AND member_id = :member
				AND open_plan IS NOT NULL ORDER BY plan_code""")
			.param("tenant", merged.tenantId().value())
			.param("member", merged.duplicateId().value())
			.query(String.class)
			.list();
		if (!open.isEmpty()) {
			throw new BusinessException(ErrorCode.MERGE_REFUSED, "Member " + merged.duplicateId()
					+ " holds memberships that have not ended " + open + ": cancel them before merging");
		}
	}
}
