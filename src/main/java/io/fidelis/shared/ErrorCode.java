package io.fidelis.shared;

import org.springframework.http.HttpStatus;

/**
 * Every way a request can fail, closed. Each code becomes an RFC 9457 problem whose {@code type} is
 * {@code /problems/<slug>}; clients switch on the slug, people read the title and the detail.
 */
public enum ErrorCode {

	INVALID_REQUEST("invalid-request", HttpStatus.BAD_REQUEST, "The request is invalid"),
	MALFORMED_JSON("malformed-json", HttpStatus.BAD_REQUEST, "The request body is not valid JSON"),
	IDEMPOTENCY_KEY_REQUIRED("idempotency-key-required", HttpStatus.BAD_REQUEST, "An Idempotency-Key header is required"),
	UNAUTHENTICATED("unauthenticated", HttpStatus.UNAUTHORIZED, "A valid API key is required"),
	INSUFFICIENT_SCOPE("insufficient-scope", HttpStatus.FORBIDDEN, "The API key does not allow this"),
	NOT_FOUND("not-found", HttpStatus.NOT_FOUND, "No such resource"),
	MEMBER_NOT_FOUND("member-not-found", HttpStatus.NOT_FOUND, "No such member"),
	PROGRAM_NOT_FOUND("program-not-found", HttpStatus.NOT_FOUND, "No such program"),
	PURCHASE_NOT_FOUND("purchase-not-found", HttpStatus.NOT_FOUND, "No such purchase"),
	API_KEY_NOT_FOUND("api-key-not-found", HttpStatus.NOT_FOUND, "No such API key"),
	RULE_NOT_FOUND("rule-not-found", HttpStatus.NOT_FOUND, "No such rule"),
	CAMPAIGN_NOT_FOUND("campaign-not-found", HttpStatus.NOT_FOUND, "No such campaign"),
	HOLD_NOT_FOUND("hold-not-found", HttpStatus.NOT_FOUND, "No such hold"),
	REWARD_NOT_FOUND("reward-not-found", HttpStatus.NOT_FOUND, "No such reward"),
	VOUCHER_NOT_FOUND("voucher-not-found", HttpStatus.NOT_FOUND, "No such voucher"),
	GIFT_ORDER_NOT_FOUND("gift-order-not-found", HttpStatus.NOT_FOUND, "No such gift order"),
	POINT_PAYMENT_NOT_FOUND("point-payment-not-found", HttpStatus.NOT_FOUND, "No such point payment"),
	CAUSE_NOT_FOUND("cause-not-found", HttpStatus.NOT_FOUND, "No such cause"),
	TIER_NOT_FOUND("tier-not-found", HttpStatus.NOT_FOUND, "No such tier"),
	MEMBERSHIP_PLAN_NOT_FOUND("membership-plan-not-found", HttpStatus.NOT_FOUND, "No such membership plan"),
	MEMBERSHIP_NOT_FOUND("membership-not-found", HttpStatus.NOT_FOUND, "No such membership"),
	SEGMENT_NOT_FOUND("segment-not-found", HttpStatus.NOT_FOUND, "No such segment"),
	OPERATOR_NOT_FOUND("operator-not-found", HttpStatus.NOT_FOUND, "No such operator"),
	STORE_NOT_FOUND("store-not-found", HttpStatus.NOT_FOUND, "No such store"),
	IMPORT_NOT_FOUND("import-not-found", HttpStatus.NOT_FOUND, "No such import"),
	METHOD_NOT_ALLOWED("method-not-allowed", HttpStatus.METHOD_NOT_ALLOWED, "Method not allowed"),
	NOT_ACCEPTABLE("not-acceptable", HttpStatus.NOT_ACCEPTABLE, "Only JSON responses are available"),
	IDEMPOTENCY_KEY_REUSED("idempotency-key-reused", HttpStatus.CONFLICT,
			"This idempotency key was already used for a different request"),
	MEMBER_EXISTS("member-exists", HttpStatus.CONFLICT, "A member with this identifier already exists"),
	PROGRAM_EXISTS("program-exists", HttpStatus.CONFLICT, "A program with this code already exists"),
	CAMPAIGN_EXISTS("campaign-exists", HttpStatus.CONFLICT, "A campaign with this code already exists"),
	EVENT_TYPE_EXISTS("event-type-exists", HttpStatus.CONFLICT, "This event type already exists"),
	REWARD_EXISTS("reward-exists", HttpStatus.CONFLICT, "A reward with this code already exists"),
	VOUCHER_REDEEMED("voucher-redeemed", HttpStatus.CONFLICT, "The voucher was already used"),
	VOUCHER_CANCELLED("voucher-cancelled", HttpStatus.CONFLICT, "The voucher was cancelled"),
	VOUCHER_EXPIRED("voucher-expired", HttpStatus.CONFLICT, "The voucher has expired"),
	VOUCHER_HELD("voucher-held", HttpStatus.CONFLICT, "The voucher is held by a checkout"),
	VOUCHER_NOT_HELD("voucher-not-held", HttpStatus.CONFLICT, "The voucher is not held"),
	GIFT_ORDER_STATUS("gift-order-status", HttpStatus.CONFLICT, "The gift order cannot move to this status"),
	TIER_IN_USE("tier-in-use", HttpStatus.CONFLICT, "Members are in a tier the new ladder leaves out"),
	HOLD_RESOLVED("hold-resolved", HttpStatus.CONFLICT, "The hold was already captured, released or expired"),
	HOLD_EXPIRED("hold-expired", HttpStatus.CONFLICT, "The hold has expired"),
	CAUSE_EXISTS("cause-exists", HttpStatus.CONFLICT, "A cause with this code already exists"),
	POINT_PAYMENT_REFUNDED("point-payment-refunded", HttpStatus.CONFLICT, "The point payment was already refunded"),
	POINT_PAYMENT_HELD("point-payment-held", HttpStatus.CONFLICT,
			"The payment's points are held: the till captures or releases its hold"),
	MEMBERSHIP_PLAN_EXISTS("membership-plan-exists", HttpStatus.CONFLICT,
			"A membership plan with this code already exists"),
	MEMBERSHIP_EXISTS("membership-exists", HttpStatus.CONFLICT,
			"The member already holds a membership of this plan that has not ended"),
	MEMBERSHIP_ENDED("membership-ended", HttpStatus.CONFLICT, "The membership was cancelled or has expired"),
	PAYMENT_ALREADY_REPORTED("payment-already-reported", HttpStatus.CONFLICT,
			"A payment with this reference was already reported"),
	OPERATOR_EXISTS("operator-exists", HttpStatus.CONFLICT, "An operator with this e-mail address already exists"),
	LAST_OWNER("last-owner", HttpStatus.CONFLICT, "A tenant keeps at least one active owner"),
	WRONG_PASSWORD("wrong-password", HttpStatus.UNPROCESSABLE_CONTENT, "The current password is not this one"),
	MEMBER_BLOCKED("member-blocked", HttpStatus.CONFLICT,
			"The member is blocked: they earn and spend nothing until an operator unblocks them"),
	MEMBER_MERGED("member-merged", HttpStatus.CONFLICT,
			"The member was merged into another member, who now holds their units and identifiers"),
	MERGE_REFUSED("merge-refused", HttpStatus.CONFLICT, "These members cannot be merged now"),
	CONFLICT("conflict", HttpStatus.CONFLICT, "The request conflicts with existing data"),
	PAYLOAD_TOO_LARGE("payload-too-large", HttpStatus.CONTENT_TOO_LARGE, "The request body is too large"),
	UNSUPPORTED_MEDIA_TYPE("unsupported-media-type", HttpStatus.UNSUPPORTED_MEDIA_TYPE,
			"The request body must be application/json"),
	INVALID_EXPRESSION("invalid-expression", HttpStatus.UNPROCESSABLE_CONTENT,
			"The condition's expression does not compile"),
	INSUFFICIENT_POINTS("insufficient-points", HttpStatus.UNPROCESSABLE_CONTENT, "Not enough points"),
	TOO_MANY_LABELS("too-many-labels", HttpStatus.UNPROCESSABLE_CONTENT, "The member has as many labels as allowed"),
	RETURN_EXCEEDS_PURCHASE("return-exceeds-purchase", HttpStatus.UNPROCESSABLE_CONTENT,
			"The refunded amount exceeds what is left of the purchase"),
	RETURN_MISMATCH("return-mismatch", HttpStatus.UNPROCESSABLE_CONTENT,
			"The return does not match its purchase"),
	REWARD_NOT_YET_VALID("reward-not-yet-valid", HttpStatus.UNPROCESSABLE_CONTENT,
			"The reward cannot be redeemed yet"),
	REWARD_ENDED("reward-ended", HttpStatus.UNPROCESSABLE_CONTENT, "The reward can no longer be redeemed"),
	REWARD_RETIRED("reward-retired", HttpStatus.UNPROCESSABLE_CONTENT, "The reward was retired from the catalog"),
	MEMBER_NOT_ELIGIBLE("member-not-eligible", HttpStatus.UNPROCESSABLE_CONTENT,
			"The member may not redeem this reward"),
	OUT_OF_STOCK("out-of-stock", HttpStatus.UNPROCESSABLE_CONTENT, "The reward is out of stock"),
	REDEMPTION_LIMIT_REACHED("redemption-limit-reached", HttpStatus.UNPROCESSABLE_CONTENT,
			"The member has redeemed this reward as many times as allowed"),
	VOUCHER_NOT_APPLICABLE("voucher-not-applicable", HttpStatus.UNPROCESSABLE_CONTENT,
			"The voucher cannot be used on this basket"),
	CAPTURE_EXCEEDS_HOLD("capture-exceeds-hold", HttpStatus.UNPROCESSABLE_CONTENT,
			"A capture must be more than zero and no more than the hold"),
	CURRENCY_MISMATCH("currency-mismatch", HttpStatus.UNPROCESSABLE_CONTENT,
			"The amount is not in the program's currency"),
	POINT_PAYMENT_BELOW_MINIMUM("point-payment-below-minimum", HttpStatus.UNPROCESSABLE_CONTENT,
			"The payment is below the program's minimum"),
	POINT_PAYMENT_ABOVE_MAX_SHARE("point-payment-above-max-share", HttpStatus.UNPROCESSABLE_CONTENT,
			"The points would pay a larger share of the basket than the program allows"),
	TRANSFER_LIMIT_EXCEEDED("transfer-limit-exceeded", HttpStatus.UNPROCESSABLE_CONTENT,
			"The transfer is larger than the program allows"),
	MONTHLY_TRANSFER_LIMIT_REACHED("monthly-transfer-limit-reached", HttpStatus.UNPROCESSABLE_CONTENT,
			"The member would give more this month than the program allows"),
	CAUSE_RETIRED("cause-retired", HttpStatus.UNPROCESSABLE_CONTENT, "The cause no longer takes donations"),
	MEMBERSHIP_PLAN_RETIRED("membership-plan-retired", HttpStatus.UNPROCESSABLE_CONTENT,
			"The membership plan was retired: no one can start it"),
	PAYMENT_AMOUNT_MISMATCH("payment-amount-mismatch", HttpStatus.UNPROCESSABLE_CONTENT,
			"The amount paid is not the plan's price"),
	SERVICE_UNAVAILABLE("service-unavailable", HttpStatus.SERVICE_UNAVAILABLE,
			"The service is temporarily unavailable; retry with the same idempotency key"),
	INTERNAL_ERROR("internal-error", HttpStatus.INTERNAL_SERVER_ERROR, "An unexpected error occurred");

	private final String slug;
	private final HttpStatus status;
	private final String title;

	ErrorCode(String slug, HttpStatus status, String title) {
		this.slug = slug;
		this.status = status;
		this.title = title;
	}

	public HttpStatus status() {
		return status;
	}

	public String title() {
		return title;
	}

	public String type() {
		return "/problems/" + slug;
	}
}
