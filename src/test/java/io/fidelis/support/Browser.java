package io.fidelis.support;

import java.io.File;
import java.time.Duration;

import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Headless Debian Chromium driven by Selenium, with the chromedriver of the same package: no test tool ever
 * downloads a browser. Without Chromium installed the browser tests are skipped, unless
 * {@code fidelis.test.browser-required} is true (CI), where its absence fails them.
 */
public final class Browser {

	private static final File CHROMIUM = new File("/usr/bin/chromium");
	private static final File CHROMEDRIVER = new File("/usr/bin/chromedriver");

	private Browser() {
	}

	/** A phone-sized headless Chromium; the caller quits it. */
	public static ChromeDriver open() {
		boolean installed = CHROMIUM.canExecute() && CHROMEDRIVER.canExecute();
		if (!installed && Boolean.getBoolean("fidelis.test.browser-required")) {
			throw new IllegalStateException("Browser tests are required but " + CHROMIUM + " or " + CHROMEDRIVER
					+ " is missing: apt-get install chromium chromium-driver");
		}
		Assumptions.assumeTrue(installed, "Chromium is not installed: browser tests skipped");
		ChromeOptions options = new ChromeOptions();
		options.setBinary(CHROMIUM);
		options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
				"--window-size=412,915");
		ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER)
			.usingAnyFreePort()
			.build();
		ChromeDriver driver = new ChromeDriver(service, options);
		driver.manage().timeouts().implicitlyWait(Duration.ofSeconds(10));
		return driver;
	}
}
