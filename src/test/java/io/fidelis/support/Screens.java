package io.fidelis.support;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A person at the back-office without a browser: plain HTTP with the session cookie kept by hand (Java's cookie
 * store does not send a Secure cookie over http://localhost, browsers do) and the CSRF token of the last page read
 * sent with each form, as a page's forms would.
 */
public final class Screens {

	private static final HttpClient HTTP = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.followRedirects(HttpClient.Redirect.NEVER)
		.build();
	private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
	/** Spring Security's header for the token, as the pages' {@code _csrf_header} meta names it. */
	private static final String CSRF_HEADER = "X-CSRF-TOKEN";
	private static final Pattern CSRF_META = Pattern.compile("<meta name=\"_csrf\" content=\"([^\"]+)\"");

	private final URI base;
	private final Map<String, String> cookies = new LinkedHashMap<>();
	private String csrf;
	/** The last page read: where a form posted next comes from, as a browser's Referer says. */
	private URI lastPage;

	public Screens(URI base) {
		this.base = base;
	}

	/** A session logged in with these credentials; fails unless the log-in is accepted. */
	public static Screens loggedIn(URI base, String email, String password) {
		Screens screens = new Screens(base);
		Page answer = screens.logIn(email, password);
		if (answer.status() != 302 || answer.location().contains("/login")) {
			throw new AssertionError("log-in of " + email + " refused: " + answer.status() + " " + answer.location());
		}
		// The page a browser goes to next, with the token the log-in renewed.
		screens.get(answer.location());
		return screens;
	}

	public Page logIn(String email, String password) {
		get("/login");
		return post("/login", "email", email, "password", password);
	}

	public record Page(int status, String body, Map<String, List<String>> headers) {

		public String location() {
			return header("Location");
		}

		public String header(String name) {
			return headers.entrySet().stream().filter(entry -> entry.getKey().equalsIgnoreCase(name))
				.flatMap(entry -> entry.getValue().stream()).findFirst().orElse("");
		}

		public List<String> all(String name) {
			return headers.entrySet().stream().filter(entry -> entry.getKey().equalsIgnoreCase(name))
				.flatMap(entry -> entry.getValue().stream()).toList();
		}

		@Override
		public String toString() {
			return status + " " + location() + "\n" + body;
		}
	}

	public Page get(String path) {
		lastPage = base.resolve(path);
		return send(HttpRequest.newBuilder(lastPage).GET());
	}

	/** Posts a form of name, value pairs with the CSRF token of the last page read. */
	public Page post(String path, String... fields) {
		return postWithToken(path, csrf, fields);
	}

	/** Posts a form with this token, or none if it is null: what a forged request from another site sends. */
	public Page postWithToken(String path, String token, String... fields) {
		StringJoiner form = new StringJoiner("&");
		for (int i = 0; i < fields.length; i += 2) {
			form.add(encode(fields[i]) + "=" + encode(fields[i + 1]));
		}
		if (token != null) {
			form.add("_csrf=" + encode(token));
		}
		return send(HttpRequest.newBuilder(base.resolve(path))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.header("Referer", (lastPage == null ? base : lastPage).toString())
			.POST(HttpRequest.BodyPublishers.ofString(form.toString())));
	}

	/**
	 * Posts this body as it is, with this content type and the CSRF token of the last page read in its header, as a
	 * page's script sends a file with {@code fetch}.
	 */
	public Page postBody(String path, String contentType, String body) {
		return postBodyWithToken(path, contentType, body, csrf);
	}

	/** Posts this body with this token in the CSRF header, or with none if it is null. */
	public Page postBodyWithToken(String path, String contentType, String body, String token) {
		HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path))
			.header("Content-Type", contentType)
			.header("Referer", (lastPage == null ? base : lastPage).toString())
			.POST(HttpRequest.BodyPublishers.ofString(body));
		if (token != null) {
			request.header(CSRF_HEADER, token);
		}
		return send(request);
	}

	public String csrf() {
		return csrf;
	}

	public Map<String, String> cookies() {
		return cookies;
	}

	private Page send(HttpRequest.Builder request) {
		if (!cookies.isEmpty()) {
			StringJoiner header = new StringJoiner("; ");
			cookies.forEach((name, value) -> header.add(name + "=" + value));
			request.header("Cookie", header.toString());
		}
		try {
			HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
			for (String setCookie : response.headers().allValues("Set-Cookie")) {
				String pair = setCookie.split(";", 2)[0];
				int equals = pair.indexOf('=');
				String value = pair.substring(equals + 1);
				if (value.isEmpty() || setCookie.toLowerCase().contains("max-age=0")) {
					cookies.remove(pair.substring(0, equals));
				}
				else {
					cookies.put(pair.substring(0, equals), value);
				}
			}
			Matcher token = CSRF.matcher(response.body());
			Matcher meta = CSRF_META.matcher(response.body());
			if (token.find()) {
				csrf = token.group(1);
			}
			else if (meta.find()) {
				csrf = meta.group(1);
			}
			return new Page(response.statusCode(), response.body(), response.headers().map());
		}
		catch (IOException | InterruptedException failed) {
			throw new IllegalStateException(failed);
		}
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}
}
