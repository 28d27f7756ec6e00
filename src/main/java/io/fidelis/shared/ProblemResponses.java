package io.fidelis.shared;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.apache.tomcat.util.http.InvalidParameterException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;
import org.springframework.validation.method.ParameterValidationResult;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingPathVariableException;
import org.springframework.web.bind.MissingRequestHeaderException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

import jakarta.servlet.http.HttpServletRequest;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.InputCoercionException;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.exc.ValueInstantiationException;

/**
 * The one place where failures become HTTP answers: a {@link BusinessException} by its {@link ErrorCode}, malformed
 * input as a 400 that names the field, a database outage as a 503. Anything else is a bug: logged, answered 500.
 * The screens ({@code io.fidelis.web}) tell their refusals on the page instead, through an advice placed before this.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
class ProblemResponses {

	private static final Logger log = LoggerFactory.getLogger(ProblemResponses.class);

	@ExceptionHandler(BusinessException.class)
	ResponseEntity<Problem> business(BusinessException failure, HttpServletRequest request) {
		return problem(failure.code(), failure.getMessage(), failure.errors(), request);
	}

	@ExceptionHandler(HttpMessageNotReadableException.class)
	ResponseEntity<Problem> unreadable(HttpMessageNotReadableException failure, HttpServletRequest request) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof RequestSizeLimit.RequestTooLarge tooLarge) {
				return problem(ErrorCode.PAYLOAD_TOO_LARGE, tooLarge.getMessage(), List.of(), request);
			}
		}
		Throwable cause = failure.getCause();
		if (cause instanceof ValueInstantiationException instantiation
				&& instantiation.getCause() instanceof BusinessException business) {
			return business(business, request);
		}
		if (cause instanceof StreamReadException read && !(cause instanceof InputCoercionException)
				&& !(cause instanceof StreamConstraintsException)) {
			return problem(ErrorCode.MALFORMED_JSON, JsonFailures.malformed(read), List.of(), request);
		}
		if (cause instanceof JacksonException jackson) {
			return invalidFields(List.of(JsonFailures.fieldError(jackson)), request);
		}
		return problem(ErrorCode.MALFORMED_JSON, "A JSON request body is required", List.of(), request);
	}

	@ExceptionHandler(MethodArgumentNotValidException.class)
	ResponseEntity<Problem> invalid(MethodArgumentNotValidException failure, HttpServletRequest request) {
		List<FieldError> errors = failure.getBindingResult()
			.getFieldErrors()
			.stream()
			.map(error -> new FieldError(error.getField(), error.getDefaultMessage()))
			.sorted(Comparator.comparing(FieldError::field))
			.toList();
		return invalidFields(errors, request);
	}

	@ExceptionHandler(HandlerMethodValidationException.class)
	ResponseEntity<Problem> invalidParameters(HandlerMethodValidationException failure, HttpServletRequest request) {
		List<FieldError> errors = new ArrayList<>();
		for (ParameterValidationResult result : failure.getParameterValidationResults()) {
			String name = result.getMethodParameter().getParameterName();
			result.getResolvableErrors()
				.forEach(error -> errors.add(new FieldError(name, error.getDefaultMessage())));
		}
		return invalidFields(errors, request);
	}

	@ExceptionHandler(MissingServletRequestParameterException.class)
	ResponseEntity<Problem> missingParameter(MissingServletRequestParameterException failure,
			HttpServletRequest request) {
		return invalidFields(List.of(new FieldError(failure.getParameterName(), "is required")), request);
	}

	/** A path variable that is blank, such as {@code /members/%20}, converts to null: the client's mistake. */
	@ExceptionHandler(MissingPathVariableException.class)
	ResponseEntity<Problem> missingPathVariable(MissingPathVariableException failure, HttpServletRequest request) {
		if (!failure.isMissingAfterConversion()) {
			return bug(failure, request);
		}
		return invalidFields(List.of(new FieldError(failure.getVariableName(), "must not be blank")), request);
	}

	/** A form body (to an API that reads JSON) or a query string that Tomcat cannot decode, read by Spring MVC. */
	@ExceptionHandler(InvalidParameterException.class)
	ResponseEntity<Problem> undecodableParameters(InvalidParameterException failure, HttpServletRequest request) {
		return problem(ErrorCode.INVALID_REQUEST, "The parameters of the request cannot be decoded", List.of(), request);
	}

	@ExceptionHandler(MissingRequestHeaderException.class)
	ResponseEntity<Problem> missingHeader(MissingRequestHeaderException failure, HttpServletRequest request) {
		return invalidFields(List.of(new FieldError(failure.getHeaderName() + " header", "is required")), request);
	}

	@ExceptionHandler(MethodArgumentTypeMismatchException.class)
	ResponseEntity<Problem> typeMismatch(MethodArgumentTypeMismatchException failure, HttpServletRequest request) {
		String message = "'" + failure.getValue() + "' is not a valid "
				+ JsonFailures.describe(failure.getRequiredType());
		return invalidFields(List.of(new FieldError(failure.getName(), message)), request);
	}

	@ExceptionHandler(HttpRequestMethodNotSupportedException.class)
	ResponseEntity<Problem> methodNotAllowed(HttpRequestMethodNotSupportedException failure,
			HttpServletRequest request) {
		String allowed = String.join(", ",
				failure.getSupportedMethods() == null ? new String[0] : failure.getSupportedMethods());
		return ResponseEntity.status(ErrorCode.METHOD_NOT_ALLOWED.status())
			.header("Allow", allowed)
			.contentType(MediaType.parseMediaType(Problem.MEDIA_TYPE))
			.body(Problem.of(ErrorCode.METHOD_NOT_ALLOWED,
					request.getMethod() + " is not allowed here; allowed: " + allowed, request.getRequestURI(),
					List.of()));
	}

	@ExceptionHandler(HttpMediaTypeNotSupportedException.class)
	ResponseEntity<Problem> unsupportedMediaType(HttpMediaTypeNotSupportedException failure,
			HttpServletRequest request) {
		// The CSV imports read text/csv; everything else reads JSON.
		String supported = failure.getSupportedMediaTypes().isEmpty() ? "application/json"
				: String.join(" or ", failure.getSupportedMediaTypes().stream().map(MediaType::toString).toList());
		return problem(ErrorCode.UNSUPPORTED_MEDIA_TYPE, "Content-Type " + failure.getContentType()
				+ " is not supported; send " + supported, List.of(), request);
	}

	@ExceptionHandler(HttpMediaTypeNotAcceptableException.class)
	ResponseEntity<Problem> notAcceptable(HttpMediaTypeNotAcceptableException failure, HttpServletRequest request) {
		return problem(ErrorCode.NOT_ACCEPTABLE, "Accept application/json", List.of(), request);
	}

	@ExceptionHandler(NoResourceFoundException.class)
	ResponseEntity<Problem> noResource(NoResourceFoundException failure, HttpServletRequest request) {
		return problem(ErrorCode.NOT_FOUND, "Nothing at " + request.getRequestURI(), List.of(), request);
	}

	@ExceptionHandler(DuplicateKeyException.class)
	ResponseEntity<Problem> duplicate(DuplicateKeyException failure, HttpServletRequest request) {
		log.info("Unique constraint refused a write to {}: {}", request.getRequestURI(), failure.getMessage());
		return problem(ErrorCode.CONFLICT, "A concurrent request created the same data; retry", List.of(), request);
	}

	@ExceptionHandler({ CannotGetJdbcConnectionException.class, CannotCreateTransactionException.class,
			DataAccessResourceFailureException.class, TransientDataAccessException.class,
			QueryTimeoutException.class })
	ResponseEntity<Problem> unavailable(Exception failure, HttpServletRequest request) {
		log.warn("Database unavailable for {}: {}", request.getRequestURI(), failure.getMessage());
		return ResponseEntity.status(ErrorCode.SERVICE_UNAVAILABLE.status())
			.header("Retry-After", "1")
			.contentType(MediaType.parseMediaType(Problem.MEDIA_TYPE))
			.body(Problem.of(ErrorCode.SERVICE_UNAVAILABLE, "The database did not answer; nothing was written",
					request.getRequestURI(), List.of()));
	}

	/**
	 * The connection died while the transaction ended: whether a commit reached the database cannot be known here,
	 * so the answer says so; the idempotency key makes the retry safe either way.
	 */
	@ExceptionHandler(TransactionSystemException.class)
	ResponseEntity<Problem> connectionLost(TransactionSystemException failure, HttpServletRequest request) {
		log.warn("Database connection lost for {}: {}", request.getRequestURI(), failure.getMessage());
		return ResponseEntity.status(ErrorCode.SERVICE_UNAVAILABLE.status())
			.header("Retry-After", "1")
			.contentType(MediaType.parseMediaType(Problem.MEDIA_TYPE))
			.body(Problem.of(ErrorCode.SERVICE_UNAVAILABLE,
					"The connection to the database failed as the request ended; retry with the same idempotency key "
							+ "(a request that was written is then answered as it was the first time)",
					request.getRequestURI(), List.of()));
	}

	@ExceptionHandler(Exception.class)
	ResponseEntity<Problem> bug(Exception failure, HttpServletRequest request) {
		log.error("Unexpected failure on {} {}", request.getMethod(), request.getRequestURI(), failure);
		return problem(ErrorCode.INTERNAL_ERROR, "This is a bug; it has been logged", List.of(), request);
	}

	private ResponseEntity<Problem> invalidFields(List<FieldError> errors, HttpServletRequest request) {
		Problem problem = Problem.invalid(errors, request.getRequestURI());
		return ResponseEntity.status(problem.status())
			.contentType(MediaType.parseMediaType(Problem.MEDIA_TYPE))
			.body(problem);
	}

	private static ResponseEntity<Problem> problem(ErrorCode code, String detail, List<FieldError> errors,
			HttpServletRequest request) {
		return ResponseEntity.status(code.status())
			.contentType(MediaType.parseMediaType(Problem.MEDIA_TYPE))
			.body(Problem.of(code, detail, request.getRequestURI(), errors));
	}
}
