package io.fidelis.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;

import io.fidelis.support.Browser;
import io.fidelis.support.IntegrationTest;
import io.fidelis.support.TestTenants;
import io.fidelis.support.TestTenants.TestTenant;
import io.fidelis.tenant.Operators;
import io.fidelis.tenant.Role;

/** Imports in a real browser: a file picked and uploaded, its progress followed to the end, its errors read. */
@IntegrationTest
class DataScreensBrowserTest {

	static final String PASSWORD = "correct horse battery";
	/** Rows enough that the import is still under way when its page opens, so that the page follows it. */
	static final int ROWS = 2_000;
	/** Sanity: a wait for the background import on a shared machine, not a timing. */
	static final Duration PATIENCE = Duration.ofMinutes(3);

	@Autowired
	TestTenants tenants;

	@Autowired
	Operators operators;

	ChromeDriver browser;
	TestTenant tenant;

	@BeforeEach
	void openBrowser() {
		browser = Browser.open();
		browser.manage().window().setSize(new Dimension(1280, 1200));
		tenant = tenants.create();
	}

	@AfterEach
	void closeBrowser() {
		if (browser != null) {
			browser.quit();
		}
	}

	void logIn(Role role) {
		String email = role.code() + "-" + UUID.randomUUID() + "@example.com";
		operators.create(tenant.id(), email, "Camille " + role.code(), role, PASSWORD);
		browser.get(tenants.base().resolve("/login?lang=en").toString());
		browser.findElement(By.id("email")).sendKeys(email);
		browser.findElement(By.id("password")).sendKeys(PASSWORD);
		browser.findElement(By.id("log-in")).click();
	}

	/** A file of this content in target/, as a person would pick one. */
	static Path file(String name, String content) throws Exception {
		Path file = Path.of("target", "uploads", UUID.randomUUID().toString(), name).toAbsolutePath();
		Files.createDirectories(file.getParent());
		Files.writeString(file, content, StandardCharsets.UTF_8);
		return file;
	}

	void upload(String kind, Path file) {
		browser.findElement(By.linkText("Imports and exports")).click();
		new Select(browser.findElement(By.id("upload-kind"))).selectByValue(kind);
		browser.findElement(By.id("upload-file")).sendKeys(file.toString());
		browser.findElement(By.id("upload-submit")).click();
	}

	@Test
	void importsACsvWithErrorsFollowsItsProgressToTheEndAndShowsTheErrorsLineByLine() throws Exception {
		StringBuilder csv = new StringBuilder("external_id;email;first_name;birth_date\n");
		for (int i = 0; i < ROWS; i++) {
			// Rows 7, 507, 1007 and 1507 have a wrong e-mail address; row 1999 a wrong date. Line = row + 2.
			String email = i % 500 == 7 ? "not-an-email" : "m" + i + "@example.com";
			String birthDate = i == ROWS - 1 ? "31/12/1990" : "1990-12-31";
			csv.append("c-").append(i).append(';').append(email).append(";Ana;").append(birthDate).append('\n');
		}
		logIn(Role.MANAGER);

		upload("members", file("clients.csv", csv.toString()));

		new WebDriverWait(browser, Duration.ofSeconds(30)).until(ExpectedConditions.urlContains("/admin/data/imports/"));
		assertThat(browser.findElement(By.cssSelector(".flash.notice")).getText()).contains("2,000 rows received");
		// Read at once: a poll may replace the progress between two reads.
		List<?> firstShown = (List<?>) browser.executeScript("return [document.getElementById('import-status')"
				+ ".dataset.status, document.getElementById('import-progress').getAttribute('hx-trigger')]");
		// Under way, the progress polls; over, it does not.
		assertThat(firstShown.get(1)).as(firstShown.toString())
			.isEqualTo(List.of("queued", "processing").contains(firstShown.get(0)) ? "every 1s" : null);
		new WebDriverWait(browser, PATIENCE).ignoring(StaleElementReferenceException.class)
			.until(ExpectedConditions.attributeToBe(By.id("import-status"), "data-status", "done"));
		WebElement bar = browser.findElement(By.id("import-bar"));
		assertThat(bar.getAttribute("value")).isEqualTo(String.valueOf(ROWS));
		assertThat(bar.getAttribute("max")).isEqualTo(String.valueOf(ROWS));
		assertThat(browser.findElement(By.id("import-applied")).getText()).isEqualTo(String.valueOf(ROWS - 5));
		assertThat(browser.findElement(By.id("import-failed")).getText()).isEqualTo("5");
		List<String> lines = browser.findElements(By.cssSelector("#import-error-lines tbody tr"))
			.stream()
			.map(WebElement::getText)
			.toList();
		assertThat(lines).hasSize(5);
		assertThat(lines.get(0)).startsWith("9 email");
		assertThat(lines.get(1)).startsWith("509 email");
		assertThat(lines.get(3)).startsWith("1509 email");
		assertThat(lines.get(4)).startsWith("2001 birth_date").contains("YYYY-MM-DD");
		assertThat(browser.findElement(By.id("import-progress")).getAttribute("hx-trigger")).isNull();

		Path artefact = Path.of("target", "screenshots", "imports.png");
		Files.createDirectories(artefact.getParent());
		Files.write(artefact, browser.getScreenshotAs(OutputType.BYTES));
		assertThat(Files.size(artefact)).isGreaterThan(10_000);
	}

	@Test
	void showsWhyAFileWasRefusedOnThePageItWasPickedOn() throws Exception {
		logIn(Role.OWNER);

		upload("transactions", file("sales.csv", "receipt,total\nr-1,12.00\n"));

		WebElement error = new WebDriverWait(browser, Duration.ofSeconds(30)).until(
				ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".flash.error")));
		assertThat(error.getText()).contains("'receipt' is not a column").contains("'transaction_id' is a required");
		assertThat(browser.getCurrentUrl()).endsWith("/admin/data");
		assertThat(browser.findElement(By.id("upload-submit")).isEnabled()).isTrue();
	}
}
