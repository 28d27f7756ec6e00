package io.fidelis.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;

import io.fidelis.support.Api;
import io.fidelis.support.Browser;
import io.fidelis.support.IntegrationTest;
import io.fidelis.support.TestTenants;
import io.fidelis.support.TestTenants.TestTenant;
import io.fidelis.tenant.Operators;
import io.fidelis.tenant.Role;

/** The catalog in a real browser: a marketer adds a reward; an owner creates an API key, uses it, revokes it. */
@IntegrationTest
class CatalogBrowserTest {

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
		browser.manage().window().setSize(new Dimension(1280, 1000));
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
		// Signed in once the home page names the operator; going elsewhere sooner would race the log-in.
		browser.findElement(By.id("account"));
	}

	@Test
	void aMarketerAddsARewardWithItsStockAndSeesItInTheCatalog() {
		logIn(Role.MARKETER);
		browser.get(tenants.base().resolve("/admin/programs/points/rewards").toString());

		browser.findElement(By.id("new-reward")).click();
		assertThat(browser.findElement(By.id("sku")).isDisplayed()).isFalse();
		browser.findElement(By.id("code")).sendKeys("free-coffee");
		new Select(browser.findElement(By.id("type"))).selectByValue("free_product");
		// The form shows the fields of the type chosen, and only those.
		assertThat(browser.findElement(By.id("sku")).isDisplayed()).isTrue();
		assertThat(browser.findElement(By.id("discountAmount")).isDisplayed()).isFalse();
		browser.findElement(By.id("sku")).sendKeys("COFFEE");
		browser.findElement(By.id("cost")).sendKeys("150");
		browser.findElement(By.id("stock")).sendKeys("40");
		browser.findElement(By.id("nameEn")).sendKeys("A free coffee");
		browser.findElement(By.id("nameFr")).sendKeys("Un café offert");
		browser.findElement(By.id("save-reward")).click();

		assertThat(browser.findElement(By.cssSelector(".flash.notice")).getText()).contains("free-coffee");
		assertThat(browser.findElement(By.id("reward-free-coffee")).getText()).contains("A free coffee")
			.contains("Free product")
			.contains("150");
		assertThat(browser.findElement(By.cssSelector("#reward-free-coffee .remaining")).getText()).isEqualTo("40");
		Api.Response reward = tenant.api().get("/api/v1/programs/points/rewards/free-coffee");
		assertThat(reward.text("/sku")).isEqualTo("COFFEE");
		assertThat(reward.text("/texts/fr/name")).isEqualTo("Un café offert");
	}

	@Test
	void anOwnerCreatesAnApiKeySeesItOnceUsesItAndRevokesIt() {
		logIn(Role.OWNER);

		browser.findElement(By.linkText("API keys")).click();
		browser.findElement(By.id("key-name")).sendKeys("Till at the station");
		browser.findElement(By.id("scope-members-read")).click();
		browser.findElement(By.cssSelector("#create-key button")).click();

		WebElement shown = browser.findElement(By.id("secret"));
		String key = shown.getText();
		assertThat(key).startsWith("fid_");
		Api till = tenant.api().withKey(key);
		assertThat(till.get("/api/v1/members?limit=1").status()).isEqualTo(200);

		browser.findElement(By.linkText("API keys")).click();
		new WebDriverWait(browser, Duration.ofSeconds(10)).until(ExpectedConditions.stalenessOf(shown));
		assertThat(browser.getPageSource()).doesNotContain(key);
		By row = By.xpath("//tr[td[text()='Till at the station']]");
		assertThat(browser.findElement(row).getText()).contains("members:read").contains(key.substring(0, 12));
		browser.findElement(By.xpath("//tr[td[text()='Till at the station']]//button")).click();

		// The page after the revocation says so above the list.
		browser.findElement(By.cssSelector(".flash.notice"));
		assertThat(browser.findElement(row).getText()).contains("revoked");
		assertThat(till.get("/api/v1/members?limit=1").status()).isEqualTo(401);
	}
}
