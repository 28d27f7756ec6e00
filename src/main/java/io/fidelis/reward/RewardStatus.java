package io.fidelis.reward;

/** Whether a reward can be redeemed now, and if not, why. */
public enum RewardStatus {
	AVAILABLE, SCHEDULED, ENDED, SOLD_OUT, RETIRED
}
