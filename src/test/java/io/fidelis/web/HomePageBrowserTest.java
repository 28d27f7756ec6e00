package io.fidelis.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;

import io.fidelis.support.Browser;
import io.fidelis.support.IntegrationTest;
import io.fidelis.support.TestTenants;

/** The start page a newcomer opens at http://localhost:8080, in a real browser. */
@IntegrationTest
class HomePageBrowserTest {

	@Autowired
	TestTenants tenants;

	ChromeDriver browser;

	@BeforeEach
	void openBrowser() {
		browser = Browser.open();
	}

	@AfterEach
	void closeBrowser() {
		// Null when Chromium is missing: the tests were skipped, not failed.
		if (browser != null) {
			browser.quit();
		}
	}

	@Test
	void linksTheApiDocumentationThatListsTheEndpoints() {
		browser.get(tenants.base().toString());
		assertThat(browser.getTitle()).isEqualTo("Fidelis");

		browser.findElement(By.id("swagger-ui")).click();

		new WebDriverWait(browser, Duration.ofSeconds(20))
			.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("body"), "/api/v1/events"));
		assertThat(browser.findElement(By.tagName("body")).getText()).contains("/api/v1/members");
	}

	@Test
	void linksTheHealthOfTheService() {
		browser.get(tenants.base().toString());

		browser.findElement(By.id("health")).click();

		assertThat(browser.findElement(By.tagName("body")).getText()).contains("\"status\":\"UP\"");
	}

	@Test
	void linksTheOpenApiDescription() {
		browser.get(tenants.base().toString());

		browser.findElement(By.id("api-docs")).click();

		assertThat(browser.findElement(By.tagName("body")).getText()).contains("\"openapi\"");
	}
}
