package io.fidelis.jobs;

import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import org.springframework.stereotype.Component;

/** The jobs of this installation: every {@link Job} bean, by name. A bad or repeated name stops the start. */
@Component
class Jobs {

	/** {@code module.job}; at most 100 characters, the size of the scheduler's and the history's columns. */
	private static final Pattern NAME = Pattern.compile("(?=.{3,100}$)[a-z][a-z0-9-]*(\\.[a-z][a-z0-9-]*)+");

	private final List<Job> all;

	Jobs(List<Job> jobs) {
		this.all = jobs.stream().sorted(Comparator.comparing(Job::name)).toList();
		Set<String> names = new HashSet<>();
		for (Job job : all) {
			if (!NAME.matcher(job.name()).matches()) {
				throw new IllegalStateException("job name '" + job.name() + "' is not module.job in lower case");
			}
			if (!names.add(job.name())) {
				throw new IllegalStateException("two jobs are named '" + job.name() + "'");
			}
		}
	}

	/** By name. */
	List<Job> all() {
		return all;
	}
}
