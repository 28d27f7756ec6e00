package io.fidelis.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import io.fidelis.FidelisApplication;

/**
 * The service as an operating-system process of its own, on this test run's classpath, with a bootstrap tenant and
 * its API key, so that a test can kill it, restart it, or take its database away.
 */
public final class ServiceProcess {

	private final Process process;
	private final Api api;

	private ServiceProcess(Process process, Api api) {
		this.process = process;
		this.api = api;
	}

	/** A fresh API key for a bootstrap tenant. */
	public static String newKey() {
		return "fid_test" + UUID.randomUUID().toString().replace("-", "") + "00000000000";
	}

	/**
	 * Starts the service and waits until it answers to the bootstrap key. Its H2 file database, log and data go in
	 * {@code dataDir}; {@code environment} adds to or overrides the variables it starts with (FIDELIS_DB_URL for
	 * PostgreSQL).
	 */
	public static ServiceProcess start(Path dataDir, String tenant, String key, Map<String, String> environment)
			throws IOException, InterruptedException {
		int port;
		try (ServerSocket free = new ServerSocket(0)) {
			port = free.getLocalPort();
		}
		String java = ProcessHandle.current().info().command().orElse("java");
		ProcessBuilder builder = new ProcessBuilder(java, "-Xmx512m", "-cp", System.getProperty("java.class.path"),
				FidelisApplication.class.getName())
			.redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.appendTo(dataDir.resolve("service.log").toFile()));
		Map<String, String> variables = builder.environment();
		variables.put("SERVER_PORT", Integer.toString(port));
		variables.put("FIDELIS_DATA_DIR", dataDir.toString());
		variables.put("FIDELIS_BOOTSTRAP_TENANT", tenant);
		variables.put("FIDELIS_BOOTSTRAP_API_KEY", key);
		variables.put("FIDELIS_JOBS_ENABLED", "false");
		variables.putAll(environment);
		Process process = builder.start();
		Api api = new Api(URI.create("http://127.0.0.1:" + port + "/"), key);
		Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
		while (true) {
			try {
				// Not the health endpoint: it answers as soon as the web server listens, before the bootstrap tenant
				// and its key are made.
				if (api.get("/api/v1/programs").status() == 200) {
					return new ServiceProcess(process, api);
				}
			}
			catch (IllegalStateException notYet) {
				// Not listening yet.
			}
			if (!process.isAlive() || Instant.now().isAfter(deadline)) {
				process.destroyForcibly();
				throw new IllegalStateException("the service did not start; see " + dataDir.resolve("service.log"));
			}
			Thread.sleep(200);
		}
	}

	public Api api() {
		return api;
	}

	/** SIGKILL: no shutdown hook, no connection closed, no transaction finished. */
	public void kill() throws InterruptedException {
		process.destroyForcibly();
		assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
	}

	public void stop() throws InterruptedException {
		process.destroy();
		if (!process.waitFor(30, TimeUnit.SECONDS)) {
			process.destroyForcibly();
		}
	}
}
