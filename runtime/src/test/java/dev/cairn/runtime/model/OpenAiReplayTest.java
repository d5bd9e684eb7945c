package dev.cairn.runtime.model;

import static dev.cairn.runtime.testing.Auth.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.cairn.runtime.testing.Names;
import dev.cairn.testing.FakeOpenAiServer.Fault;
import dev.cairn.testing.FakeOpenAiServer.Reply;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Recorded replay of runs made over HTTP against the fake OpenAI server: a tool call round trip and
 * retries after provider errors replay to a match, and the server sees no request during replay.
 */
@QuarkusTest
@QuarkusTestResource(value = FakeOpenAiResource.class, restrictToAnnotatedClass = true)
class OpenAiReplayTest {
  private String agent;

  @BeforeEach
  void publish() {
    agent = Names.agent();
    given()
        .contentType(ContentType.JSON)
        .body(
            """
            {"name":"%s","systemPrompt":"You are precise.","model":{"provider":"openai",
             "name":"fake-model"},"tools":["calculator"],"budget":{"maxSteps":20}}"""
                .formatted(agent))
        .post("/v1/agents")
        .then()
        .statusCode(201);
  }

  private String submit(String input) {
    return given()
        .contentType(ContentType.JSON)
        .body("{\"agent\":\"" + agent + "\",\"input\":\"" + input + "\"}")
        .post("/v1/runs")
        .then()
        .statusCode(202)
        .extract()
        .path("id");
  }

  private static JsonPath awaitTerminal(String id) {
    return await()
        .atMost(Duration.ofSeconds(40))
        .pollInterval(Duration.ofMillis(100))
        .until(
            () -> given().get("/v1/runs/" + id).then().extract().jsonPath(),
            run -> !List.of("QUEUED", "RUNNING", "WAITING").contains(run.getString("status")));
  }

  private static int requestsSeen() {
    return FakeOpenAiResource.server.calls().size()
        + FakeOpenAiResource.server.statusesSent().size();
  }

  private static JsonPath replayWithoutRequests(String id) {
    int before = requestsSeen();
    JsonPath report =
        given().get("/v1/runs/" + id + "/replay").then().statusCode(200).extract().jsonPath();
    assertThat(requestsSeen()).as("requests to the model server during replay").isEqualTo(before);
    return report;
  }

  @Test
  void aToolCallRoundTripReplaysToAMatchWithoutARequest() {
    String input = "replay " + UUID.randomUUID();
    FakeOpenAiResource.BY_INPUT.put(
        input,
        call ->
            call.toolResultCount() == 0
                ? Reply.toolCall("calculator", "{\"expression\":\"6*7\"}")
                : Reply.text("It is 42."));
    String id = submit(input);
    assertThat(awaitTerminal(id).getString("status")).isEqualTo("COMPLETED");

    JsonPath report = replayWithoutRequests(id);
    assertThat(report.getString("result")).as(report.prettify()).isEqualTo("MATCH");
    assertThat(report.getInt("checkpointsReplayed")).isEqualTo(3);
    assertThat(report.getInt("modelCalls")).isZero();
  }

  @Test
  void retriesAfterProviderErrorsReplayToAMatchWithoutARequest() {
    String input = "flaky " + UUID.randomUUID();
    FakeOpenAiResource.BY_INPUT.put(input, call -> Reply.text("made it"));
    FakeOpenAiResource.server.enqueueFault(Fault.status(503, null));
    FakeOpenAiResource.server.enqueueFault(Fault.status(429, 1));
    String id = submit(input);
    assertThat(awaitTerminal(id).getString("status")).isEqualTo("COMPLETED");
    List<String> kinds =
        given()
            .get("/v1/runs/" + id + "/checkpoints")
            .then()
            .statusCode(200)
            .extract()
            .path("items.kind");
    assertThat(kinds).containsExactly("MODEL_ERROR", "MODEL_ERROR", "MODEL_CALL");

    JsonPath report = replayWithoutRequests(id);
    assertThat(report.getString("result")).as(report.prettify()).isEqualTo("MATCH");
    assertThat(report.getInt("checkpointsReplayed")).isEqualTo(3);
  }
}
