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
	METHOD_NOT_ALLOWED("method-not-allowed", HttpStatus.METHOD_NOT_ALLOWED, "Method not allowed"),
	NOT_ACCEPTABLE("not-acceptable", HttpStatus.NOT_ACCEPTABLE, "Only JSON responses are available"),
	IDEMPOTENCY_KEY_REUSED("idempotency-key-reused", HttpStatus.CONFLICT,
			"This idempotency key was already used for a different request"),
	MEMBER_EXISTS("member-exists", HttpStatus.CONFLICT, "A member with this identifier already exists"),
	PROGRAM_EXISTS("program-exists", HttpStatus.CONFLICT, "A program with this code already exists"),
	CAMPAIGN_EXISTS("campaign-exists", HttpStatus.CONFLICT, "A campaign with this code already exists"),
	EVENT_TYPE_EXISTS("event-type-exists", HttpStatus.CONFLICT, "This event type already exists"),
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
