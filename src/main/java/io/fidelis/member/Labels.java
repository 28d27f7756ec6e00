package io.fidelis.member;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * The labels a member must carry ({@link MemberLabels}): at least one of {@code anyOf}, every one of {@code allOf},
 * none of {@code noneOf}. A list left out asks nothing; at least one list must name a label.
 */
public record Labels(@Size(max = MemberLabels.MAX_PER_MEMBER) List<@NotNull @Pattern(regexp = MemberLabels.SYNTAX,
		message = MemberLabels.SYNTAX_MESSAGE) String> anyOf,
		@Size(max = MemberLabels.MAX_PER_MEMBER) List<@NotNull @Pattern(regexp = MemberLabels.SYNTAX,
				message = MemberLabels.SYNTAX_MESSAGE) String> allOf,
		@Size(max = MemberLabels.MAX_PER_MEMBER) List<@NotNull @Pattern(regexp = MemberLabels.SYNTAX,
				message = MemberLabels.SYNTAX_MESSAGE) String> noneOf) {

	/** Whether no list names a label, which would ask nothing. */
	public boolean empty() {
		return none(anyOf) && none(allOf) && none(noneOf);
	}

	/** Why a member with these labels does not match, or null if they do. */
	public String failure(Set<String> labels) {
		if (!none(anyOf) && anyOf.stream().noneMatch(labels::contains)) {
			return "the member has none of the labels " + sorted(anyOf);
		}
		if (!none(allOf) && !labels.containsAll(allOf)) {
			return "the member lacks " + sorted(allOf.stream().filter(label -> !labels.contains(label)).toList())
					+ " of the labels " + sorted(allOf);
		}
		if (!none(noneOf) && noneOf.stream().anyMatch(labels::contains)) {
			return "the member has " + sorted(noneOf.stream().filter(labels::contains).toList())
					+ " of the excluded labels " + sorted(noneOf);
		}
		return null;
	}

	private static boolean none(List<String> labels) {
		return labels == null || labels.isEmpty();
	}

	private static String sorted(List<String> labels) {
		return labels.stream().sorted().distinct().collect(Collectors.joining(", ", "[", "]"));
	}
}
