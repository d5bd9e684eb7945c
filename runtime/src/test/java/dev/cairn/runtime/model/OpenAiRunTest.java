package dev.cairn.runtime.model;

import static dev.cairn.runtime.testing.Auth.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cairn.runtime.testing.Names;
import dev.cairn.testing.FakeOpenAiServer;
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

/** Runs on the OpenAI-compatible provider, through LangChain4j's real HTTP client. */
@QuarkusTest
@QuarkusTestResource(value = FakeOpenAiResource.class, restrictToAnnotatedClass = true)
class OpenAiRunTest {
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

  private static List<FakeOpenAiServer.ChatCall> callsFor(String input) {
    return FakeOpenAiResource.server.calls().stream()
        .filter(c -> input.equals(c.firstUserText()))
        .toList();
  }

  @Test
  void shouldCompleteAToolCallRoundTripOverHttp() {
    String input = "multiply " + UUID.randomUUID();
    FakeOpenAiResource.BY_INPUT.put(
        input,
        call ->
            call.toolResultCount() == 0
                ? Reply.toolCall("calculator", "{\"expression\":\"6*7\"}")
                : Reply.text("It is 42."));
    JsonPath run = awaitTerminal(submit(input));

    assertThat(run.getString("status")).isEqualTo("COMPLETED");
    assertThat(run.getString("result.text")).isEqualTo("It is 42.");
    assertThat(run.getInt("stepCount")).isEqualTo(3);
    assertThat(run.getLong("inputTokens")).isPositive();

    List<FakeOpenAiServer.ChatCall> calls = callsFor(input);
    assertThat(calls).hasSize(2);
    assertThat(calls.getFirst().toolNames()).containsExactly("calculator");
    assertThat(calls.getFirst().request().path("model").asText()).isEqualTo("fake-model");
    List<JsonNode> second = calls.get(1).messages();
    assertThat(second.getFirst().path("role").asText()).isEqualTo("system");
    JsonNode toolMessage = second.getLast();
    assertThat(toolMessage.path("role").asText()).isEqualTo("tool");
    assertThat(toolMessage.path("content").asText()).isEqualTo("42");
    assertThat(toolMessage.path("tool_call_id").asText())
        .isEqualTo(second.get(second.size() - 2).path("tool_calls").get(0).path("id").asText());
  }

  @Test
  void shouldRetryAServerErrorAndNeverReaskARecordedAnswer() {
    String input = "flaky " + UUID.randomUUID();
    FakeOpenAiResource.BY_INPUT.put(
        input,
        call ->
            call.toolResultCount() == 0
                ? Reply.toolCall("calculator", "{\"expression\":\"1+1\"}")
                : Reply.text("2"));
    FakeOpenAiResource.server.enqueueFault(FakeOpenAiServer.Fault.status(503, null));
    String id = submit(input);
    JsonPath run = awaitTerminal(id);

    assertThat(run.getString("status")).isEqualTo("COMPLETED");
    assertThat(run.getInt("modelCalls")).isEqualTo(3);
    JsonPath checkpoints =
        given().get("/v1/runs/" + id + "/checkpoints").then().extract().jsonPath();
    assertThat(checkpoints.getList("items.kind", String.class))
        .containsExactly("MODEL_ERROR", "MODEL_CALL", "TOOL_CALL", "MODEL_CALL");
    assertThat(checkpoints.getList("items.statusAfter", String.class).getFirst())
        .isEqualTo("WAITING");
  }

  @Test
  void shouldFailWithoutRetryWhenTheProviderRejectsTheCredentials() {
    String input = "denied " + UUID.randomUUID();
    FakeOpenAiResource.BY_INPUT.put(input, call -> Reply.text("unreachable"));
    FakeOpenAiResource.server.enqueueFault(FakeOpenAiServer.Fault.status(401, null));
    JsonPath run = awaitTerminal(submit(input));
    assertThat(run.getString("status")).isEqualTo("FAILED");
    assertThat(run.getInt("modelCalls")).isEqualTo(1);
    assertThat(run.getString("error.message")).contains("credentials").doesNotContain("test-key");
  }

  @Test
  void shouldFailAtOnceWhenTheContextHoldsNothingToSend() {
    String bare = Names.agent();
    given()
        .contentType(ContentType.JSON)
        .body(
            "{\"name\":\"%s\",\"model\":{\"provider\":\"openai\",\"name\":\"fake-model\"}}"
                .formatted(bare))
        .post("/v1/agents")
        .then()
        .statusCode(201);
    int callsBefore = FakeOpenAiResource.server.calls().size();
    String id =
        given()
            .contentType(ContentType.JSON)
            .body("{\"agent\":\"" + bare + "\",\"input\":\"\"}")
            .post("/v1/runs")
            .then()
            .statusCode(202)
            .extract()
            .path("id");
    JsonPath run = awaitTerminal(id);
    // No system prompt and an empty input: no request can be built. The run fails with the reason
    // at its first step instead of being retried until it is quarantined.
    assertThat(run.getString("status")).isEqualTo("FAILED");
    assertThat(run.getString("error.message")).contains("cannot be built");
    assertThat(run.getInt("stepCount")).isEqualTo(1);
    assertThat(FakeOpenAiResource.server.calls()).hasSize(callsBefore);
  }

  @Test
  void shouldTellTheModelAboutAHallucinatedToolAndGoOn() {
    String input = "hallucinate " + UUID.randomUUID();
    FakeOpenAiResource.BY_INPUT.put(
        input,
        call ->
            call.toolResultCount() == 0
                ? Reply.toolCall("launch_rockets", "{\"count\":3}")
                : Reply.text("Sorry, I cannot do that."));
    JsonPath run = awaitTerminal(submit(input));
    assertThat(run.getString("status")).isEqualTo("COMPLETED");
    assertThat(run.getInt("toolCalls")).isZero();
    JsonNode told = callsFor(input).get(1).messages().getLast();
    assertThat(told.path("content").asText()).contains("unknown tool 'launch_rockets'");
  }
}
