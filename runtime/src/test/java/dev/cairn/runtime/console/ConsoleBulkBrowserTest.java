package dev.cairn.runtime.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.runtime.testing.Auth;
import dev.cairn.runtime.testing.Db;
import dev.cairn.runtime.testing.Names;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URL;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Bulk pause in a real headless browser, on runs the engine is executing: filter the runs view by
 * agent, run the dry run, see the count and the sample, confirm, see how many got the command, and
 * the engine pauses them.
 */
@QuarkusTest
class ConsoleBulkBrowserTest {
  private static WebDriver driver;

  @TestHTTPResource("/")
  URL base;

  @Inject DataSource dataSource;

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

  private String url(String path) {
    return base.toString().replaceAll("/$", "") + path;
  }

  private WebDriverWait waitFor() {
    return new WebDriverWait(driver, Duration.ofSeconds(30));
  }

  private static String slowSteps(int n, int delayMs) {
    StringBuilder script = new StringBuilder("[");
    for (int i = 0; i < n; i++) {
      script.append(
          """
          {"toolCalls":[{"name":"calculator","arguments":{"expression":"%d+1"}}],"delayMs":%d},"""
              .formatted(i, delayMs));
    }
    return script.append("{\"text\":\"done\",\"delayMs\":%d}]".formatted(delayMs)).toString();
  }

  @Test
  void shouldPauseTheFilteredRunsAfterShowingTheDryRunCount() {
    String tenant = Auth.newTenant();
    String developer = Auth.newKey(tenant, "developer");
    String operator = Auth.newKey(tenant, "operator");
    String agent = Names.agent();
    Auth.as(developer)
        .contentType("application/json")
        .body(
            """
            {"name":"%s","model":{"provider":"scripted","name":"s","script":%s},"tools":["calculator"]}"""
                .formatted(agent, slowSteps(20, 1000)))
        .post("/v1/agents")
        .then()
        .statusCode(201);
    String other = Auth.publishScripted(developer, 0);
    List<String> runs = List.of(Auth.submit(developer, agent), Auth.submit(developer, agent));
    String untouched = Auth.submit(developer, other);

    driver.manage().deleteAllCookies();
    driver.get(url("/console/sign-in"));
    driver.findElement(By.id("apiKey")).sendKeys(operator);
    driver.findElement(By.cssSelector("main button[type=submit]")).click();
    waitFor().until(ExpectedConditions.urlContains("/console/runs"));

    // Filter the runs view by agent, then the bulk form takes that filter.
    WebElement agentField = driver.findElement(By.cssSelector(".filters input[name=agent]"));
    agentField.sendKeys(agent);
    driver.findElement(By.xpath("//button[normalize-space()='Filter']")).click();
    waitFor().until(ExpectedConditions.urlContains("agent=" + agent));
    WebElement bulk = driver.findElement(By.cssSelector("[data-testid=bulk]"));
    assertThat(bulk.getText()).contains("agent " + agent);
    new org.openqa.selenium.support.ui.Select(bulk.findElement(By.name("action")))
        .selectByValue("pause");
    bulk.findElement(By.cssSelector("button[data-action=bulk-dry-run]")).click();

    waitFor().until(d -> !d.findElements(By.cssSelector("[data-testid=bulk-count]")).isEmpty());
    assertThat(driver.findElement(By.cssSelector("[data-testid=bulk-count]")).getText())
        .isEqualTo("2 runs would be paused.");
    String filter = driver.findElement(By.cssSelector("[data-testid=bulk-filter]")).getText();
    assertThat(filter).contains(agent).contains("RUNNING");
    String sample = driver.findElement(By.cssSelector("[data-testid=bulk-sample]")).getText();
    assertThat(sample).contains(runs.get(0)).contains(runs.get(1)).doesNotContain(untouched);
    WebElement asOf = driver.findElement(By.cssSelector("[data-testid=bulk-filter] time"));
    assertThat(asOf.getAttribute("title")).endsWith("(UTC)");
    Db db = new Db(dataSource);
    assertThat(db.count("SELECT count(*) FROM operator_command WHERE tenant_id = ?", tenant))
        .as("the dry run writes nothing")
        .isZero();
    Browser.screenshot(driver, "bulk");

    driver.findElement(By.cssSelector("button[data-action=bulk-confirm]")).click();
    waitFor().until(d -> !d.findElements(By.cssSelector("[data-testid=bulk-accepted]")).isEmpty());
    assertThat(driver.findElement(By.cssSelector("[data-testid=bulk-accepted]")).getText())
        .startsWith("2 runs got the pause command");
    assertThat(driver.findElement(By.cssSelector("[data-testid=bulk-skipped]")).getText())
        .startsWith("0 skipped");

    // The engine applies the commands at the runs' next step boundary.
    for (String id : runs) {
      waitFor()
          .until(
              d ->
                  "PAUSED"
                      .equals(
                          db.text(
                              "SELECT status FROM agent_run WHERE id = ?", UUID.fromString(id))));
    }
    assertThat(
            db.count(
                "SELECT count(*) FROM operator_command WHERE run_id = ?",
                UUID.fromString(untouched)))
        .isZero();
  }
}
