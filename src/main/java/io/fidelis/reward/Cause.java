package io.fidelis.reward;

import java.time.Instant;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/**
 * A charity cause of a tenant, that members of any of its programs can donate units to.
 *
 * @param retiredAt when an operator closed it to donations (null: open)
 */
public record Cause(UUID id, String code, Texts texts, String imageUrl, Instant retiredAt, Instant createdAt,
		Instant updatedAt) {

	/** The cause's name and description for members, in English and French (at least one name). */
	public record Texts(@Valid Text en, @Valid Text fr) {
	}

	public record Text(@NotBlank @Size(max = 100) String name, @Size(max = 1000) String description) {
	}

	/** The name members read, in their language if the cause has it. */
	String name(String language) {
		Text text = "fr".equals(language) && texts.fr() != null || texts.en() == null ? texts.fr() : texts.en();
		return text.name();
	}
}
