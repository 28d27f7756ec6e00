package io.fidelis.member;

import java.time.Instant;
import java.time.LocalDate;

import io.fidelis.shared.BusinessException;
import io.fidelis.shared.ErrorCode;
import io.fidelis.shared.TenantId;

/**
 * A member of a tenant's loyalty programs. Every identifier but the card number is optional; those given are unique
 * within the tenant and stored normalised (e-mail in lower case, phone in E.164).
 *
 * @param statusReason why an operator blocked the member, or which member they were merged into; null when active
 * @param mergedInto the member this one was merged into, when {@code status} is {@link MemberStatus#MERGED}
 */
public record Member(MemberId id, TenantId tenantId, String cardNumber, String externalId, String email, String phone,
		String firstName, String lastName, LocalDate birthDate, String locale, boolean marketingConsent,
		Instant enrolledAt, MemberStatus status, String statusReason, MemberId mergedInto) {

	/**
	 * This member, if they may earn and spend: a blocked member is {@link ErrorCode#MEMBER_BLOCKED}, a merged one
	 * {@link ErrorCode#MEMBER_MERGED} (the detail names the member they were merged into).
	 */
	public Member requireActive() {
		return switch (status) {
			case ACTIVE -> this;
			case BLOCKED -> throw new BusinessException(ErrorCode.MEMBER_BLOCKED,
					"Member " + id + " is blocked: " + statusReason);
			case MERGED -> throw merged();
		};
	}

	/**
	 * This member, unless merged ({@link ErrorCode#MEMBER_MERGED}): what an operator may still do to a blocked member
	 * (adjust their balance, put them in a tier) needs only this.
	 */
	public Member requireNotMerged() {
		if (status == MemberStatus.MERGED) {
			throw merged();
		}
		return this;
	}

	private BusinessException merged() {
		return new BusinessException(ErrorCode.MEMBER_MERGED,
				"Member " + id + " was merged into member " + mergedInto + "; use that member");
	}
}
