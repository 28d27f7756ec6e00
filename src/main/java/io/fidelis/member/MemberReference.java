package io.fidelis.member;

import java.util.UUID;

/**
 * How a till or shop names a member in an event: exactly one of the member's id, card number, e-mail, phone or
 * external id.
 */
public record MemberReference(UUID id, String cardNumber, String email, String phone, String externalId) {
}
