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
import org.junit.jupiter.api.Test;

/**
 * Runs whose definition gives a result schema, on the OpenAI-compatible provider through
 * LangChain4j's real HTTP client, and on the scripted provider: what the provider is asked for, how
 * answers are validated, retried with feedback and replayed.
 */
@QuarkusTest
@QuarkusTestResource(value = FakeOpenAiResource.class, restrictToAnnotatedClass = true)
class StructuredResultRunTest {
  private static final String STRICT_SCHEMA =
      """
      {"type":"object","properties":{"city":{"type":"string"},
       "population":{"type":"integer","minimum":0},
       "kind":{"type":"string","enum":["city","town"]}},
       "required":["city","population","kind"],"additionalProperties":false}""";

  private static String publish(String model, String result) {
    String agent = Names.agent();
    given()
        .contentType(ContentType.JSON)
        .body(
            """
            {"name":"%s","systemPrompt":"You are precise.","model":%s,
             "tools":["calculator"],"budget":{"maxSteps":20},"result":%s}"""
                .formatted(agent, model, result))
        .post("/v1/agents")
        .then()
        .statusCode(201);
    return agent;
  }

  private static String openAiAgent(String result) {
    return publish("{\"provider\":\"openai\",\"name\":\"fake-model\"}", result);
  }

