package dev.cairn.runtime.model;

import static dev.cairn.runtime.testing.Auth.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cairn.persistence.store.ClaimStore;
import dev.cairn.persistence.store.MessageRow;
import dev.cairn.persistence.store.SummaryRow;
import dev.cairn.runtime.memory.SummaryPrompt;
import dev.cairn.runtime.memory.TokenEstimator;
import dev.cairn.runtime.testing.Names;
import dev.cairn.testing.FakeOpenAiServer;
import dev.cairn.testing.FakeOpenAiServer.Reply;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Long runs on a model with a 2,000-token window (see application.properties): the context sent
 * stays within the window, older turns are summarised by checkpointed model calls, and the prompt
 * keeps a stable prefix. Measured at the fake OpenAI server, through LangChain4j's real client.
 */
@QuarkusTest
@QuarkusTestResource(value = FakeOpenAiResource.class, restrictToAnnotatedClass = true)
class SummarizingRunTest {
  /** The window of {@code openai/ctx-small}. */
  private static final int WINDOW = 2000;

  /** The agent's output cap. */
  private static final int ANSWER_CAP = 200;

  /** What an ordinary call may send: window less answer cap less the 10% margin. */
  private static final long ANSWER_INPUT_BUDGET = WINDOW - ANSWER_CAP - WINDOW / 10;

  /** What a summary call may send: window less the 15% summary cap less the margin. */
  private static final long SUMMARY_INPUT_BUDGET = WINDOW - WINDOW * 15 / 100 - WINDOW / 10;

  @Inject ClaimStore claims;
  @Inject DataSource dataSource;

  private String agent;

  @BeforeEach
  void publish() {
    agent = Names.agent();
    given()
        .contentType(ContentType.JSON)
        .body(
            """
            {"name":"%s","systemPrompt":"You are precise. Use the calculator for every step.",
             "model":{"provider":"openai","name":"ctx-small","maxOutputTokens":%d},
             "tools":["calculator"],
             "budget":{"maxSteps":1000,"maxModelCalls":1000,"maxTokens":100000000}}"""
                .formatted(agent, ANSWER_CAP))
        .post("/v1/agents")
        .then()
        .statusCode(201);
    FakeOpenAiResource.summaries =
        call -> {
          String transcript = call.messages().get(1).path("content").asText();
          long lines = transcript.lines().filter(l -> l.startsWith("[")).count();
          return Reply.text("Summary: " + lines + " lines folded; the calculator answered each.");
        };
  }

  @Test
  void shouldCompleteA300StepRunWithinTheWindow() {
    String input = "count to 150 " + UUID.randomUUID();
    String id = runWithToolCalls(input, 150, 0);

    JsonPath run = given().get("/v1/runs/" + id).then().extract().jsonPath();
    assertThat(run.getString("status")).isEqualTo("COMPLETED");
    assertThat(run.getInt("stepCount")).isGreaterThanOrEqualTo(300);

    List<FakeOpenAiServer.ChatCall> calls = callsOf(input);
    List<FakeOpenAiServer.ChatCall> summaries = calls.stream().filter(c -> isSummary(c)).toList();
    assertThat(summaries).isNotEmpty();
    long largest = 0;
    for (FakeOpenAiServer.ChatCall call : calls) {
      long tokens = requestTokens(call);
      largest = Math.max(largest, tokens);
      long budget = isSummary(call) ? SUMMARY_INPUT_BUDGET : ANSWER_INPUT_BUDGET;
      assertThat(tokens).as("estimated tokens of a request").isLessThanOrEqualTo(budget);
      assertThat(tokens + call.request().path("max_tokens").asLong(0))
          .as("request plus answer cap")
          .isLessThanOrEqualTo(WINDOW);
    }
    System.out.printf(
        "300-step run: %d steps, %d model requests, %d summaries, largest request %d tokens"
            + " (budget %d)%n",
        run.getInt("stepCount"), calls.size(), summaries.size(), largest, ANSWER_INPUT_BUDGET);

    JsonPath history =
        given()
            .get("/v1/runs/" + id + "/history?limit=500")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    List<String> kinds = history.getList("items.kind");
    assertThat(kinds).hasSize(run.getInt("stepCount"));
    assertThat(kinds.stream().filter("SUMMARY"::equals).count()).isEqualTo(summaries.size());
    assertThat(run.getInt("modelCalls"))
        .as("summaries count as model calls")
        .isEqualTo(calls.size());

    JsonPath verdict =
        given().get("/v1/runs/" + id + "/verify").then().statusCode(200).extract().jsonPath();
    assertThat(verdict.getString("status")).isEqualTo("intact");
    int before = FakeOpenAiResource.server.calls().size();
    JsonPath replay =
        given().get("/v1/runs/" + id + "/replay").then().statusCode(200).extract().jsonPath();
    assertThat(replay.getString("result")).as(replay.prettify()).isEqualTo("MATCH");
    assertThat(FakeOpenAiResource.server.calls().size()).isEqualTo(before);
  }

