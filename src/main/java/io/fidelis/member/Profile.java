package io.fidelis.member;

import java.time.LocalDate;

/**
 * What a member's profile holds that may change after enrolment; contact details as typed, {@link Members}
 * normalises and checks them. A blank e-mail address or phone number removes it.
 */
public record Profile(String email, String phone, String firstName, String lastName, LocalDate birthDate,
		String locale, boolean marketingConsent) {
}