  private static String submit(String agent, String input) {
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

  private static String replay(String id) {
    return given()
        .get("/v1/runs/" + id + "/replay")
        .then()
        .statusCode(200)
        .extract()
        .path("result");
  }

  @Test
  void shouldAskForStrictJsonSchemaAlongsideToolsAndCompleteWithTheParsedJson() {
    String agent = openAiAgent("{\"schema\":" + STRICT_SCHEMA + "}");
    String input = "lyon " + UUID.randomUUID();
    FakeOpenAiResource.BY_INPUT.put(
        input,
        call ->
            call.toolResultCount() == 0
                ? Reply.toolCall("calculator", "{\"expression\":\"500000+22000\"}")
                : Reply.text("{\"city\":\"Lyon\",\"population\":522000,\"kind\":\"city\"}"));
    String id = submit(agent, input);
    JsonPath run = awaitTerminal(id);

    assertThat(run.getString("status")).isEqualTo("COMPLETED");
    assertThat(run.getString("result.city")).isEqualTo("Lyon");
    assertThat(run.getLong("result.population")).isEqualTo(522000L);
    assertThat(run.getMap("result")).doesNotContainKey("text");
    List<FakeOpenAiServer.ChatCall> calls = callsFor(input);
    assertThat(calls).hasSize(2);
    for (FakeOpenAiServer.ChatCall call : calls) {
      JsonNode format = call.request().path("response_format");
      assertThat(format.path("type").asText()).isEqualTo("json_schema");
      assertThat(format.path("json_schema").path("strict").asBoolean()).isTrue();
      JsonNode sent = format.path("json_schema").path("schema");
      assertThat(sent.path("required").toString()).contains("city", "population", "kind");
      assertThat(sent.path("additionalProperties").asBoolean(true)).isFalse();
      assertThat(sent.path("properties").path("kind").path("enum").toString())
          .contains("city", "town");
      assertThat(call.toolNames()).containsExactly("calculator");
    }
    assertThat(replay(id)).isEqualTo("MATCH");
  }

  @Test
  void shouldRetryOnceWithTheValidatorsErrorsAndThenComplete() {
    String agent = openAiAgent("{\"schema\":" + STRICT_SCHEMA + ",\"maxRetries\":2}");
    String input = "retry " + UUID.randomUUID();
    FakeOpenAiResource.BY_INPUT.put(
        input,
        call ->
            call.assistantCount() == 0
                ? Reply.text("{\"city\":\"Lyon\",\"population\":-5,\"kind\":\"city\"}")
                : Reply.text("{\"city\":\"Lyon\",\"population\":5,\"kind\":\"city\"}"));
    String id = submit(agent, input);
    JsonPath run = awaitTerminal(id);

    assertThat(run.getString("status")).isEqualTo("COMPLETED");
    assertThat(run.getInt("result.population")).isEqualTo(5);
    assertThat(run.getInt("modelCalls")).isEqualTo(2);
    List<FakeOpenAiServer.ChatCall> calls = callsFor(input);
    assertThat(calls).hasSize(2);
    JsonNode feedback = calls.get(1).messages().getLast();
    assertThat(feedback.path("role").asText()).isEqualTo("user");
    assertThat(feedback.toString()).contains("not accepted").contains("population");
    JsonPath checkpoints =
        given().get("/v1/runs/" + id + "/checkpoints").then().extract().jsonPath();
    assertThat(checkpoints.getList("items.kind", String.class))
        .containsExactly("MODEL_CALL", "MODEL_CALL");
    assertThat(checkpoints.getInt("items[0].outcome.resultCheck.attempt")).isEqualTo(1);
    assertThat(checkpoints.getString("items[0].outcome.resultCheck.errors[0]"))
        .contains("population");
    assertThat(replay(id)).isEqualTo("MATCH");
  }

  @Test
  void shouldFailWithAClearReasonWhenAnswersNeverMatch() {
    String agent = openAiAgent("{\"schema\":" + STRICT_SCHEMA + ",\"maxRetries\":1}");
    String input = "never " + UUID.randomUUID();
    FakeOpenAiResource.BY_INPUT.put(input, call -> Reply.text("Lyon, about half a million."));
    String id = submit(agent, input);
    JsonPath run = awaitTerminal(id);

    assertThat(run.getString("status")).isEqualTo("FAILED");
    assertThat(run.getString("error.message"))
        .startsWith("result did not match the schema after 2 attempts: ")
        .contains("not valid JSON");
    assertThat(callsFor(input)).hasSize(2);
    assertThat(replay(id)).isEqualTo("MATCH");
  }

  @Test
  void shouldFallBackToJsonModeWithTheSchemaInTheInstructionWhenItCannotBeStrict() {
    String optional =
        """
        {"schema":{"type":"object","properties":{"city":{"type":"string"},
         "note":{"type":"string"}},"required":["city"]}}""";
    String agent = openAiAgent(optional);
    String input = "optional " + UUID.randomUUID();
    FakeOpenAiResource.BY_INPUT.put(input, call -> Reply.text("{\"city\":\"Lyon\"}"));
    JsonPath run = awaitTerminal(submit(agent, input));

    assertThat(run.getString("status")).isEqualTo("COMPLETED");
    FakeOpenAiServer.ChatCall call = callsFor(input).getFirst();
    assertThat(call.request().path("response_format").path("type").asText())
        .isEqualTo("json_object");
    assertThat(call.messages().getLast().path("content").asText())
        .startsWith(StructuredOutput.INSTRUCTION)
        .contains("\"note\"");
  }

  @Test
  void shouldValidateTheScriptedProvidersFinalText() {
    String agent =
        publish(
            """
            {"provider":"scripted","script":[{"text":"not json"},
             {"text":"{\\"city\\":\\"Lyon\\",\\"population\\":1,\\"kind\\":\\"town\\"}"}]}""",
            "{\"schema\":" + STRICT_SCHEMA + "}");
    String id = submit(agent, "scripted " + UUID.randomUUID());
    JsonPath run = awaitTerminal(id);

    assertThat(run.getString("status")).isEqualTo("COMPLETED");
    assertThat(run.getString("result.kind")).isEqualTo("town");
    assertThat(run.getInt("modelCalls")).isEqualTo(2);
    assertThat(replay(id)).isEqualTo("MATCH");
  }

  @Test
  void shouldRefuseAnInvalidSchemaAtPublish() {
    for (String result :
        List.of(
            "{\"schema\":{\"type\":\"string\"}}",
            "{\"schema\":{\"type\":\"object\",\"properties\":{\"a\":{\"type\":7}}}}",
            "{\"schema\":{\"type\":\"object\",\"properties\":{\"a\":{\"$ref\":\"https://x/s\"}}}}",
            "{\"schema\":\"object\"}",
            "{\"schema\":" + STRICT_SCHEMA + ",\"maxRetries\":6}",
            "{\"maxRetries\":1}")) {
      given()
          .contentType(ContentType.JSON)
          .body(
              """
              {"name":"%s","model":{"provider":"scripted","script":[{"text":"{}"}]},"result":%s}"""
                  .formatted(Names.agent(), result))
          .post("/v1/agents")
          .then()
          .statusCode(400)
          .contentType("application/problem+json");
    }
  }

  @Test
  void shouldKeepTheDefinitionHashOfADefinitionWithoutResult() {
    String agent = Names.agent();
    String spec =
        given()
            .contentType(ContentType.JSON)
            .body(
                """
                {"name":"%s","model":{"provider":"scripted","script":[{"text":"hi"}]}}"""
                    .formatted(agent))
            .post("/v1/agents")
            .then()
            .statusCode(201)
            .extract()
            .asString();
    assertThat(spec).doesNotContain("\"result\"");
  }
}
