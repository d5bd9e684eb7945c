package dev.cairn.runtime.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.runtime.testing.Auth;
import dev.cairn.runtime.testing.Names;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URL;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The agents and audit views in a real headless browser: from the nav to an agent and one of its
 * versions (a hostile system prompt shown as text), and the audit page verifying the tenant's chain
 * and a run's checkpoints in place.
 */
@QuarkusTest
class ConsoleAgentsAuditBrowserTest {
  private static WebDriver driver;

  @TestHTTPResource("/")
  URL base;

  private String tenant;
  private String developer;
  private String auditor;

  @BeforeAll
  static void browser() {
    driver = Browser.start();
  }

  @AfterAll
  static void close() {
    if (driver != null) {
      driver.quit();
    }
  }

  @BeforeEach
  void tenantWithKeys() {
    tenant = Auth.newTenant();
    developer = Auth.newKey(tenant, "developer");
    auditor = Auth.newKey(tenant, "auditor");
  }

  private String url(String path) {
    return base.toString().replaceAll("/$", "") + path;
  }

  private WebDriverWait waitFor() {
    return new WebDriverWait(driver, Duration.ofSeconds(30));
  }

  private void signIn(String key) {
    driver.get(url("/console/sign-in"));
    driver.manage().deleteAllCookies();
    driver.get(url("/console/sign-in"));
    driver.findElement(By.id("apiKey")).sendKeys(key);
    driver.findElement(By.cssSelector("main button[type=submit]")).click();
    waitFor().until(ExpectedConditions.urlContains("/console/runs"));
  }

  private String publish(String name, String systemPrompt) {
    Auth.as(developer)
        .contentType("application/json")
        .body(
            """
            {"name":"%s","systemPrompt":"%s","model":{"provider":"scripted","name":"s","script":[{"text":"ok"}]}}"""
                .formatted(name, systemPrompt))
        .post("/v1/agents")
        .then()
        .statusCode(201);
    return name;
  }

  @Test
  void shouldOpenAnAgentAndOneOfItsVersionsFromTheNav() {
    String agent = publish(Names.agent(), "You answer briefly.");
    publish(agent, "<script>alert(1)</script> answer in French");
    signIn(auditor);

    driver.findElement(By.linkText("Agents")).click();
    waitFor().until(ExpectedConditions.urlContains("/console/agents"));
    driver.findElement(By.linkText(agent)).click();
    waitFor().until(ExpectedConditions.urlContains("/console/agents/" + agent));
    String latest = driver.findElement(By.cssSelector("[data-testid=spec]")).getText();
    assertThat(latest).contains("<script>alert(1)</script> answer in French");
    assertThat(driver.findElements(By.cssSelector("pre script"))).isEmpty();
    Browser.screenshot(driver, "agents");

    driver.findElement(By.linkText("v1")).click();
    waitFor().until(ExpectedConditions.urlContains("version=1"));
    assertThat(driver.findElement(By.cssSelector("[data-testid=spec]")).getText())
        .contains("You answer briefly.")
        .doesNotContain("French");
    assertThat(driver.findElement(By.cssSelector("tr.selected")).getAttribute("data-version"))
        .isEqualTo("1");
  }

  @Test
  void shouldVerifyTheChainAndARunFromTheAuditPage() {
    String runId = Auth.submit(developer, Auth.publishScripted(developer, 0));
    signIn(auditor);

    driver.findElement(By.linkText("Audit")).click();
    waitFor().until(ExpectedConditions.urlContains("/console/audit"));
    assertThat(driver.findElements(By.cssSelector("[data-testid=audit-events] tbody tr")))
        .hasSizeGreaterThan(1);
    driver.findElement(By.cssSelector("[data-testid=verify-chain]")).click();
    String verdict =
        waitFor()
            .ignoring(org.openqa.selenium.NoSuchElementException.class)
            .until(d -> d.findElement(By.cssSelector("#chain-verdict [data-testid=chain-verdict]")))
            .getText();
    assertThat(verdict).contains("Intact");
    assertThat(driver.getCurrentUrl()).doesNotContain("verify=1");

    driver.findElement(By.cssSelector("[data-testid=run-id]")).sendKeys(runId);
    driver
        .findElement(By.xpath("//button[contains(., \"Verify the run's checkpoint chain\")]"))
        .click();
    String runVerdict =
        waitFor()
            .ignoring(org.openqa.selenium.NoSuchElementException.class)
            .until(d -> d.findElement(By.cssSelector("#run-verdict [data-testid=verdict]")))
            .getAttribute("data-status");
    assertThat(runVerdict).isEqualTo("intact");
    Browser.screenshot(driver, "audit");
  }
}
