package dev.cairn.runtime.model;

import static dev.cairn.runtime.testing.Auth.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cairn.runtime.testing.Names;
import dev.cairn.testing.FakeOpenAiServer;
import dev.cairn.testing.FakeOpenAiServer.Reply;
import dev.cairn.testing.FakeProviderServer;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;

/**
 * Every provider through its LangChain4j client against a fake server over HTTP: the request the
 * provider sees (model, tools, key), and what its answer leaves in the checkpoints (tool calls, who
 * answered, cached tokens, cost at the cached price). Keys appear nowhere but on the wire.
 */
@QuarkusTest
@QuarkusTestResource(value = FakeProvidersResource.class, restrictToAnnotatedClass = true)
class ModelProvidersTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** About 1,800 tokens: long enough for the providers' 1,024-token caching minimum. */
  static final String LONG_PROMPT =
      "You are a careful assistant that checks every figure with the calculator. ".repeat(100);

  private static final IntFunction<Reply> MULTIPLY =
      results ->
          results == 0
              ? Reply.toolCall("calculator", "{\"expression\":\"6*7\"}")
              : Reply.text("It is 42.");

  @Test
  void shouldRunOnAnthropicWithItsKeyAndCacheMarkersAndRecordCacheUsage() {
    Run run = roundTrip("anthropic", "claude-fake", null, LONG_PROMPT);
    List<FakeProviderServer.ProviderCall> calls = callsFor(FakeProvidersResource.anthropic, run);
    assertThat(calls).hasSize(2);
    FakeProviderServer.ProviderCall first = calls.getFirst();
    assertThat(first.model()).isEqualTo("claude-fake");
    assertThat(first.toolNames()).containsExactly("calculator");
    assertThat(first.header("x-api-key")).isEqualTo(FakeProvidersResource.ANTHROPIC_KEY);
    assertThat(first.header("anthropic-version")).isNotBlank();
    JsonNode body = first.body();
    assertThat(body.path("tools").path(0).path("cache_control").path("type").asText())
        .isEqualTo("ephemeral");
    JsonNode system = body.path("system");
    assertThat(system.get(system.size() - 1).path("cache_control").path("type").asText())
        .as("the last system block is marked")
        .isEqualTo("ephemeral");
    JsonNode input = body.path("messages").path(0).path("content");
    assertThat(input.get(input.size() - 1).path("cache_control").path("type").asText())
        .as("the run's input is marked")
        .isEqualTo("ephemeral");
    assertThat(calls.get(1).toolResultCount()).isEqualTo(1);

    List<JsonNode> answers = run.modelCheckpoints();
    JsonNode firstCall = answers.getFirst().path("outcome").path("call");
    JsonNode secondCall = answers.get(1).path("outcome").path("call");
    assertThat(firstCall.path("provider").asText()).isEqualTo("anthropic");
    assertThat(firstCall.path("model").asText()).isEqualTo("claude-fake");
    assertThat(firstCall.path("cacheWriteTokens").asInt())
        .as("the first call writes the prefix")
        .isGreaterThan(1024);
    assertThat(firstCall.path("cachedInputTokens").asInt()).isZero();
    assertThat(secondCall.path("cachedInputTokens").asInt())
        .as("the second call reads what the first wrote")
        .isEqualTo(firstCall.path("cacheWriteTokens").asInt());
    for (JsonNode checkpoint : answers) {
      JsonNode call = checkpoint.path("outcome").path("call");
      int in = checkpoint.path("inputTokens").asInt();
      int cached = call.path("cachedInputTokens").asInt();
      assertThat(in)
          .as("input tokens count cache reads and writes too")
          .isGreaterThanOrEqualTo(cached + call.path("cacheWriteTokens").asInt());
      long expected =
          (long)
              Math.ceil(
                  (in - cached) * 3
                      + cached * 0.3
                      + checkpoint.path("outputTokens").asInt() * 15
                      - 1e-9);
      assertThat(checkpoint.path("outcome").path("costMicros").asLong())
          .as("cached tokens at the cached price")
          .isEqualTo(expected);
      assertThat(call.path("latencyMillis").asLong()).isNotNegative();
    }
  }

  @Test
  void shouldRunOnGemini() {
    Run run = roundTrip("gemini", "gemini-fake", null, "Be brief.");
    List<FakeProviderServer.ProviderCall> calls = callsFor(FakeProvidersResource.gemini, run);
    assertThat(calls).hasSize(2);
    assertThat(calls.getFirst().model()).isEqualTo("gemini-fake");
    assertThat(calls.getFirst().toolNames()).containsExactly("calculator");
    assertThat(calls.getFirst().header("x-goog-api-key"))
        .isEqualTo(FakeProvidersResource.GEMINI_KEY);
    assertThat(calls.get(1).toolResultCount()).isEqualTo(1);
    run.assertAnsweredBy("gemini", "gemini-fake");
  }

  @Test
  void shouldRunOnOllama() {
    Run run = roundTrip("ollama", "llama-fake", null, "Be brief.");
    List<FakeProviderServer.ProviderCall> calls = callsFor(FakeProvidersResource.ollama, run);
    assertThat(calls).hasSize(2);
    assertThat(calls.getFirst().model()).isEqualTo("llama-fake");
    assertThat(calls.getFirst().toolNames()).containsExactly("calculator");
    assertThat(calls.getFirst().body().path("stream").asBoolean(true)).isFalse();
    assertThat(calls.get(1).toolResultCount()).isEqualTo(1);
    run.assertAnsweredBy("ollama", "llama-fake");
  }

  @Test
  void shouldRunOnMistral() {
    Run run = roundTrip("mistral", "mistral-fake", null, "Be brief.");
    List<FakeProviderServer.ProviderCall> calls = callsFor(FakeProvidersResource.mistral, run);
    assertThat(calls).hasSize(2);
    assertThat(calls.getFirst().model()).isEqualTo("mistral-fake");
    assertThat(calls.getFirst().toolNames()).containsExactly("calculator");
    assertThat(calls.getFirst().header("authorization"))
        .isEqualTo("Bearer " + FakeProvidersResource.MISTRAL_KEY);
    assertThat(calls.get(1).toolResultCount()).isEqualTo(1);
    run.assertAnsweredBy("mistral", "mistral-fake");
  }

  @Test
  void shouldRunOnBedrockThroughTheConverseApiSignedWithTheStaticKeys() {
    Run run = roundTrip("bedrock", "anthropic.claude-fake-v1:0", null, "Be brief.");
    List<FakeProviderServer.ProviderCall> calls = callsFor(FakeProvidersResource.bedrock, run);
    assertThat(calls).hasSize(2);
    assertThat(calls.getFirst().model()).isEqualTo("anthropic.claude-fake-v1:0");
    assertThat(calls.getFirst().toolNames()).containsExactly("calculator");
    assertThat(calls.getFirst().header("authorization"))
        .startsWith("AWS4-HMAC-SHA256 Credential=" + FakeProvidersResource.AWS_ACCESS_KEY + "/")
        .contains("/eu-west-1/bedrock/aws4_request")
        .doesNotContain(FakeProvidersResource.AWS_SECRET);
    assertThat(calls.get(1).toolResultCount()).isEqualTo(1);
    run.assertAnsweredBy("bedrock", "anthropic.claude-fake-v1:0");
  }

  @Test
  void shouldRunOnAnOpenAiCompatibleServerNamedByACredential() {
    Run run = roundTrip("openai-compatible", "local-fake", "local-llm", "Be brief.");
    List<FakeOpenAiServer.ChatCall> calls =
        FakeProvidersResource.openAi.calls().stream()
            .filter(c -> run.input().equals(c.firstUserText()))
            .toList();
    assertThat(calls).hasSize(2);
    assertThat(calls.getFirst().model()).isEqualTo("local-fake");
    assertThat(calls.getFirst().authorization())
        .isEqualTo("Bearer " + FakeProvidersResource.LOCAL_KEY);
    run.assertAnsweredBy("openai-compatible", "local-fake");
  }

  @Test
  void shouldTreatRateLimitsOfEveryProviderAsRetryable() {
    for (String[] p :
        new String[][] {
          {"anthropic", "claude-fake"},
          {"gemini", "gemini-fake"},
          {"ollama", "llama-fake"},
          {"mistral", "mistral-fake"},
          {"bedrock", "anthropic.claude-fake-v1:0"}
        }) {
      FakeProviderServer server =
          switch (p[0]) {
            case "anthropic" -> FakeProvidersResource.anthropic;
            case "gemini" -> FakeProvidersResource.gemini;
            case "ollama" -> FakeProvidersResource.ollama;
            case "mistral" -> FakeProvidersResource.mistral;
            default -> FakeProvidersResource.bedrock;
          };
      server.enqueueStatus(429, 1);
      Run run = roundTrip(p[0], p[1], null, "Be brief.");
      assertThat(run.kinds())
          .as("%s: a 429 is retried", p[0])
          .containsExactly("MODEL_ERROR", "MODEL_CALL", "TOOL_CALL", "MODEL_CALL");
      assertThat(callsFor(server, run)).hasSize(3);
    }
  }

  @Test
  void shouldRefuseAnUnknownProviderAtPublishListingTheKnownOnes() {
    String agent = Names.agent();
    String problem =
        given()
            .contentType(ContentType.JSON)
            .body(
                """
                {"name":"%s","model":{"provider":"watsonx","name":"granite"}}"""
                    .formatted(agent))
            .post("/v1/agents")
            .then()
            .statusCode(400)
            .contentType("application/problem+json")
            .extract()
            .asString();
    assertThat(problem).contains("watsonx").contains("anthropic").contains("bedrock");
    given().get("/v1/agents/" + agent).then().statusCode(404);

    given()
        .contentType(ContentType.JSON)
        .body(
            """
            {"name":"%s","model":{"provider":"openai-compatible","name":"x"}}"""
                .formatted(agent))
        .post("/v1/agents")
        .then()
        .statusCode(400);
    given()
        .contentType(ContentType.JSON)
        .body(
            """
            {"name":"%s","model":{"provider":"azure-openai","name":"my-deployment"}}"""
                .formatted(agent))
        .post("/v1/agents")
        .then()
        .statusCode(400);
    given()
        .contentType(ContentType.JSON)
        .body(
            """
            {"name":"%s","model":{"provider":"anthropic"}}"""
                .formatted(agent))
        .post("/v1/agents")
        .then()
        .statusCode(400);
  }

  @Test
  void shouldKeepProviderKeysOutOfCheckpointsApiOutputAndLogs() throws Exception {
    List<String> outputs = new ArrayList<>();
    for (String[] p :
        new String[][] {
          {"anthropic", "claude-fake"},
          {"bedrock", "anthropic.claude-fake-v1:0"},
          {"mistral", "mistral-fake"}
        }) {
      Run run = roundTrip(p[0], p[1], null, "Be brief.");
      outputs.add(given().get("/v1/runs/" + run.id()).asString());
      outputs.add(given().get("/v1/runs/" + run.id() + "/checkpoints").asString());
      outputs.add(given().get("/v1/agents/" + run.agent()).asString());
    }
    String logged = Files.readString(Path.of("target", "cairn-test.log"));
    for (String key :
        List.of(
            FakeProvidersResource.ANTHROPIC_KEY,
            FakeProvidersResource.AWS_SECRET,
            FakeProvidersResource.AWS_ACCESS_KEY,
            FakeProvidersResource.MISTRAL_KEY,
            FakeProvidersResource.GEMINI_KEY)) {
      assertThat(outputs).noneMatch(o -> o.contains(key));
      assertThat(logged).doesNotContain(key);
    }
  }

  // --- helpers ---

  private static List<FakeProviderServer.ProviderCall> callsFor(
      FakeProviderServer server, Run run) {
    return server.calls().stream().filter(c -> run.input().equals(c.firstUserText())).toList();
  }

  /** Publishes an agent on the provider with the calculator and runs one tool round trip. */
  static Run roundTrip(String provider, String model, String credential, String systemPrompt) {
    String input = provider + " multiply " + UUID.randomUUID();
    FakeProvidersResource.BY_INPUT.put(input, MULTIPLY);
    Run run = runOn(provider, model, credential, systemPrompt, input, 20);
    assertThat(run.json().getString("status")).as(provider).isEqualTo("COMPLETED");
    assertThat(run.json().getString("result.text")).isEqualTo("It is 42.");
    return run;
  }

  static Run runOn(
      String provider,
      String model,
      String credential,
      String systemPrompt,
      String input,
      int maxSteps) {
    String agent = Names.agent();
    String credentialJson = credential == null ? "" : ",\"credential\":\"" + credential + "\"";
    given()
        .contentType(ContentType.JSON)
        .body(
            """
            {"name":"%s","systemPrompt":"%s","model":{"provider":"%s","name":"%s"%s},
             "tools":["calculator"],"budget":{"maxSteps":%d,"maxModelCalls":%d}}"""
                .formatted(
                    agent, systemPrompt, provider, model, credentialJson, maxSteps, maxSteps))
        .post("/v1/agents")
        .then()
        .statusCode(201);
    String id =
        given()
            .contentType(ContentType.JSON)
            .body("{\"agent\":\"" + agent + "\",\"input\":\"" + input + "\"}")
            .post("/v1/runs")
            .then()
            .statusCode(202)
            .extract()
            .path("id");
    JsonPath json =
        await()
            .atMost(Duration.ofSeconds(90))
            .pollInterval(Duration.ofMillis(100))
            .until(
                () -> given().get("/v1/runs/" + id).then().extract().jsonPath(),
                r -> !List.of("QUEUED", "RUNNING", "WAITING").contains(r.getString("status")));
    return new Run(id, agent, input, json);
  }

  /** A finished run and how to read its checkpoints. */
  record Run(String id, String agent, String input, JsonPath json) {
    List<JsonNode> checkpoints() {
      try {
        JsonNode page =
            JSON.readTree(
                given().queryParam("limit", 500).get("/v1/runs/" + id + "/checkpoints").asString());
        List<JsonNode> items = new ArrayList<>();
        page.path("items").forEach(items::add);
        return items;
      } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
        throw new IllegalStateException(e);
      }
    }

    List<JsonNode> modelCheckpoints() {
      return checkpoints().stream()
          .filter(c -> "MODEL_CALL".equals(c.path("kind").asText()))
          .toList();
    }

    List<String> kinds() {
      return checkpoints().stream().map(c -> c.path("kind").asText()).toList();
    }

    void assertAnsweredBy(String provider, String model) {
      List<JsonNode> answers = modelCheckpoints();
      assertThat(answers).hasSize(2);
      for (JsonNode answer : answers) {
        JsonNode call = answer.path("outcome").path("call");
        assertThat(call.path("provider").asText()).isEqualTo(provider);
        assertThat(call.path("model").asText()).isEqualTo(model);
        assertThat(answer.path("inputTokens").asInt()).isPositive();
      }
      assertThat(answers.getFirst().path("outcome").path("toolCalls").path(0).path("name").asText())
          .isEqualTo("calculator");
    }
  }
}
