package io.fidelis.shared;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/** The answer to an idempotent request: the first answer, or the stored copy of it when the request is a replay. */
public record IdempotentResponse<T>(T body, HttpStatus status, boolean replayed) {

	public static final String REPLAYED_HEADER = "Idempotent-Replayed";

	public ResponseEntity<T> toResponseEntity() {
		ResponseEntity.BodyBuilder response = ResponseEntity.status(status);
		if (replayed) {
			response.header(REPLAYED_HEADER, "true");
		}
		return response.body(body);
	}
}
