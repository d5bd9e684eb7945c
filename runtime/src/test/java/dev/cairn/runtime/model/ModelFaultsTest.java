package dev.cairn.runtime.model;

import static dev.cairn.runtime.testing.Auth.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.cairn.runtime.testing.Db;
import dev.cairn.runtime.testing.Names;
import dev.cairn.testing.FakeOpenAiServer;
import dev.cairn.testing.FakeOpenAiServer.Fault;
import dev.cairn.testing.FakeOpenAiServer.FaultRule;
import dev.cairn.testing.FakeOpenAiServer.Reply;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Provider faults over real HTTP: the provider's Retry-After bounds every retry, and a circuit
 * breaker per provider and model holds requests back while the provider keeps failing.
 */
@QuarkusTest
@QuarkusTestResource(
    value = FakeOpenAiResource.class,
    restrictToAnnotatedClass = true,
    initArgs = {
      // Enough attempts that a run of bad luck against a provider failing half the time never
      // fails a run: these tests are about waits, not about the attempt limit.
      @ResourceArg(name = "cairn.retry.max-attempts", value = "40"),
      // The breaker opens only when every call of the last minute failed (at least 4).
      @ResourceArg(name = "cairn.model-faults.failure-ratio", value = "1.0"),
      @ResourceArg(name = "cairn.model-faults.minimum-calls", value = "4"),
      @ResourceArg(name = "cairn.model-faults.window", value = "60s"),
      @ResourceArg(name = "cairn.model-faults.open-delay", value = "2s")
    })
class ModelFaultsTest {
  private static final Duration OPEN_DELAY = Duration.ofSeconds(2);

  @Inject DataSource dataSource;

  @AfterEach
  void noMoreFaults() {
    FakeOpenAiResource.server.setFaultRule(FaultRule.NONE);
  }

  @Test
  void shouldPersistAWakeTimeNoEarlierThanTheProvidersRetryAfter() {
    String model = "model-" + UUID.randomUUID();
    String agent = publish(model);
    String input = "patience " + UUID.randomUUID();
    FakeOpenAiResource.BY_INPUT.put(input, call -> Reply.text("done"));
    FakeOpenAiResource.server.enqueueFault(Fault.status(429, 3));
    String id = submit(agent, input);
    Db db = new Db(dataSource);

    await()
        .atMost(Duration.ofSeconds(20))
        .pollInterval(Duration.ofMillis(50))
        .until(
            () ->
                db.count(
                        "SELECT count(*) FROM checkpoint WHERE run_id = ?::uuid"
                            + " AND kind = 'MODEL_ERROR'",
                        id)
                    == 1);
    long persistedWaitMs =
        db.count(
            "SELECT (extract(epoch FROM r.wake_at - c.created_at) * 1000)::bigint"
                + " FROM agent_run r JOIN checkpoint c ON c.run_id = r.id"
                + " WHERE r.id = ?::uuid AND c.kind = 'MODEL_ERROR' AND r.status = 'WAITING'",
            id);
    long recordedWaitMs =
        db.count(
            "SELECT (extract(epoch FROM (outcome->>'retryAt')::timestamptz - created_at) * 1000)"
                + "::bigint FROM checkpoint WHERE run_id = ?::uuid AND kind = 'MODEL_ERROR'",
            id);
    assertThat(persistedWaitMs).isGreaterThanOrEqualTo(3000);
    assertThat(recordedWaitMs).isEqualTo(persistedWaitMs);

    JsonPath run = awaitTerminal(id);
    assertThat(run.getString("status")).isEqualTo("COMPLETED");
    List<FakeOpenAiServer.ChatCall> calls = callsFor(input);
    assertThat(calls).hasSize(2);
    FakeOpenAiServer.StatusSent limited = statusesFor(input).getFirst();
    assertThat(limited.code()).isEqualTo(429);
    assertThat(Duration.between(limited.sentAt(), calls.get(1).receivedAt()))
        .isGreaterThanOrEqualTo(Duration.ofSeconds(3));
  }

  @Test
  void shouldNeverRetryEarlierThanAskedWhenTheProviderFailsEveryThirdAndFifthRequest() {
    String model = "flaky-" + UUID.randomUUID();
    String agent = publish(model);
    FakeOpenAiResource.server.setFaultRule(
        FaultRule.firstOf(
                FaultRule.everyNth(3, Fault.status(429, 1)),
                FaultRule.everyNth(5, Fault.status(500, null)))
            .onlyForModel(model));
    List<String> inputs = new ArrayList<>();
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      String input = "flaky " + i + " " + UUID.randomUUID();
      FakeOpenAiResource.BY_INPUT.put(
          input,
          call ->
              call.toolResultCount() == 0
                  ? Reply.toolCall("calculator", "{\"expression\":\"2*3\"}")
                  : Reply.text("6"));
      inputs.add(input);
      ids.add(submit(agent, input));
    }

