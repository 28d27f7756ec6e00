package io.fidelis.shared;

import java.io.IOException;
import java.io.Writer;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;
import org.springframework.http.HttpStatus;

import tools.jackson.databind.json.JsonMapper;

/**
 * Tomcat refuses a path it cannot map (an encoded NUL or slash, broken percent-encoding, invalid UTF-8) or a request
 * line it cannot read (too long, characters HTTP does not allow) itself, before any servlet, with an HTML page from its
 * error report valve. Under {@code /api/}, or when the path could not even be read, this valve answers with a problem
 * instead; elsewhere with Tomcat's page, without server details. Installed by {@link TomcatErrorReports}.
 */
public class ProblemErrorReportValve extends ErrorReportValve {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	public ProblemErrorReportValve() {
		setShowReport(false);
		setShowServerInfo(false);
	}

	@Override
	protected void report(Request request, Response response, Throwable throwable) {
		String uri = request.getRequestURI();
		boolean api = uri == null || uri.isEmpty() || uri.startsWith("/api/");
		if (!api || response.getStatus() < 400 || response.getContentWritten() > 0) {
			super.report(request, response, throwable);
			return;
		}
		AtomicBoolean writable = new AtomicBoolean(false);
		response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, writable);
		if (!writable.get()) {
			return;
		}
		HttpStatus status = HttpStatus.resolve(response.getStatus());
		ErrorCode code = status != null && status.is4xxClientError() ? ErrorCode.INVALID_REQUEST
				: ErrorCode.INTERNAL_ERROR;
		String detail = code == ErrorCode.INVALID_REQUEST
				? "The request line is not valid: too long, or with a character or an encoding the server refuses"
				: "This is a bug; it has been logged";
		try {
			response.setStatus(code.status().value());
			response.setContentType(Problem.MEDIA_TYPE);
			response.setCharacterEncoding("UTF-8");
			Writer writer = response.getReporter();
			if (writer != null) {
				writer.write(JSON.writeValueAsString(Problem.of(code, detail, null, List.of())));
				response.finishResponse();
			}
		}
		catch (IOException | IllegalStateException clientGone) {
			// Nothing more can be said to a client that left.
		}
	}
}
