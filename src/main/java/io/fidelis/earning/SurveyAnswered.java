package io.fidelis.earning;

import java.time.Instant;
import java.util.UUID;

import io.fidelis.shared.TenantId;

/**
 * A member answered a survey with a score from 0 (would not recommend) to 10 (would): a {@code survey} event with the
 * attribute {@code score}. Published in the event's transaction, once per event (a replay publishes nothing).
 *
 * @param storeId the store the survey was answered for, if the event names one
 */
public record SurveyAnswered(TenantId tenantId, UUID memberId, int score, Instant occurredAt, String storeId) {
}
