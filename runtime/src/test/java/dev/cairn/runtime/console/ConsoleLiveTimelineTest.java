package dev.cairn.runtime.console;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.cairn.runtime.testing.Auth;
import dev.cairn.runtime.testing.Names;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What a live run page fetches when its run changes: only the steps after the newest one it shows
 * (so older pages a reader loaded stay), with the page's new position, and a named gap when more
 * steps arrived than one page holds.
 */
@QuarkusTest
class ConsoleLiveTimelineTest {
  private static final Pattern ENTRY = Pattern.compile("class=\"entry\" data-seq=\"(\\d+)\"");
  private static final Pattern NEWEST =
      Pattern.compile("id=\"newest-seq\" name=\"after\" value=\"(\\d+)\"");

  private String developer;
  private String cookie;

  @BeforeEach
  void signIn() {
    String tenant = Auth.newTenant();
    developer = Auth.newKey(tenant, "developer");
    cookie = ConsoleClient.signIn(Auth.newKey(tenant, "operator"));
  }

  @Test
  void shouldSendOnlyTheStepsAfterThePagesNewestAndNameAGapLargerThanAPage() {
    String runId = Auth.submit(developer, publish(calculatorSteps(35)));
    await()
        .atMost(Duration.ofSeconds(60))
        .until(
            () -> "COMPLETED".equals(Auth.as(developer).get("/v1/runs/" + runId).path("status")));
    int last = Auth.as(developer).get("/v1/runs/" + runId).path("stepCount");
    assertThat(last).isGreaterThan(60);

    String few = newer(runId, last - 3);
    assertThat(seqs(few)).containsExactly(last, last - 1, last - 2);
    assertThat(newest(few)).isEqualTo(last);
    assertThat(few).doesNotContain("earlier steps not shown");

    String none = newer(runId, last);
    assertThat(seqs(none)).isEmpty();
    assertThat(newest(none)).isEqualTo(last);

    // More than a page (50) arrived since seq 2: the newest page, and a link to what lies between.
    String many = newer(runId, 2);
    List<Integer> seqs = seqs(many);
    assertThat(seqs).hasSize(50).startsWith(last);
    int oldestShown = seqs.getLast();
    assertThat(many)
        .contains((oldestShown - 3) + " earlier steps not shown")
        .contains("/console/runs/" + runId + "/older?before=" + oldestShown);
  }

  @Test
  void shouldListenOnlyWhileTheRunCanChange() {
    String finished = Auth.submit(developer, publish(calculatorSteps(1)));
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                "COMPLETED".equals(Auth.as(developer).get("/v1/runs/" + finished).path("status")));
    String page = page("/console/runs/" + finished);
    assertThat(page).doesNotContain("sse-connect").doesNotContain("data-action=\"pause\"");
    // Its panel, fetched by a page that was live, tells that page to stop listening.
    assertThat(page("/console/runs/" + finished + "/panel"))
        .contains("<div id=\"live-feed\" hx-swap-oob=\"true\"></div>");

    String parked = Auth.submit(developer, publish("[{\"text\":\"slow\",\"delayMs\":60000}]"));
    String live = page("/console/runs/" + parked);
    assertThat(live)
        .contains("sse-connect=\"/console/runs/" + parked + "/events?after=")
        .contains("data-action=\"pause\"");
    assertThat(page("/console/runs/" + parked + "/panel")).doesNotContain("live-feed");
    Auth.as(developer).post("/v1/runs/" + parked + "/cancel");
  }

  @Test
  void shouldStartAPagesStreamAfterTheLastEventItShows() {
    String runId = Auth.submit(developer, publish(calculatorSteps(2)));
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () -> "COMPLETED".equals(Auth.as(developer).get("/v1/runs/" + runId).path("status")));
    // A finished run's stream ends once it has sent what is asked for, so each read completes.
    int all = changes(runId, null);
    assertThat(all).isGreaterThan(3);
    assertThat(changes(runId, all - 2)).isEqualTo(2);
    assertThat(changes(runId, all)).isZero();
  }

  private int changes(String runId, Integer after) {
    String body =
        given()
            .cookie(ConsoleSessions.COOKIE, cookie)
            .get("/console/runs/" + runId + "/events" + (after == null ? "" : "?after=" + after))
            .then()
            .statusCode(200)
            .extract()
            .asString();
    return (int) body.lines().filter("event:changed"::equals).count()
        + (int) body.lines().filter("event: changed"::equals).count();
  }

  private String publish(String script) {
    String agent = Names.agent();
    Auth.as(developer)
        .contentType("application/json")
        .body(
            """
            {"name":"%s","model":{"provider":"scripted","name":"s","script":%s},
             "tools":["calculator"],"budget":{"maxSteps":200}}"""
                .formatted(agent, script))
        .post("/v1/agents")
        .then()
        .statusCode(201);
    return agent;
  }

  private static String calculatorSteps(int n) {
    StringBuilder script = new StringBuilder("[");
    for (int i = 0; i < n; i++) {
      script.append(
          """
          {"toolCalls":[{"name":"calculator","arguments":{"expression":"%d+1"}}]},"""
              .formatted(i));
    }
    return script.append("{\"text\":\"done\"}]").toString();
  }

  private String newer(String runId, int after) {
    return page("/console/runs/" + runId + "/newer?after=" + after);
  }

  private String page(String path) {
    return given()
        .cookie(ConsoleSessions.COOKIE, cookie)
        .get(path)
        .then()
        .statusCode(200)
        .extract()
        .asString();
  }

  private static List<Integer> seqs(String html) {
    List<Integer> out = new ArrayList<>();
    Matcher m = ENTRY.matcher(html);
    while (m.find()) {
      out.add(Integer.parseInt(m.group(1)));
    }
    return out;
  }

  private static int newest(String html) {
    Matcher m = NEWEST.matcher(html);
    assertThat(m.find()).as("page position in " + html).isTrue();
    return Integer.parseInt(m.group(1));
  }
}
