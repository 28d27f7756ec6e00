package io.fidelis.shared;

import java.io.IOException;
import java.util.List;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

/**
 * A request's Content-Type must name one media type: {@code *}{@code /*} or {@code application/*} says nothing of
 * what the body is, and Spring fails on it as on a bug (an {@code IllegalArgumentException} while reading the
 * body). It is refused with 415 before it reaches a controller.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 2)
class ConcreteContentTypes extends OncePerRequestFilter {

	private final JsonMapper json;

	ConcreteContentTypes(JsonMapper json) {
		this.json = json;
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return request.getContentType() == null;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (isWildcard(request.getContentType())) {
			Problem.of(ErrorCode.UNSUPPORTED_MEDIA_TYPE, "Content-Type " + request.getContentType()
					+ " is not a media type; send application/json", request.getRequestURI(), List.of())
				.writeTo(response, json);
			return;
		}
		chain.doFilter(request, response);
	}

	private static boolean isWildcard(String contentType) {
		try {
			MediaType type = MediaType.parseMediaType(contentType);
			return type.isWildcardType() || type.isWildcardSubtype();
		}
		catch (InvalidMediaTypeException unreadable) {
			// Spring MVC refuses it as an unsupported media type.
			return false;
		}
	}
}
