package io.fidelis.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/**
 * Points integration tests at their database: an in-memory H2 by default, or, when the system property
 * {@code fidelis.test.database} is {@code postgres}, a fresh PostgreSQL database created for this test run on the
 * server {@code fidelis.test.postgres} names (a JDBC URL), and dropped when the run ends. Each run owns its database,
 * so it never depends on what an earlier run left on a shared server.
 */
public class TestDatabase implements ApplicationContextInitializer<ConfigurableApplicationContext> {

	// LOCK_TIMEOUT: the concurrency tests race up to a hundred requests for one row, and on a small, busy machine the
	// last in line may wait longer than the service's 10 seconds; waiting is what they test, not a failure.
	private static final String H2_URL = "jdbc:h2:mem:fidelis;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;"
			+ "DEFAULT_NULL_ORDERING=HIGH;LOCK_TIMEOUT=60000;DB_CLOSE_DELAY=-1";
	private static String postgresUrl;

	public static boolean isPostgres() {
		return "postgres".equals(System.getProperty("fidelis.test.database"));
	}

	/**
	 * The PostgreSQL database of this run, for a service started as a separate process; empty on H2, whose test
	 * database lives in this JVM's memory (such a process then gets a database of its own).
	 */
	public static Optional<String> postgresUrl() {
		return isPostgres() ? Optional.of(postgres()) : Optional.empty();
	}

	@Override
	public void initialize(ConfigurableApplicationContext context) {
		String url = isPostgres() ? postgres() : H2_URL;
		context.getEnvironment()
			.getPropertySources()
			.addFirst(new MapPropertySource("testDatabase", Map.of("spring.datasource.url", url,
					"spring.datasource.username", isPostgres() ? "postgres" : "sa", "spring.datasource.password", "",
					"spring.datasource.hikari.maximum-pool-size", "10",
					// Races of up to a hundred requests share these ten connections on a busy machine: they wait
					// their turn longer than the 5 s a till waits in production.
					"spring.datasource.hikari.connection-timeout", "60000")));
	}

	private static synchronized String postgres() {
		if (postgresUrl == null) {
			postgresUrl = newPostgres();
		}
		return postgresUrl;
	}

	/**
	 * A new, empty PostgreSQL database on the run's server, dropped when the JVM exits: for service processes that
	 * must set a database up themselves (the suite's own is migrated already).
	 */
	public static String newPostgres() {
		String server = System.getProperty("fidelis.test.postgres", "");
		if (server.isBlank()) {
			throw new IllegalStateException("fidelis.test.database=postgres needs fidelis.test.postgres, "
					+ "a JDBC URL of a PostgreSQL server, e.g. jdbc:postgresql://127.0.0.1:5432/test?user=postgres");
		}
		String name = "fidelis_test_" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMddHHmmss"))
				+ "_" + UUID.randomUUID().toString().substring(0, 8);
		execute(server, "CREATE DATABASE " + name);
		Runtime.getRuntime().addShutdownHook(new Thread(() -> drop(server, name)));
		int path = server.indexOf('/', "jdbc:postgresql://".length());
		int query = server.indexOf('?', path);
		return server.substring(0, path + 1) + name + (query < 0 ? "" : server.substring(query));
	}

	/**
	 * Runs at JVM exit, beside the hooks that close the test contexts: it lets their connection pools close first,
	 * since a pool whose database vanishes keeps trying to reconnect and holds the exit up.
	 */
	private static void drop(String server, String name) {
		try (Connection connection = DriverManager.getConnection(server);
				PreparedStatement sessions = connection
					.prepareStatement("SELECT COUNT(*) FROM pg_stat_activity WHERE datname = ?")) {
			sessions.setString(1, name);
			for (int attempt = 0; attempt < 100; attempt++) {
				try (ResultSet count = sessions.executeQuery()) {
					count.next();
					if (count.getInt(1) == 0) {
						break;
					}
				}
				Thread.sleep(100);
			}
			try (Statement statement = connection.createStatement()) {
				statement.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
			}
		}
		catch (SQLException failure) {
			throw new IllegalStateException("Cannot drop the test database " + name, failure);
		}
		catch (InterruptedException interrupted) {
			Thread.currentThread().interrupt();
		}
	}

	private static void execute(String url, String sql) {
		try (Connection connection = DriverManager.getConnection(url);
				Statement statement = connection.createStatement()) {
			statement.execute(sql);
		}
		catch (SQLException failure) {
			throw new IllegalStateException("Cannot run '" + sql + "' on " + url, failure);
		}
	}
}
