package dev.cairn.runtime.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.runtime.testing.Auth;
import dev.cairn.runtime.testing.Names;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URL;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The run view's replay, fork and task graph in a real headless browser: replay a completed run,
 * open the fork form on a checkpoint, fork onto another model and land on the side-by-side view; a
 * parent run's tasks and child runs.
 */
@QuarkusTest
class ConsoleReplayForkBrowserTest {
  private static WebDriver driver;

  @TestHTTPResource("/")
  URL base;

  private String developer;
  private String operator;

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
    String tenant = Auth.newTenant();
    developer = Auth.newKey(tenant, "developer");
    operator = Auth.newKey(tenant, "operator");
    driver.manage().deleteAllCookies();
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

  private String publish(String script, String tools) {
    String agent = Names.agent();
    Auth.as(developer)
        .contentType("application/json")
        .body(
            """
            {"name":"%s","model":{"provider":"scripted","name":"s","script":%s},"tools":%s,
             "budget":{"maxSteps":40,"maxModelCalls":20,"maxTokens":100000}}"""
                .formatted(agent, script, tools))
        .post("/v1/agents")
        .then()
        .statusCode(201);
    return agent;
  }

  private void awaitCompleted(String id) {
    org.awaitility.Awaitility.await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(100))
        .until(
            () ->
                !List.of("QUEUED", "RUNNING", "WAITING")
                    .contains(
                        Auth.as(developer)
                            .get("/v1/runs/" + id)
                            .then()
                            .extract()
                            .path("status")
                            .toString()));
  }

  private void scrollTo(WebElement element) {
    ((JavascriptExecutor) driver).executeScript("arguments[0].scrollIntoView(true);", element);
  }

  @Test
  void shouldReplayForkFromACheckpointAndLandOnTheSideBySideView() {
    String runId =
        Auth.submit(
            developer,
            publish(
                """
                [{"toolCalls":[{"name":"calculator","arguments":{"expression":"6*7"}}]},
                 {"toolCalls":[{"name":"calculator","arguments":{"expression":"1+1"}}]},
                 {"text":"the original answer is 42"}]""",
                "[\"calculator\"]"));
    awaitCompleted(runId);
    signIn(operator);
    driver.get(url("/console/runs/" + runId));

    driver.findElement(By.cssSelector("[data-testid=replay]")).click();
    WebElement verdict =
        waitFor()
            .until(
                ExpectedConditions.visibilityOfElementLocated(
                    By.cssSelector("[data-testid=replay-result]")));
    assertThat(verdict.getText()).isEqualTo("MATCH");

    WebElement forkLink =
        driver.findElement(By.cssSelector("a[data-action=fork-from][data-seq='2']"));
    scrollTo(forkLink);
    forkLink.click();
    WebElement model =
        waitFor().until(ExpectedConditions.visibilityOfElementLocated(By.id("fork-model-2")));
    assertThat(driver.getCurrentUrl()).endsWith("/console/runs/" + runId);
    model.sendKeys(
        """
        {"provider":"scripted","name":"other","script":[{"text":"unused"},
         {"text":"the other model says 41"}]}""");
    driver.findElement(By.cssSelector("button[data-action=fork]")).click();

    waitFor().until(ExpectedConditions.urlContains("/console/runs/" + runId + "/compare?with="));
    assertThat(driver.findElement(By.cssSelector("[data-testid=fork-point]")).getText())
        .contains("after step #2");
    // The fork runs on; the rows refresh until its answer stands beside the original's.
    waitFor()
        .ignoring(org.openqa.selenium.StaleElementReferenceException.class)
        .until(
            d ->
                d.findElement(By.cssSelector("#compare-rows"))
                        .getText()
                        .contains("the other model says 41")
                    && !d.findElement(By.cssSelector("[data-testid=compare-summary]"))
                        .getText()
                        .contains("still going"));
    String row3 =
        driver.findElement(By.cssSelector("tr[data-seq='3'] [data-testid=verdict]")).getText();
    assertThat(row3).isEqualTo("≠ different");
    assertThat(driver.findElements(By.cssSelector("tr[data-same=true]"))).isEmpty();
    Browser.screenshot(driver, "compare");

    driver.findElement(By.cssSelector("[data-testid=compare-start]")).click();
    waitFor().until(ExpectedConditions.urlContains("from=1"));
    assertThat(driver.findElements(By.cssSelector("tr[data-same=true]"))).hasSize(2);
  }

  @Test
  void shouldShowAParentsTasksAndChildRuns() {
    String child = publish("[{\"text\":\"child done\"}]", "[]");
    String parent =
        publish(
            """
            [{"toolCalls":[{"name":"plan","arguments":{"add":[
               {"id":"research","title":"Collect the sources"},
               {"id":"summary","title":"Summarise them","dependsOn":["research"]}]}}]},
             {"toolCalls":[{"name":"delegate","arguments":{"join":"all","children":[
               {"agent":"%s","input":"collect","task":"research"},
               {"agent":"%s","input":"summarise","task":"summary"}]}}]},
             {"text":"all done"}]"""
                .formatted(child, child),
            "[\"plan\",\"delegate\"]");
    String parentId = Auth.submit(developer, parent);
    awaitCompleted(parentId);
    signIn(operator);
    driver.get(url("/console/runs/" + parentId));
    WebElement tasks =
        waitFor()
            .until(
                ExpectedConditions.visibilityOfElementLocated(
                    By.cssSelector("[data-testid=tasks]")));
    List<WebElement> childLinks = tasks.findElements(By.cssSelector("[data-testid=child-run]"));
    assertThat(childLinks).hasSize(2);
    assertThat(tasks.getText()).contains("Collect the sources").contains("Summarise them");
    scrollTo(tasks);
    Browser.screenshot(driver, "tasks");

    childLinks.get(0).click();
    WebElement parentLink =
        waitFor()
            .until(
                ExpectedConditions.visibilityOfElementLocated(
                    By.cssSelector("[data-testid=parent-run]")));
    assertThat(parentLink.getText()).isEqualTo(parentId);
  }
}
