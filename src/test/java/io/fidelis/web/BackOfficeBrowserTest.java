package io.fidelis.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;

import io.fidelis.support.Browser;
import io.fidelis.support.IntegrationTest;
import io.fidelis.support.MutableClock;
import io.fidelis.support.TestTenants;
import io.fidelis.support.TestTenants.TestTenant;
import io.fidelis.tenant.Operators;
import io.fidelis.tenant.Role;

/** The back-office in a real browser: log in, read the dashboard, find a member and adjust their balance. */
@IntegrationTest
class BackOfficeBrowserTest {

	static final String PASSWORD = "correct horse battery";

	@Autowired
	TestTenants tenants;

	@Autowired
	Operators operators;

	@Autowired
	MutableClock clock;

	ChromeDriver browser;
	TestTenant tenant;

	@BeforeEach
	void openBrowser() {
		browser = Browser.open();
		browser.manage().window().setSize(new Dimension(1280, 1000));
		tenant = tenants.create();
	}

	@AfterEach
	void closeBrowser() {
		if (browser != null) {
			browser.quit();
		}
	}

	String logIn(Role role) {
		String email = role.code() + "-" + UUID.randomUUID() + "@example.com";
		operators.create(tenant.id(), email, "Camille " + role.code(), role, PASSWORD);
		browser.get(tenants.base().resolve("/login?lang=en").toString());
		browser.findElement(By.id("email")).sendKeys(email);
		browser.findElement(By.id("password")).sendKeys(PASSWORD);
		browser.findElement(By.id("log-in")).click();
		// The log-in is done once the browser has left the log-in page: only then may the test go elsewhere.
		new WebDriverWait(browser, Duration.ofSeconds(20)).until(
				driver -> !driver.getCurrentUrl().contains("/login"));
		return email;
	}

	@Test
	void showsTheDashboardWithItsChartsAndSavesAScreenshot() throws Exception {
		for (int i = 0; i < 6; i++) {
			String member = tenant.enrol("{}");
			for (int sale = 0; sale <= i % 3; sale++) {
				tenant.purchase(member, "t-" + UUID.randomUUID(), (20 + 7 * i) + ".50", clock.instant());
			}
		}
		assertThat(tenant.api().post("/api/v1/analytics:refresh", "", null).status()).isEqualTo(200);
		logIn(Role.ANALYST);

		new WebDriverWait(browser, Duration.ofSeconds(20)).until(
				ExpectedConditions.attributeToBe(By.id("dashboard"), "data-charts", "drawn"));
		assertThat(browser.findElement(By.id("kpi-enrolments")).getText()).contains("New members").contains("6");
		assertThat(browser.findElements(By.cssSelector("canvas"))).hasSize(6);

		Path artefact = Path.of("target", "screenshots", "dashboard.png");
		Files.createDirectories(artefact.getParent());
		Files.write(artefact, browser.getScreenshotAs(OutputType.BYTES));
		assertThat(Files.size(artefact)).isGreaterThan(10_000);
	}

	@Test
	void findsAMemberAndAdjustsTheirBalanceThenSeesItInTheAuditLog() {
		String member = tenant.enrol("""
				{"firstName": "Aurore", "lastName": "Vasseur"}""");
		logIn(Role.OWNER);

		browser.findElement(By.linkText("Members")).click();
		browser.findElement(By.id("q")).sendKeys("vass");
		new WebDriverWait(browser, Duration.ofSeconds(10)).until(
				ExpectedConditions.presenceOfElementLocated(By.cssSelector("a[href='/admin/members/" + member + "']")))
			.click();
		browser.findElement(By.id("points")).sendKeys("75");
		browser.findElement(By.id("reason")).sendKeys("Welcome back");
		browser.findElement(By.cssSelector("#adjust button")).click();

		assertThat(browser.findElement(By.cssSelector(".flash.notice")).getText()).contains("75");
		assertThat(browser.findElement(By.cssSelector("#balance-points .available")).getText()).isEqualTo("75");
		assertThat(tenant.available(member)).isEqualTo(75);

		browser.findElement(By.linkText("Audit log")).click();
		assertThat(browser.findElement(By.id("audit-entries")).getText()).contains("Welcome back")
			.contains("points.adjusted");
	}

	@Test
	void speaksFrenchWhenAskedAndKeepsACashierOutOfTheBackOffice() {
		logIn(Role.MANAGER);
		browser.findElement(By.id("lang-fr")).click();
		assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Tableau de bord");
		browser.findElement(By.id("logout")).click();

		logIn(Role.CASHIER);
		assertThat(browser.getCurrentUrl()).endsWith("/pos");
		browser.get(tenants.base().resolve("/admin/members").toString());
		new WebDriverWait(browser, Duration.ofSeconds(20)).until(
				ExpectedConditions.textToBePresentInElementLocated(By.tagName("body"), "Not allowed"));
	}
}
