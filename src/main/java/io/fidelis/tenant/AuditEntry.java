package io.fidelis.tenant;

import java.time.Instant;
import java.util.UUID;

/**
 * One change an operator made: who, when, what, and the thing before and after it as JSON (null where it did not
 * exist, as before a creation).
 *
 * @param action what was done, as {@code <thing>.<verb>}: {@code rule.created}, {@code points.adjusted}
 * @param subjectType the kind of thing changed: {@code rule}, {@code member}, {@code tier-ladder}
 */
public record AuditEntry(UUID id, Instant occurredAt, UUID operatorId, String operatorEmail, String action,
		String subjectType, String subjectId, String summary, String before, String after) {
}
