package io.fidelis.member;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * What a new member gives when joining; identifiers as typed, {@link Members} normalises and checks them.
 *
 * @param labels the member's first labels (see {@link MemberLabels}), or null for none
 */
public record Enrolment(String externalId, String email, String phone, String firstName, String lastName,
		LocalDate birthDate, String locale, boolean marketingConsent, List<String> labels) {

	public Enrolment {
		labels = labels == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(labels));
	}
}
