package io.fidelis.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

/** Assertions on RFC 9457 problem answers. */
public final class Problems {

	private Problems() {
	}

	/** The answer is a problem+json of this status and type, with a title and a detail for people. */
	public static void assertProblem(Api.Response response, int status, String type) {
		assertThat(response.status()).as(response.toString()).isEqualTo(status);
		assertThat(response.header("Content-Type")).as(response.toString()).startsWith("application/problem+json");
		assertThat(response.text("/type")).as(response.toString()).isEqualTo(type);
		assertThat(response.number("/status")).isEqualTo(status);
		assertThat(response.text("/title")).isNotBlank();
		assertThat(response.text("/detail")).isNotBlank();
	}

	/**
	 * Of racing requests, exactly {@code winners} succeeded with {@code success}, and every other one was refused with
	 * this problem: the outcome a lock or a conditional update must give.
	 */
	public static void assertRaceWon(List<Api.Response> answers, int success, int winners, int refused,
			String type) {
		assertThat(answers).filteredOn(answer -> answer.status() == success).hasSize(winners);
		answers.stream()
			.filter(answer -> answer.status() != success)
			.forEach(answer -> assertProblem(answer, refused, type));
	}

	/** The fields the problem's {@code errors} name, in order. */
	public static List<String> fields(Api.Response response) {
		List<String> fields = new ArrayList<>();
		response.json().path("errors").forEach(error -> fields.add(error.path("field").asString()));
		return fields;
	}
}
