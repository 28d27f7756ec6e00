package io.fidelis.jobs;

import java.util.List;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.fidelis.tenant.Caller;
import io.fidelis.tenant.Scope;

/**
 * The installation's jobs, for operators: what runs when, and what the last run did. Jobs work across all tenants,
 * so this is their job-level view: summaries are totals, and a failed run's error stays in the log and in
 * {@code job_run}, since it may name another tenant's data.
 */
@RestController
@RequestMapping("/api/v1/jobs")
class JobController {

	private final JobBoard board;

	JobController(JobBoard board) {
		this.board = board;
	}

	@GetMapping
	List<JobBoard.JobStatus> list(Caller caller) {
		caller.require(Scope.PROGRAMS_WRITE);
		return board.list();
	}
}
