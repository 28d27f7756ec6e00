package io.fidelis.analytics;

import java.io.IOException;
import java.util.UUID;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.fidelis.tenant.Caller;
import io.fidelis.tenant.Scope;
import jakarta.servlet.http.HttpServletResponse;

/**
 * CSV exports through the API ({@link CsvExports}): the members, a member's statement, a segment's members. The
 * request is checked before the first byte is written, so that a wrong one is still a problem.
 */
@RestController
class ExportController {

	private final CsvExports exports;

	ExportController(CsvExports exports) {
		this.exports = exports;
	}

	/**
	 * Every member, newest first, with their balances and tier in one program ({@code program}: by default the
	 * {@code points} program, or the tenant's first) and their RFM segment.
	 */
	@GetMapping("/api/v1/exports/members")
	void members(Caller caller, @RequestParam(required = false) String program, HttpServletResponse response)
			throws IOException {
		exports.members(caller.require(Scope.MEMBERS_READ), program).writeTo(response);
	}

	/**
	 * The member's statement, newest first, in every program: what each transaction did to their available and
	 * pending balances, and why, in the member's language.
	 */
	@GetMapping("/api/v1/exports/members/{memberId}/statement")
	void statement(Caller caller, @PathVariable UUID memberId, HttpServletResponse response) throws IOException {
		exports.statement(caller.require(Scope.MEMBERS_READ), memberId).writeTo(response);
	}

	/** The members of an RFM segment, by member id, with their scores and the figures behind them. */
	@GetMapping("/api/v1/exports/segments/{segment}/members")
	void segment(Caller caller, @PathVariable String segment, HttpServletResponse response) throws IOException {
		exports.segment(caller.require(Scope.MEMBERS_READ), segment).writeTo(response);
	}
}
