package io.fidelis.shared;

import java.io.IOException;
import java.util.List;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;
import org.springframework.web.filter.OncePerRequestFilter;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

/**
 * Puts a limit on request bodies ({@code fidelis.api.max-request-size}, 256 KB by default; batches, whose paths end
 * in {@code :batch}, {@code fidelis.api.max-batch-request-size}, 8 MB; CSV imports, under {@code /api/v1/imports/}
 * and the back-office's {@code /admin/data/imports/}, {@code fidelis.api.max-import-request-size}, 10 MB): a declared length above it is refused at once with 413, and a
 * chunked body is cut off when it passes the limit.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class RequestSizeLimit extends OncePerRequestFilter {

	private final long maxRequestBytes;
	private final long maxBatchBytes;
	private final long maxImportBytes;
	private final JsonMapper json;

	RequestSizeLimit(@Value("${fidelis.api.max-request-size:256KB}") DataSize maxSize,
			@Value("${fidelis.api.max-batch-request-size:8MB}") DataSize maxBatchSize,
			@Value("${fidelis.api.max-import-request-size:10MB}") DataSize maxImportSize, JsonMapper json) {
		this.maxRequestBytes = maxSize.toBytes();
		this.maxBatchBytes = maxBatchSize.toBytes();
		this.maxImportBytes = maxImportSize.toBytes();
		this.json = json;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String path = request.getRequestURI();
		long maxBytes = path.startsWith("/api/v1/imports/") || path.startsWith("/admin/data/imports/") ? maxImportBytes
				: path.endsWith(":batch") ? maxBatchBytes : maxRequestBytes;
		if (request.getContentLengthLong() > maxBytes) {
			tooLarge(request, response, maxBytes);
			return;
		}
		LimitedRequest limited = new LimitedRequest(request, maxBytes);
		chain.doFilter(limited, response);
	}

	private void tooLarge(HttpServletRequest request, HttpServletResponse response, long maxBytes)
			throws IOException {
		response.setHeader("Connection", "close");
		Problem.of(ErrorCode.PAYLOAD_TOO_LARGE, "Request bodies are limited to " + maxBytes + " bytes",
				request.getRequestURI(), List.of()).writeTo(response, json);
	}

	/** Reading past the limit fails like a broken stream, which the JSON reader reports as a bad body. */
	private static final class LimitedRequest extends HttpServletRequestWrapper {

		private final long maxBytes;
		private ServletInputStream stream;

		LimitedRequest(HttpServletRequest request, long maxBytes) {
			super(request);
			this.maxBytes = maxBytes;
		}

		@Override
		public ServletInputStream getInputStream() throws IOException {
			if (stream == null) {
				stream = new LimitedInputStream(super.getInputStream(), maxBytes);
			}
			return stream;
		}
	}

	private static final class LimitedInputStream extends ServletInputStream {

		private final ServletInputStream delegate;
		private final long maxBytes;
		private long read;

		LimitedInputStream(ServletInputStream delegate, long maxBytes) {
			this.delegate = delegate;
			this.maxBytes = maxBytes;
		}

		@Override
		public int read() throws IOException {
			int b = delegate.read();
			if (b >= 0) {
				count(1);
			}
			return b;
		}

		@Override
		public int read(byte[] buffer, int offset, int length) throws IOException {
			int n = delegate.read(buffer, offset, length);
			if (n > 0) {
				count(n);
			}
			return n;
		}

		private void count(int n) throws RequestTooLarge {
			read += n;
			if (read > maxBytes) {
				throw new RequestTooLarge(maxBytes);
			}
		}

		@Override
		public boolean isFinished() {
			return delegate.isFinished();
		}

		@Override
		public boolean isReady() {
			return delegate.isReady();
		}

		@Override
		public void setReadListener(ReadListener listener) {
			delegate.setReadListener(listener);
		}
	}

	/** Thrown while reading an over-long chunked body; mapped to 413 by {@code ProblemResponses}. */
	static final class RequestTooLarge extends IOException {

		RequestTooLarge(long maxBytes) {
			super("Request bodies are limited to " + maxBytes + " bytes");
		}
	}
}