  @Test
  void shouldRefuseADefinitionWhosePromptLeavesTheConversationNoRoom() {
    String prompt = "Follow these rules. ".repeat(200);
    given()
        .contentType(ContentType.JSON)
        .body(
            "{\"name\":\""
                + Names.agent()
                + "\",\"systemPrompt\":\""
                + prompt
                + "\",\"model\":{\"provider\":\"openai\",\"name\":\"ctx-small\"},"
                + "\"tools\":[\"calculator\"]}")
        .post("/v1/agents")
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("detail", org.hamcrest.Matchers.containsString("context window of 2000 tokens"));
  }

  @Test
  void shouldLoadOnlyTheSummaryAndTheTailAtClaim() {
    String input = "tail " + UUID.randomUUID();
    String id = runWithToolCalls(input, 60, 0);
    UUID runId = UUID.fromString(id);

    SummaryRow summary = claims.loadSummaries(List.of(runId)).get(runId);
    assertThat(summary).as("the run made a summary").isNotNull();
    List<MessageRow> loaded = claims.loadMessages(List.of(runId)).get(runId);
    int total = storedMessages(runId);
    assertThat(loaded.getFirst().idx()).isZero();
    assertThat(loaded.subList(1, loaded.size()))
        .allSatisfy(m -> assertThat(m.idx()).isGreaterThan(summary.toIdx()));
    assertThat(loaded.size()).as("fewer than the messages covered").isLessThan(summary.toIdx());
    assertThat(loaded.getLast().idx() + 1)
        .as("the tail ends at the run's last message")
        .isEqualTo(total);

    // A fork after the summary starts from it: the summary row and the tail, indexes kept.
    int atSeq = summary.seq() + 1;
    String forkId =
        given()
            .contentType(ContentType.JSON)
            .body("{\"atSeq\":" + atSeq + "}")
            .post("/v1/runs/" + id + "/fork")
            .then()
            .statusCode(201)
            .extract()
            .path("id");
    UUID fork = UUID.fromString(forkId);
    SummaryRow copied = claims.loadSummaries(List.of(fork)).get(fork);
    assertThat(copied).as("the fork has the original's summary").isNotNull();
    assertThat(copied.toIdx()).isEqualTo(summary.toIdx());
    assertThat(copied.text()).isEqualTo(summary.text());
    List<MessageRow> forkTail = claims.loadMessages(List.of(fork)).get(fork);
    assertThat(forkTail.subList(1, forkTail.size()))
        .allSatisfy(m -> assertThat(m.idx()).isGreaterThan(summary.toIdx()));
    // An edit names a message by its run-wide idx; one the summary covers cannot be edited.
    given()
        .contentType(ContentType.JSON)
        .body(
            "{\"atSeq\":"
                + atSeq
                + ",\"editedMessage\":{\"index\":"
                + (summary.toIdx() - 1)
                + ",\"content\":\"x\"}}")
        .post("/v1/runs/" + id + "/fork")
        .then()
        .statusCode(400);
  }

  @Test
  void shouldKeepThePromptPrefixCacheableOverA50StepRun() {
    String input = "cache " + UUID.randomUUID();
    // Longer tool arguments make this short run summarise too.
    String id = runWithToolCalls(input, 25, 60);
    int steps = given().get("/v1/runs/" + id).then().extract().jsonPath().getInt("stepCount");
    assertThat(steps).isGreaterThanOrEqualTo(50);

    List<FakeOpenAiServer.ChatCall> calls = callsOf(input);
    long total = 0;
    long cached = 0;
    String previous = "";
    for (FakeOpenAiServer.ChatCall call : calls) {
      String prompt = call.request().path("tools").toString() + call.request().path("messages");
      total += prompt.length();
      cached += commonPrefix(previous, prompt);
      previous = prompt;
    }
    double share = (double) cached / total;
    long summaries = calls.stream().filter(SummarizingRunTest::isSummary).count();
    System.out.printf(
        "prompt cache share over a %d-step run (%d requests, %d summaries): %.1f%% of input"
            + " characters%n",
        steps, calls.size(), summaries, share * 100);
    assertThat(summaries).as("the measured run summarises").isPositive();
    assertThat(share).isGreaterThan(0.6);
  }

