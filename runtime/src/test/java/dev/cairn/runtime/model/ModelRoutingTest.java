package dev.cairn.runtime.model;

import static dev.cairn.runtime.testing.Auth.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;

import dev.cairn.runtime.testing.Db;
import dev.cairn.runtime.testing.Names;
import dev.cairn.testing.FakeOpenAiServer;
import dev.cairn.testing.FakeOpenAiServer.Fault;
import dev.cairn.testing.FakeOpenAiServer.FaultRule;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Model routing over real HTTP (ADR 0026): a fallback answers within the step while the primary
 * provider fails and new runs return to the primary once it recovers; an A/B split follows its
 * weights and its report adds up; invalid routes are refused; reservations assume the chain's
 * highest price.
 */
@QuarkusTest
@QuarkusTestResource(value = RoutingProviders.class, restrictToAnnotatedClass = true)
class ModelRoutingTest {
  private static final String ROUTE = "SELECT outcome->'call'->>'route' FROM checkpoint";
  private static final String MODEL_CALL = " WHERE run_id = ?::uuid AND kind = 'MODEL_CALL'";

  @Inject DataSource dataSource;

  @AfterEach
  void providersHealthy() {
    RoutingProviders.primary.setFaultRule(FaultRule.NONE);
  }

  @Test
  void shouldAnswerFromTheFallbackWhilePrimaryFailsAndReturnToThePrimaryOnceItRecovers() {
    String agent =
        publish(
            """
            {"name":"%s","model":{"provider":"openai","name":"down-main","credential":"primary-p"},
             "fallbacks":[{"provider":"openai","name":"up-backup","credential":"backup-p"}]}""");
    AtomicBoolean down = new AtomicBoolean(true);
    RoutingProviders.primary.setFaultRule(
        ((FaultRule) call -> down.get() ? Fault.status(500, null) : null)
            .onlyForModel("down-main"));
    Db db = new Db(dataSource);

    // Two runs answered by the fallback in their first step; their two failures open the breaker.
    for (int i = 0; i < 2; i++) {
      String id = submit(agent, "fallback " + i);
      assertThat(awaitTerminal(id).getString("result.text")).isEqualTo("answer from backup");
      assertThat(db.text(ROUTE + MODEL_CALL, id)).isEqualTo("fallback:1");
      assertThat(db.text(MODEL_CALL_FIELD + "'provider'" + FROM + MODEL_CALL, id))
          .isEqualTo("openai");
      assertThat(db.text(MODEL_CALL_FIELD + "'model'" + FROM + MODEL_CALL, id))
          .isEqualTo("up-backup");
      assertThat(
              db.count(
                  "SELECT (outcome->'call'->'price'->>'outputPerMillion')::numeric::bigint"
                      + FROM
                      + MODEL_CALL,
                  id))
          .as("the answering model's price")
          .isEqualTo(3);
      assertThat(db.count("SELECT count(*) FROM checkpoint WHERE run_id = ?::uuid", id))
          .as("no step was spent on the failing primary")
          .isEqualTo(1);
    }
    assertThat(primaryCalls("down-main")).isEqualTo(2);

    // While the breaker is open the primary is not asked at all.
    String held = submit(agent, "held back");
    assertThat(awaitTerminal(held).getString("result.text")).isEqualTo("answer from backup");
    assertThat(db.text(ROUTE + MODEL_CALL, held)).isEqualTo("fallback:1");
    assertThat(primaryCalls("down-main")).as("requests held back by the breaker").isEqualTo(2);

    // Once the provider recovers, the breaker's probe lets a new run reach the primary again.
    down.set(false);
    List<String> after = new ArrayList<>();
    await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(500))
        .until(
            () -> {
              String id = submit(agent, "recovered " + after.size());
              after.add(id);
              awaitTerminal(id);
              return "primary".equals(db.text(ROUTE + MODEL_CALL, id));
            });
    String last = after.getLast();
    assertThat(given().get("/v1/runs/" + last).then().extract().path("result.text").toString())
        .isEqualTo("answer from primary");
    assertThat(db.text(MODEL_CALL_FIELD + "'model'" + FROM + MODEL_CALL, last))
        .isEqualTo("down-main");
  }

  @Test
  void shouldSplitRunsByWeightAndReportTotalsThatAddUp() {
    String agent =
        publish(
            """
            {"name":"%s","model":{"provider":"scripted","name":"ab-control",
              "script":[{"text":"from control"}]},
             "variants":[
              {"name":"a","weight":70,"model":{"provider":"scripted","name":"ab-a",
                "script":[{"text":"from a"}]}},
              {"name":"b","weight":30,"model":{"provider":"scripted","name":"ab-b",
                "script":[{"text":"from b"}]}}]}""");
    int runs = 200;
    for (int i = 0; i < runs; i++) {
      submit(agent, "split " + i);
    }
    Db db = new Db(dataSource);
    await()
        .atMost(Duration.ofSeconds(120))
        .pollInterval(Duration.ofMillis(250))
        .until(
            () ->
                db.count(
                        "SELECT count(*) FROM agent_run WHERE agent_name = ?"
                            + " AND status = 'COMPLETED'",
                        agent)
                    == runs);

    // 70/30 over 200 runs: the count of a is binomial (mean 140, sd 6.5); 4 sd either side.
    long a =
        db.count("SELECT count(*) FROM agent_run WHERE agent_name = ? AND variant = 'a'", agent);
    long b =
        db.count("SELECT count(*) FROM agent_run WHERE agent_name = ? AND variant = 'b'", agent);
    assertThat(a + b).isEqualTo(runs);
    assertThat(a).isBetween(114L, 166L);
    // Each run called its own variant's model, and its checkpoint says so.
    assertThat(
            db.count(
                "SELECT count(*) FROM agent_run WHERE agent_name = ?"
                    + " AND result->>'text' = 'from ' || variant",
                agent))
        .isEqualTo(runs);
    assertThat(
            db.count(
                "SELECT count(*) FROM checkpoint c JOIN agent_run r ON r.id = c.run_id"
                    + " WHERE r.agent_name = ? AND c.kind = 'MODEL_CALL'"
                    + " AND c.outcome->'call'->>'route' = 'variant:' || r.variant"
                    + " AND c.outcome->'call'->>'model' = 'ab-' || r.variant",
                agent))
        .isEqualTo(runs);

    JsonPath report =
        given()
            .queryParam("version", 1)
            .get("/v1/agents/" + agent + "/variants/report")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    assertThat(report.getList("variants.name", String.class)).containsExactly("a", "b");
    assertThat(report.getLong("variants[0].runs")).isEqualTo(a);
    assertThat(report.getLong("variants[1].runs")).isEqualTo(b);
    for (String field :
        List.of(
            "runs",
            "completed",
            "failed",
            "steps",
            "inputTokens",
            "outputTokens",
            "costMicros",
            "latencyMillis.calls")) {
      long sum = report.getLong("variants[0]." + field) + report.getLong("variants[1]." + field);
      assertThat(sum).as("sum of %s", field).isEqualTo(report.getLong("totals." + field));
    }
    String table = "FROM agent_run WHERE agent_name = ?";
    assertThat(report.getLong("totals.runs")).isEqualTo(runs);
    assertThat(report.getLong("totals.completed")).isEqualTo(runs);
    assertThat(report.getDouble("totals.completionRate")).isEqualTo(1.0);
    assertThat(report.getLong("totals.steps"))
        .isEqualTo(db.count("SELECT sum(step_count) " + table, agent));
    assertThat(report.getLong("totals.inputTokens"))
        .isEqualTo(db.count("SELECT sum(input_tokens) " + table, agent));
    assertThat(report.getLong("totals.outputTokens"))
        .isEqualTo(db.count("SELECT sum(output_tokens) " + table, agent));
    assertThat(report.getLong("totals.costMicros"))
        .isEqualTo(db.count("SELECT sum(cost_micros) " + table, agent))
        .isPositive();
    assertThat(report.getLong("variants[0].costMicros"))
        .as("variant a is priced higher than b")
        .isEqualTo(db.count("SELECT sum(cost_micros) " + table + " AND variant = 'a'", agent));
    assertThat(report.getLong("totals.latencyMillis.calls")).isEqualTo(runs);
    long p50 = report.getLong("totals.latencyMillis.p50");
    long p99 = report.getLong("totals.latencyMillis.p99");
    assertThat(p50).isLessThanOrEqualTo(report.getLong("totals.latencyMillis.p95"));
    assertThat(report.getLong("totals.latencyMillis.p95")).isLessThanOrEqualTo(p99);

    // Another version without runs reports zeros, and the totals row is still there.
    given()
        .queryParam("version", 2)
        .get("/v1/agents/" + agent + "/variants/report")
        .then()
        .statusCode(200)
        .body("variants.size()", org.hamcrest.Matchers.equalTo(0))
        .body("totals.runs", org.hamcrest.Matchers.equalTo(0));
  }

  @Test
  void shouldReserveAtTheHighestPriceOfTheChainAndChargeTheAnsweringModel() {
    String agent =
        publish(
            """
            {"name":"%s","model":{"provider":"openai","name":"route-cheap","credential":"primary-p",
              "maxOutputTokens":1000},
             "fallbacks":[{"provider":"openai","name":"route-dear","credential":"backup-p"}],
             "budget":{"maxCostUsd":1}}""");
    String id = submit(agent, "slow reservation");
    Db db = new Db(dataSource);
    // The primary answers after 3 s: meanwhile the call's reservation is on the run.
    long reserved =
        await()
            .atMost(Duration.ofSeconds(10))
            .pollInterval(Duration.ofMillis(50))
            .until(
                () -> db.count("SELECT reserved_cost_micros FROM agent_run WHERE id = ?::uuid", id),
                r -> r > 0);
    // 1000 output tokens at the fallback's 100 per million is 100,000 micros at least; at the
    // primary's price of 1 the whole call would reserve about 1,000.
    assertThat(reserved).isGreaterThanOrEqualTo(100_000);

    assertThat(awaitTerminal(id).getString("result.text")).isEqualTo("answer from primary");
    assertThat(db.text(ROUTE + MODEL_CALL, id)).isEqualTo("primary");
    long cost = db.count("SELECT cost_micros FROM agent_run WHERE id = ?::uuid", id);
    long tokens =
        db.count("SELECT input_tokens + output_tokens FROM agent_run WHERE id = ?::uuid", id);
    assertThat(cost).as("charged at the primary's price").isEqualTo(tokens).isLessThan(reserved);
    assertThat(db.count("SELECT reserved_cost_micros FROM agent_run WHERE id = ?::uuid", id))
        .isZero();
  }

  @Test
  void shouldRefuseInvalidRoutes() {
    String model = "{\"provider\":\"scripted\",\"script\":[{\"text\":\"x\"}]}";
    String five = String.join(",", java.util.Collections.nCopies(5, model));
    invalid("\"fallbacks\":[" + five + "]", "fallbacks");
    invalid(
        "\"fallbacks\":[{\"provider\":\"openai\",\"name\":\"m\",\"credential\":\"nope\"}]",
        "fallbacks[0].credential");
    invalid("\"variants\":[{\"name\":\"a\",\"weight\":1,\"model\":" + model + "}]", "variants");
    invalid(
        "\"variants\":["
            + String.join(
                ",",
                java.util.stream.IntStream.range(0, 9)
                    .mapToObj(i -> "{\"name\":\"v" + i + "\",\"weight\":1,\"model\":" + model + "}")
                    .toList())
            + "]",
        "variants");
    invalid(variants("a", 1, "a", 1, model), "variants[1].name");
    invalid(variants("A!", 1, "b", 1, model), "name");
    invalid(variants("a", 0, "b", 1, model), "weight");
    invalid(variants("a", 1001, "b", 1, model), "weight");
    invalid(
        "\"variants\":[{\"name\":\"a\",\"weight\":1},{\"name\":\"b\",\"weight\":1,\"model\":"
            + model
            + "}]",
        "model");
    assertThat(
            new Db(dataSource)
                .count("SELECT count(*) FROM agent_definition WHERE name LIKE 'bad-route-%'"))
        .isZero();
  }

  @Test
  void shouldKeepTheSpecOfADefinitionWithoutRoutesUnchanged() {
    String agent =
        publish(
            """
            {"name":"%s","model":{"provider":"scripted","script":[{"text":"plain"}]}}""");
    String spec =
        new Db(dataSource)
            .text("SELECT spec::text FROM agent_definition WHERE name = ? AND version = 1", agent);
    assertThat(spec).doesNotContain("fallbacks").doesNotContain("variants");
    String id = submit(agent, "plain run");
    assertThat(awaitTerminal(id).getString("result.text")).isEqualTo("plain");
    Db db = new Db(dataSource);
    assertThat(db.text("SELECT variant FROM agent_run WHERE id = ?::uuid", id)).isNull();
    assertThat(db.text(ROUTE + MODEL_CALL, id)).isNull();
  }

  private static final String MODEL_CALL_FIELD = "SELECT outcome->'call'->>";
  private static final String FROM = " FROM checkpoint";

  private static String variants(String n1, int w1, String n2, int w2, String model) {
    return "\"variants\":[{\"name\":\"%s\",\"weight\":%d,\"model\":%s},{\"name\":\"%s\",\"weight\":%d,\"model\":%s}]"
        .formatted(n1, w1, model, n2, w2, model);
  }

  private static void invalid(String routes, String field) {
    String name = "bad-route-" + Math.abs(routes.hashCode());
    given()
        .contentType(ContentType.JSON)
        .body(
            "{\"name\":\""
                + name
                + "\",\"model\":{\"provider\":\"scripted\",\"script\":[{\"text\":\"x\"}]},"
                + routes
                + "}")
        .post("/v1/agents")
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("errors.field", hasItem(containsString(field)));
  }

  private static String publish(String template) {
    String agent = Names.agent();
    given()
        .contentType(ContentType.JSON)
        .body(template.formatted(agent))
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

  private static long primaryCalls(String model) {
    return RoutingProviders.primary.calls().stream()
        .map(FakeOpenAiServer.ChatCall::model)
        .filter(model::equals)
        .count();
  }

  private static JsonPath awaitTerminal(String id) {
    return await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(100))
        .until(
            () -> given().get("/v1/runs/" + id).then().extract().jsonPath(),
            run -> !List.of("QUEUED", "RUNNING", "WAITING").contains(run.getString("status")));
  }
}