    for (String id : ids) {
      assertThat(awaitTerminal(id).getString("status")).as("run %s", id).isEqualTo("COMPLETED");
    }
    int rateLimited = 0;
    for (String input : inputs) {
      List<FakeOpenAiServer.ChatCall> calls = callsFor(input);
      for (FakeOpenAiServer.StatusSent sent : statusesFor(input)) {
        FakeOpenAiServer.ChatCall retry =
            calls.stream()
                .filter(c -> c.receivedAt().isAfter(sent.sentAt()))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no retry after " + sent));
        if (sent.retryAfterSeconds() != null) {
          rateLimited++;
          assertThat(Duration.between(sent.sentAt(), retry.receivedAt()))
              .as("retry of %s after a 429 asking for %ss", input, sent.retryAfterSeconds())
              .isGreaterThanOrEqualTo(Duration.ofSeconds(sent.retryAfterSeconds()));
        }
      }
    }
    assertThat(rateLimited).as("429s answered").isGreaterThanOrEqualTo(10);
    assertThat(FakeOpenAiResource.server.statusesSent())
        .as("500s answered")
        .filteredOn(s -> s.code() == 500 && model.equals(s.call().model()))
        .hasSizeGreaterThanOrEqualTo(5);
  }

  @Test
  void shouldHoldRequestsBackWhileTheBreakerIsOpenAndFinishRunsOnceTheProviderRecovers() {
    String model = "down-" + UUID.randomUUID();
    String agent = publish(model);
    AtomicBoolean recovered = new AtomicBoolean();
    FakeOpenAiResource.server.setFaultRule(
        ((FaultRule) call -> recovered.get() ? null : Fault.status(503, null)).onlyForModel(model));
    List<String> inputs = new ArrayList<>();
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      String input = "down " + i + " " + UUID.randomUUID();
      FakeOpenAiResource.BY_INPUT.put(input, call -> Reply.text("back"));
      inputs.add(input);
      ids.add(submit(agent, input));
    }
    Db db = new Db(dataSource);
    String notSent =
        "SELECT count(*) FROM checkpoint WHERE run_id = ?::uuid AND kind = 'MODEL_ERROR'"
            + " AND outcome->>'error' LIKE 'not sent: circuit breaker open%'";

    // Each run is refused at least twice: the breaker stayed open across a probe.
    await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(100))
        .until(() -> ids.stream().allMatch(id -> db.count(notSent, id) >= 2));
    assertThat(callsForModel(model)).as("requests that failed").hasSizeGreaterThanOrEqualTo(4);
    // Once the breaker refused a request, only probes go out: one per open delay at most.
    Instant firstRefusal =
        Instant.EPOCH.plus(
            db.count(
                "SELECT (extract(epoch FROM min(created_at)) * 1000000)::bigint FROM checkpoint"
                    + " WHERE run_id = ANY(?::uuid[]) AND outcome->>'error' LIKE 'not sent%'",
                "{" + String.join(",", ids) + "}"),
            ChronoUnit.MICROS);
    List<FakeOpenAiServer.ChatCall> probes =
        callsForModel(model).stream().filter(c -> c.receivedAt().isAfter(firstRefusal)).toList();
    for (int i = 1; i < probes.size(); i++) {
      assertThat(Duration.between(probes.get(i - 1).receivedAt(), probes.get(i).receivedAt()))
          .as("gap before probe %d", i + 1)
          .isGreaterThanOrEqualTo(OPEN_DELAY);
    }
    for (int i = 0; i < ids.size(); i++) {
      JsonPath run = given().get("/v1/runs/" + ids.get(i)).then().extract().jsonPath();
      assertThat(run.getString("status")).isIn("WAITING", "RUNNING");
      // A refused request is no model call: the count matches what reached the provider.
      assertThat(run.getInt("modelCalls")).isEqualTo(callsFor(inputs.get(i)).size());
    }

    recovered.set(true);
    for (String id : ids) {
      JsonPath run = awaitTerminal(id);
      assertThat(run.getString("status")).isEqualTo("COMPLETED");
      assertThat(run.getString("result.text")).isEqualTo("back");
    }
  }

  private static String publish(String model) {
    String agent = Names.agent();
    given()
        .contentType(ContentType.JSON)
        .body(
            """
            {"name":"%s","systemPrompt":"You are precise.","model":{"provider":"openai",
             "name":"%s"},"tools":["calculator"],"budget":{"maxSteps":200}}"""
                .formatted(agent, model))
        .post("/v1/agents")
        .then()
        .statusCode(201);
    return agent;
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
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(100))
        .until(
            () -> given().get("/v1/runs/" + id).then().extract().jsonPath(),
            run -> !List.of("QUEUED", "RUNNING", "WAITING").contains(run.getString("status")));
  }

  private static List<FakeOpenAiServer.ChatCall> callsFor(String input) {
    return FakeOpenAiResource.server.calls().stream()
        .filter(c -> input.equals(c.firstUserText()))
        .sorted(Comparator.comparing(FakeOpenAiServer.ChatCall::receivedAt))
        .toList();
  }

  private static List<FakeOpenAiServer.ChatCall> callsForModel(String model) {
    return FakeOpenAiResource.server.calls().stream()
        .filter(c -> model.equals(c.model()))
        .sorted(Comparator.comparing(FakeOpenAiServer.ChatCall::receivedAt))
        .toList();
  }

  private static List<FakeOpenAiServer.StatusSent> statusesFor(String input) {
    return FakeOpenAiResource.server.statusesSent().stream()
        .filter(s -> input.equals(s.call().firstUserText()))
        .toList();
  }
}