  /**
   * Submits a run whose model calls the calculator {@code toolCalls} times, each expression padded
   * with {@code padding} no-op terms, then answers.
   */
  private String runWithToolCalls(String input, int toolCalls, int padding) {
    AtomicInteger answers = new AtomicInteger();
    FakeOpenAiResource.BY_INPUT.put(
        input,
        call -> {
          int n = answers.incrementAndGet();
          return n <= toolCalls
              ? Reply.toolCall(
                  "calculator", "{\"expression\":\"" + n + "*7" + "+0".repeat(padding) + "\"}")
              : Reply.text("Done after " + toolCalls + " calculations.");
        });
    String id =
        given()
            .contentType(ContentType.JSON)
            .body(Map.of("agent", agent, "input", input))
            .post("/v1/runs")
            .then()
            .statusCode(202)
            .extract()
            .path("id");
    await()
        .atMost(Duration.ofSeconds(240))
        .pollInterval(Duration.ofMillis(250))
        .until(
            () -> given().get("/v1/runs/" + id).then().extract().jsonPath().getString("status"),
            status -> !List.of("QUEUED", "RUNNING", "WAITING").contains(status));
    return id;
  }

  /** The run's requests: its own calls and its summary calls (identified by its input). */
  private static List<FakeOpenAiServer.ChatCall> callsOf(String input) {
    return FakeOpenAiResource.server.calls().stream()
        .filter(c -> c.request().path("messages").toString().contains(input) || isSummaryOf(c))
        .filter(c -> !isSummary(c) || belongsTo(c, input))
        .toList();
  }

  private static boolean isSummaryOf(FakeOpenAiServer.ChatCall call) {
    return isSummary(call);
  }

  /** Summary calls carry no input; they belong to the run whose calls surround them. */
  private static boolean belongsTo(FakeOpenAiServer.ChatCall summary, String input) {
    List<FakeOpenAiServer.ChatCall> all = FakeOpenAiResource.server.calls();
    int at = all.indexOf(summary);
    for (int i = at - 1; i >= 0; i--) {
      if (!isSummary(all.get(i))) {
        return all.get(i).request().path("messages").toString().contains(input);
      }
    }
    return false;
  }

  private static boolean isSummary(FakeOpenAiServer.ChatCall call) {
    return call.request()
        .path("messages")
        .path(0)
        .path("content")
        .asText("")
        .startsWith(SummaryPrompt.INSTRUCTION);
  }

  /** The request's size by the runtime's estimator: messages as sent plus tool definitions. */
  static long requestTokens(FakeOpenAiServer.ChatCall call) {
    long n = 0;
    for (JsonNode m : call.messages()) {
      n += TokenEstimator.PER_MESSAGE;
      n += TokenEstimator.tokens(m.path("content").asText(""));
      n += TokenEstimator.tokens(m.path("tool_call_id").asText(""));
      for (JsonNode c : m.path("tool_calls")) {
        n += TokenEstimator.PER_MESSAGE;
        n += TokenEstimator.tokens(c.path("id").asText(""));
        n += TokenEstimator.tokens(c.path("function").path("name").asText(""));
        n += TokenEstimator.tokens(c.path("function").path("arguments").asText(""));
      }
    }
    if (call.request().has("tools")) {
      n += TokenEstimator.tokens(call.request().path("tools").toString());
    }
    return n;
  }

  private int storedMessages(UUID runId) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps =
            c.prepareStatement("SELECT count(*) FROM run_message WHERE run_id = ?")) {
      ps.setObject(1, runId);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getInt(1);
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private static long commonPrefix(String a, String b) {
    int n = Math.min(a.length(), b.length());
    int i = 0;
    while (i < n && a.charAt(i) == b.charAt(i)) {
      i++;
    }
    return i;
  }
}
