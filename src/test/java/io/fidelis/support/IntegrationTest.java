package io.fidelis.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ContextConfiguration;

/**
 * The whole service on a random port, on H2 or PostgreSQL (see {@link TestDatabase}), with a clock tests move and
 * no demo data. Every test class with it shares one running service; tests stay apart by each using tenants of
 * their own ({@link TestTenants}). It runs no jobs, which would act on the tests' data as their clock moves: the
 * tests of jobs turn them on ({@code fidelis.jobs.enabled=true}) in a service of their own.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "fidelis.demo.enabled=false", "fidelis.jobs.enabled=false",
				"logging.level.io.fidelis.shared.ProblemResponses=ERROR" })
@ContextConfiguration(initializers = TestDatabase.class)
@Import({ TestClockConfiguration.class, TestTenants.class })
public @interface IntegrationTest {
}
