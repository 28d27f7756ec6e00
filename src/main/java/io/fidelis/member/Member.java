package io.fidelis.member;

import java.time.Instant;
import java.time.LocalDate;

import io.fidelis.shared.TenantId;

/**
 * A member of a tenant's loyalty programs. Every identifier but the card number is optional; those given are unique
 * within the tenant and stored normalised (e-mail in lower case, phone in E.164).
 */
public record Member(MemberId id, TenantId tenantId, String cardNumber, String externalId, String email, String phone,
		String firstName, String lastName, LocalDate birthDate, String locale, boolean marketingConsent,
		Instant enrolledAt) {
}
