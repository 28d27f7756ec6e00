package io.fidelis.shared;

import java.io.IOException;
import java.util.List;
import java.util.Map;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.web.WebProperties;
import org.springframework.boot.webmvc.autoconfigure.error.BasicErrorController;
import org.springframework.boot.webmvc.autoconfigure.error.ErrorViewResolver;
import org.springframework.boot.webmvc.error.ErrorAttributes;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.servlet.ModelAndView;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

/**
 * Failures the servlet container answers itself, before Spring MVC and {@link ProblemResponses}: a query string that
 * is not valid percent-encoded UTF-8, a TRACE request, an exception in a filter. Under {@code /api/} they are problems
 * like every other failure; elsewhere Spring Boot's error page or JSON.
 */
@Controller
class ContainerErrors extends BasicErrorController {

	private final JsonMapper json;

	ContainerErrors(ErrorAttributes errorAttributes, WebProperties web, ObjectProvider<ErrorViewResolver> resolvers,
			JsonMapper json) {
		super(errorAttributes, web.getError(), resolvers.orderedStream().toList());
		this.json = json;
	}

	@Override
	public ModelAndView errorHtml(HttpServletRequest request, HttpServletResponse response) {
		if (!isApi(request)) {
			return super.errorHtml(request, response);
		}
		Problem problem = problem(request);
		try {
			problem.writeTo(response, json);
		}
		catch (IOException clientGone) {
			// Nothing more can be said to a client that left.
		}
		return null;
	}

	@Override
	@SuppressWarnings("unchecked")
	public ResponseEntity<Map<String, Object>> error(HttpServletRequest request) {
		if (!isApi(request)) {
			return super.error(request);
		}
		Problem problem = problem(request);
		return ResponseEntity.status(problem.status())
			.contentType(MediaType.parseMediaType(Problem.MEDIA_TYPE))
			.body(json.convertValue(problem, Map.class));
	}

	private static boolean isApi(HttpServletRequest request) {
		Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
		return uri instanceof String path && path.startsWith("/api/");
	}

	private Problem problem(HttpServletRequest request) {
		HttpStatus status = getStatus(request);
		ErrorCode code = switch (status) {
			case NOT_FOUND -> ErrorCode.NOT_FOUND;
			case METHOD_NOT_ALLOWED -> ErrorCode.METHOD_NOT_ALLOWED;
			case NOT_ACCEPTABLE -> ErrorCode.NOT_ACCEPTABLE;
			case CONTENT_TOO_LARGE -> ErrorCode.PAYLOAD_TOO_LARGE;
			case UNSUPPORTED_MEDIA_TYPE -> ErrorCode.UNSUPPORTED_MEDIA_TYPE;
			case SERVICE_UNAVAILABLE -> ErrorCode.SERVICE_UNAVAILABLE;
			default -> status.is4xxClientError() ? ErrorCode.INVALID_REQUEST : ErrorCode.INTERNAL_ERROR;
		};
		String detail = switch (code) {
			case INVALID_REQUEST -> "The request cannot be read: its query string or headers are malformed";
			case METHOD_NOT_ALLOWED -> request.getMethod() + " is not allowed here";
			case INTERNAL_ERROR -> "This is a bug; it has been logged";
			default -> code.title();
		};
		return Problem.of(code, detail, (String) request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI),
				List.of());
	}
}
