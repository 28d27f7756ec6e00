package io.fidelis.reward;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** Where a physical gift is sent. */
record Shipping(@NotBlank @Size(max = 100) String name, @NotBlank @Size(max = 200) String line1,
		@Size(max = 200) String line2, @NotBlank @Size(max = 20) String postalCode, @NotBlank @Size(max = 100) String city,
		@NotBlank @Pattern(regexp = "[A-Z]{2}", message = "must be an ISO 3166 country code such as FR") String country,
		@Size(max = 30) String phone) {
}
