package io.fidelis.earning.rules;

/** A reward a fired rule gives: {@code quantity} of the catalog's reward {@code reward}. */
public record RewardIssue(String reward, int quantity) {
}
