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
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;

import io.fidelis.support.Browser;
import io.fidelis.support.IntegrationTest;
import io.fidelis.support.TestTenants;
import io.fidelis.support.TestTenants.TestTenant;
import io.fidelis.tenant.Operators;
import io.fidelis.tenant.Role;
import tools.jackson.databind.JsonNode;

/** A marketer writes a rule with the builder, tests it on a sample purchase, saves it and finds it in the list. */
@IntegrationTest
class RuleBuilderBrowserTest {

	static final String PASSWORD = "correct horse battery";

	@Autowired
	TestTenants tenants;

	@Autowired
	Operators operators;

	ChromeDriver browser;
	TestTenant tenant;

	@BeforeEach
	void openBrowser() {
		browser = Browser.open();
		browser.manage().window().setSize(new Dimension(1280, 2600));
		tenant = tenants.create();
	}

	@AfterEach
	void closeBrowser() {
		if (browser != null) {
			browser.quit();
		}
	}

	@Test
	void createsARuleWithTheBuilderTestsItThenSeesItInTheList() throws Exception {
		String member = tenant.enrol("""
				{"firstName": "Inès", "email": "ines@example.com"}""");
		String email = "marketer-" + UUID.randomUUID() + "@example.com";
		operators.create(tenant.id(), email, "Camille", Role.MARKETER, PASSWORD);
		browser.get(tenants.base().resolve("/login?lang=en").toString());
		browser.findElement(By.id("email")).sendKeys(email);
		browser.findElement(By.id("password")).sendKeys(PASSWORD);
		browser.findElement(By.id("log-in")).click();

		browser.findElement(By.linkText("Programs")).click();
		browser.findElement(By.cssSelector("#program-points a[href='/admin/programs/points/rules']")).click();
		browser.findElement(By.id("new-rule")).click();
		browser.findElement(By.id("name")).sendKeys("Coffee lovers");
		new Select(browser.findElement(By.id("effect-type"))).selectByValue("points_per_item");
		// The builder shows the chosen effect's fields only.
		assertThat(browser.findElement(By.id("effect-per")).isDisplayed()).isFalse();
		browser.findElement(By.id("effect-perItem")).sendKeys("3");
		browser.findElement(By.id("conditions-items-categories")).sendKeys("coffee");
		browser.findElement(By.id("sample-member")).sendKeys("ines@example.com");
		browser.findElement(By.id("sample-amount")).sendKeys("12.00");
		browser.findElement(By.id("sample-items")).sendKeys("latte, coffee, 2, 4.50\ncroissant, bakery, 1, 3.00");
		browser.findElement(By.id("try-rule")).click();

		// Base points: 12 for 12.00; the rule as written: 2 coffee items × 3.
		new WebDriverWait(browser, Duration.ofSeconds(20))
			.until(ExpectedConditions.textToBe(By.id("trial-points"), "18"));
		assertThat(browser.findElement(By.cssSelector(".trial-lines tr.tried")).getText()).contains("Coffee lovers")
			.contains("2 items × 3 = 6");
		Path artefact = Path.of("target", "screenshots", "rule-builder.png");
		Files.createDirectories(artefact.getParent());
		Files.write(artefact, browser.getScreenshotAs(OutputType.BYTES));
		assertThat(Files.size(artefact)).isGreaterThan(10_000);
		assertThat(tenant.available(member)).isZero();

		browser.findElement(By.id("save-rule")).click();
		assertThat(browser.findElement(By.cssSelector(".flash.notice")).getText()).contains("Coffee lovers");
		browser.findElement(By.linkText("Points · Earning rules")).click();
		assertThat(browser.findElement(By.id("rules")).getText()).contains("Coffee lovers")
			.contains("3 points per item on purchase, if: items of coffee");
		JsonNode rules = tenant.api().get("/api/v1/programs/points/rules").json();
		assertThat(rules.size()).isEqualTo(2);
	}
}
