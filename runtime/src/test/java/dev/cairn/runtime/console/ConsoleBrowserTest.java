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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The console in a real headless browser: sign-in, a run advancing live without a reload, pause and
 * resume, approving and rejecting a tool call, an auditor without actions, forged posts, and
 * hostile model and tool output shown as inert text.
 */
@QuarkusTest
class ConsoleBrowserTest {
  private static WebDriver driver;

  @TestHTTPResource("/")
  URL base;

  @Inject DataSource dataSource;

  private String tenant;
  private String developer;
  private String operator;
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
    operator = Auth.newKey(tenant, "operator");
    auditor = Auth.newKey(tenant, "auditor");
    driver.manage().deleteAllCookies();
  }

  private String url(String path) {
    return base.toString().replaceAll("/$", "") + path;
  }

  private void signIn(String key) {
    driver.get(url("/console/sign-in"));
    driver.manage().deleteAllCookies();
    driver.get(url("/console/sign-in"));
    WebElement field = driver.findElement(By.id("apiKey"));
    field.sendKeys(key);
    click("main button[type=submit]");
    try {
      waitFor().until(ExpectedConditions.urlContains("/console/runs"));
    } catch (org.openqa.selenium.TimeoutException e) {
      throw new AssertionError("sign-in failed: " + driver.getPageSource(), e);
    }
  }

  private WebDriverWait waitFor() {
    return new WebDriverWait(driver, Duration.ofSeconds(30));
  }

  private String publish(String script, String extra) {
    String agent = Names.agent();
    Auth.as(developer)
        .contentType("application/json")
        .body(
            """
            {"name":"%s","model":{"provider":"scripted","name":"s","script":%s}%s}"""
                .formatted(agent, script, extra))
        .post("/v1/agents")
        .then()
        .statusCode(201);
    return agent;
  }

  private String submit(String agent) {
    return Auth.submit(developer, agent);
  }

  private String state() {
    return text("[data-testid=state]");
  }

  /** The text of an element the live panel may be replacing meanwhile. */
  private String text(String css) {
    return waitFor()
        .ignoring(org.openqa.selenium.StaleElementReferenceException.class)
        .until(d -> d.findElement(By.cssSelector(css)).getText());
  }

  /** Clicks an element the live panel may be replacing meanwhile. */
  private void click(String css) {
    waitFor()
        .ignoring(org.openqa.selenium.StaleElementReferenceException.class)
        .until(
            d -> {
              d.findElement(By.cssSelector(css)).click();
              return true;
            });
  }

  private void waitForState(String wanted) {
    waitFor()
        .until(
            d -> {
              try {
                return wanted.equals(state());
              } catch (org.openqa.selenium.StaleElementReferenceException e) {
                return false;
              }
            });
  }

  private Object js(String script, Object... args) {
    return ((JavascriptExecutor) driver).executeScript(script, args);
  }

  private static String calculatorSteps(int n, int delayMs) {
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
  void shouldSignInAndListRuns() {
    String agent = publish("[{\"text\":\"ok\"}]", "");
    String runId = submit(agent);
    signIn(operator);
    assertThat(text("[data-testid=who]")).contains("operator").contains(tenant);
    waitFor()
        .until(
            d ->
                d.findElements(By.cssSelector("a[href='/console/runs/" + runId + "']")).size()
                    == 1);
    Browser.screenshot(driver, "runs");
    driver.findElement(By.linkText("Inbox")).click();
    waitFor().until(ExpectedConditions.urlContains("/console/inbox"));
    Browser.screenshot(driver, "inbox");
  }

  @Test
  void shouldShowARunAdvancingLiveWithoutReloading() {
    String agent = publish(calculatorSteps(3, 1200), ",\"tools\":[\"calculator\"]");
    String runId = submit(agent);
    signIn(operator);
    driver.get(url("/console/runs/" + runId));
    js("window.cairnTestMarker = 'same page';");
    js("document.getElementById('timeline').dataset.kept = 'yes';");
    String firstSteps = text("[data-testid=steps]");
    waitForState("COMPLETED");
    assertThat(js("return window.cairnTestMarker;")).as("no reload").isEqualTo("same page");
    assertThat(text("[data-testid=steps]")).isNotEqualTo(firstSteps);
    // New steps are added on top of the timeline the page holds (older pages a reader loaded stay),
    // each once and in order.
    waitFor()
        .until(
            d ->
                Long.valueOf(d.findElements(By.cssSelector("#timeline > .entry")).size())
                    .equals(
                        js(
                            "return Number(document.querySelector('#timeline > .entry')"
                                + ".dataset.seq);")));
    assertThat(js("return document.getElementById('timeline').dataset.kept;"))
        .as("timeline kept, not replaced")
        .isEqualTo("yes");
    @SuppressWarnings("unchecked")
    List<Object> seqs =
        (List<Object>)
            js(
                "return Array.from(document.querySelectorAll('#timeline > .entry'))"
                    + ".map(e => Number(e.dataset.seq));");
    assertThat(seqs).hasSizeGreaterThan(3);
    for (int i = 0; i < seqs.size(); i++) {
      assertThat(((Number) seqs.get(i)).intValue()).isEqualTo(seqs.size() - i);
    }
    // A finished run's page stops listening: no stream to reconnect to.
    waitFor().until(d -> d.findElements(By.cssSelector("[sse-connect]")).isEmpty());
    WebElement time = driver.findElement(By.cssSelector(".timeline time"));
    assertThat(time.getAttribute("title")).endsWith("(UTC)");
    Browser.screenshot(driver, "run");
  }

  @Test
  void shouldPauseAndResumeARun() {
    String agent = publish(calculatorSteps(6, 700), ",\"tools\":[\"calculator\"]");
    String runId = submit(agent);
    signIn(operator);
    driver.get(url("/console/runs/" + runId));
    click("button[data-action=pause]");
    waitForState("PAUSED");
    int stepsWhenPaused = Integer.parseInt(text("[data-testid=steps]"));
    assertThat(
            new Db(dataSource)
                .count("SELECT step_count FROM agent_run WHERE id = ?", UUID.fromString(runId)))
        .isEqualTo(stepsWhenPaused);
    click("button[data-action=resume]");
    waitForState("COMPLETED");
  }

  private String approvalRun(String expression) {
    String script =
        """
        [{"toolCalls":[{"name":"calculator","arguments":{"expression":"%s"}}]},
         {"text":"finished"}]"""
            .formatted(expression);
    String agent =
        publish(script, ",\"tools\":[\"calculator\"],\"approvals\":{\"tools\":[\"calculator\"]}");
    return submit(agent);
  }

  @Test
  void shouldVerifyAnUntouchedRunAsIntactAndAnEditedOneAsBrokenAtItsSeq() throws Exception {
    String runId = submit(publish("[{\"text\":\"ok\"}]", ""));
    signIn(operator);
    driver.get(url("/console/runs/" + runId));
    waitForState("COMPLETED");
    click("[data-testid=verify]");
    waitFor()
        .until(
            d ->
                "intact"
                    .equals(
                        d.findElement(By.cssSelector("[data-testid=verdict]"))
                            .getAttribute("data-status")));

    // Change the first checkpoint behind the append-only guard, as someone with the database would.
    try (java.sql.Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      try (java.sql.Statement off = c.createStatement();
          java.sql.PreparedStatement edit =
              c.prepareStatement(
                  "UPDATE checkpoint SET outcome = '{\"text\":\"forged\"}'::jsonb"
                      + " WHERE run_id = ? AND seq = 1")) {
        off.execute("SET LOCAL session_replication_role = replica");
        edit.setObject(1, UUID.fromString(runId));
        assertThat(edit.executeUpdate()).isEqualTo(1);
        c.commit();
      }
    }
    driver.navigate().refresh();
    click("[data-testid=verify]");
    assertThat(text("[data-testid=broken-seq]")).isEqualTo("1");
  }

  @Test
  void shouldApproveAPendingToolCallAndSeeTheRunContinue() {
    String runId = approvalRun("6*7");
    signIn(operator);
    driver.get(url("/console/runs/" + runId));
    waitFor().until(d -> !d.findElements(By.cssSelector("[data-testid=arguments]")).isEmpty());
    assertThat(text("[data-testid=arguments]")).contains("\"expression\"").contains("6*7");
    Browser.screenshot(driver, "approval");
    click("button[data-action=approve]");
    waitForState("COMPLETED");
    assertThat(driver.findElement(By.tagName("main")).getText()).contains("42");
  }

  @Test
  void shouldRejectAPendingToolCallAndTellTheModel() {
    String runId = approvalRun("1+1");
    signIn(operator);
    driver.get(url("/console/runs/" + runId));
    waitFor().until(d -> !d.findElements(By.cssSelector("button[data-action=reject]")).isEmpty());
    waitFor()
        .ignoring(org.openqa.selenium.StaleElementReferenceException.class)
        .until(
            d -> {
              WebElement reason = d.findElement(By.cssSelector(".approval input[name=reason]"));
              reason.clear();
              reason.sendKeys("not on a Friday");
              d.findElement(By.cssSelector("button[data-action=reject]")).click();
              return true;
            });
    waitForState("COMPLETED");
    assertThat(text(".timeline")).contains("not on a Friday");
  }

  @Test
  void shouldShowAnAuditorNoActionsAndRefuseTheirForgedPost() {
    String runId = approvalRun("2+2");
    signIn(auditor);
    driver.get(url("/console/runs/" + runId));
    waitFor().until(d -> !d.findElements(By.cssSelector("[data-testid=arguments]")).isEmpty());
    assertThat(driver.findElements(By.cssSelector("[data-action]"))).isEmpty();
    assertThat(driver.findElements(By.cssSelector("main form"))).isEmpty();
    Browser.screenshot(driver, "run-auditor");
    // A valid session and its own CSRF token (from the sign-out form), posted from the page.
    Object status =
        ((JavascriptExecutor) driver)
            .executeAsyncScript(
                """
                const done = arguments[arguments.length - 1];
                const csrf = document.querySelector('input[name=csrf]').value;
                fetch(arguments[0], {method: 'POST', body: new URLSearchParams({csrf}),
                    redirect: 'manual'})
                  .then(r => done(r.status), e => done('error ' + e));""",
                "/console/runs/" + runId + "/cancel");
    assertThat(status).isEqualTo(403L);
    assertThat(
            new Db(dataSource)
                .count(
                    "SELECT count(*) FROM operator_command WHERE run_id = ?",
                    UUID.fromString(runId)))
        .isZero();
  }

  @Test
  void shouldRefuseAForgedCrossSitePost() {
    String runId = approvalRun("3+3");
    signIn(operator);
    // Without the CSRF token, from the console's own origin.
    Object status =
        ((JavascriptExecutor) driver)
            .executeAsyncScript(
                """
                const done = arguments[arguments.length - 1];
                fetch(arguments[0], {method: 'POST', body: new URLSearchParams({csrf: 'guess'}),
                    redirect: 'manual'})
                  .then(r => done(r.status), e => done('error ' + e));""",
                "/console/runs/" + runId + "/cancel");
    assertThat(status).isEqualTo(403L);
    // From another site: a page that auto-submits a form to the console.
    String forged =
        "data:text/html,<form method=post action='"
            + url("/console/runs/" + runId + "/cancel")
            + "'><input name=csrf value=x></form><script>document.forms[0].submit()</script>";
    driver.get(forged);
    waitFor().until(d -> !d.getCurrentUrl().startsWith("data:"));
    assertThat(
            new Db(dataSource)
                .count(
                    "SELECT count(*) FROM operator_command WHERE run_id = ?",
                    UUID.fromString(runId)))
        .isZero();
  }

  @Test
  void shouldShowHostileOutputAsInertText() {
    String hostile = "<script>window.cairnPwned=1</script><img src=x onerror=window.cairnPwned=2>";
    String escaped = hostile.replace("\"", "\\\"");
    String script =
        """
        [{"toolCalls":[{"name":"calculator","arguments":{"expression":"%s"}}]},
         {"text":"%s"}]"""
            .formatted(escaped, escaped);
    String agent = publish(script, ",\"tools\":[\"calculator\"]");
    String runId = submit(agent);
    signIn(operator);
    driver.get(url("/console/runs/" + runId));
    waitForState("COMPLETED");
    driver.navigate().refresh();
    waitForState("COMPLETED");
    assertThat(js("return window.cairnPwned === undefined;")).isEqualTo(true);
    assertThat(driver.findElements(By.cssSelector("main img"))).isEmpty();
    assertThat(driver.findElements(By.cssSelector("main script"))).isEmpty();
    String text = driver.findElement(By.tagName("main")).getText();
    assertThat(text).contains("<script>window.cairnPwned=1</script>").contains("onerror=");
    List<WebElement> outcomes = driver.findElements(By.cssSelector("[data-testid=outcome]"));
    assertThat(outcomes).isNotEmpty();
    Browser.screenshot(driver, "hostile-output");
  }
}
