package io.fidelis.member;

import java.time.LocalDate;

/** What a new member gives when joining; identifiers as typed, {@link Members} normalises and checks them. */
public record Enrolment(String externalId, String email, String phone, String firstName, String lastName,
		LocalDate birthDate, String locale, boolean marketingConsent) {
}
