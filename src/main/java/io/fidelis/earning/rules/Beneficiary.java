package io.fidelis.earning.rules;

/** Who a rule credits: the event's member, or for a referral, the member who referred them. */
public enum Beneficiary {
	MEMBER, REFERRER
}
