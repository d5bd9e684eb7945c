package dev.cairn.runtime.api;

import static dev.cairn.runtime.testing.Auth.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cairn.runtime.engine.Json;
import dev.cairn.runtime.testing.Db;
import dev.cairn.runtime.testing.Parked;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** Budgets, output caps and approvals on definitions; budget overrides on submissions. */
@QuarkusTest
class BudgetApiTest {
  @Inject DataSource dataSource;

  private String publish(String extra) {
    String name = AgentApiTest.uniqueName();
    given()
        .contentType(ContentType.JSON)
        .body(
            """
            {"name":"%s","tools":["calculator","clock"],
             "model":{"provider":"scripted","maxOutputTokens":1000,"script":[{"text":"ok"}]}%s}"""
                .formatted(name, extra))
        .post("/v1/agents")
        .then()
        .statusCode(201);
    return name;
  }

  @Test
  void shouldStoreBudgetPoliciesOutputCapAndApprovalsInTheDefinition() {
    String name =
        publish(
            """
            ,"budget":{"maxSteps":20,"maxCostUsd":1.5,"maxDurationSeconds":3600,
                       "onBreach":"pause","onRetriesExhausted":"fail"},
             "approvals":{"tools":["calculator"],"allNonReadOnly":true}""");
    given()
        .get("/v1/agents/" + name + "/versions/1")
        .then()
        .statusCode(200)
        .body("spec.budget.maxSteps", equalTo(20))
        .body("spec.budget.maxModelCalls", equalTo(50))
        .body("spec.budget.maxCostMicros", equalTo(1500000))
        .body("spec.budget.maxDurationSeconds", equalTo(3600))
        .body("spec.budget.onBreach", equalTo("pause"))
        .body("spec.budget.onRetriesExhausted", equalTo("fail"))
        .body("spec.model.maxOutputTokens", equalTo(1000))
        .body("spec.approvals.tools", hasItem("calculator"))
        .body("spec.approvals.allNonReadOnly", equalTo(true));
  }

  @Test
  void shouldRefuseInvalidBudgetsAndApprovals() {
    String[] bad = {
      ",\"approvals\":{\"tools\":[\"webhook\"]}",
      ",\"budget\":{\"onBreach\":\"explode\"}",
      ",\"budget\":{\"onRetriesExhausted\":\"stop\"}",
      ",\"budget\":{\"maxCostUsd\":0}",
      ",\"budget\":{\"maxCostUsd\":0.0000001}",
      ",\"budget\":{\"maxDurationSeconds\":0}",
    };
    for (String extra : bad) {
      given()
          .contentType(ContentType.JSON)
          .body(
              """
              {"name":"%s","tools":["calculator"],"model":{"provider":"scripted",
               "script":[{"text":"ok"}]}%s}"""
                  .formatted(AgentApiTest.uniqueName(), extra))
          .post("/v1/agents")
          .then()
          .statusCode(400);
    }
    given()
        .contentType(ContentType.JSON)
        .body(
            """
            {"name":"%s","model":{"provider":"scripted","maxOutputTokens":128001,
             "script":[{"text":"ok"}]}}"""
                .formatted(AgentApiTest.uniqueName()))
        .post("/v1/agents")
        .then()
        .statusCode(400)
        .body("errors[0].field", equalTo("model.maxOutputTokens"));
  }

  @Test
  void shouldStoreTheEffectiveBudgetAndDeadlineOfARun() {
    String name =
        publish(",\"budget\":{\"maxSteps\":20,\"maxCostUsd\":1.5,\"onBreach\":\"pause\"}");
    String id =
        given()
            .contentType(ContentType.JSON)
            .body(
                """
                {"agent":"%s","input":"hi",
                 "budget":{"maxSteps":30,"maxDurationSeconds":60,"maxCostUsd":0.25}}"""
                    .formatted(name))
            .post("/v1/runs")
            .then()
            .statusCode(202)
            .body("budget.maxSteps", equalTo(30))
            .body("budget.maxCostMicros", equalTo(250000))
            .body("deadlineAt", notNullValue())
            .extract()
            .path("id");
    Parked db = new Parked(dataSource);
    JsonNode budget =
        Json.parse(db.text("SELECT budget::text FROM agent_run WHERE id = ?", UUID.fromString(id)));
    assertThat(budget.path("maxSteps").asInt()).isEqualTo(30);
    assertThat(budget.path("maxModelCalls").asInt()).isEqualTo(50);
    assertThat(budget.path("maxCostMicros").asLong()).isEqualTo(250_000);
    assertThat(budget.path("maxDurationSeconds").asLong()).isEqualTo(60);
    assertThat(budget.path("onBreach").asText()).isEqualTo("pause");
    assertThat(
            new Db(dataSource)
                .count(
                    "SELECT extract(epoch FROM deadline_at - created_at)::bigint FROM agent_run"
                        + " WHERE id = ?",
                    UUID.fromString(id)))
        .isEqualTo(60);

    String plain =
        given()
            .contentType(ContentType.JSON)
            .body("{\"agent\":\"%s\",\"input\":\"hi\"}".formatted(name))
            .post("/v1/runs")
            .then()
            .statusCode(202)
            .body("budget.maxSteps", equalTo(20))
            .body("budget.maxCostMicros", equalTo(1500000))
            .body("deadlineAt", nullValue())
            .body("costMicros", equalTo(0))
            .extract()
            .path("id");
    assertThat(plain).isNotEqualTo(id);
  }

  @Test
  void shouldTellSubmissionsWithDifferentBudgetsApart() {
    String name = publish("");
    String key = "budget-" + UUID.randomUUID();
    String body = "{\"agent\":\"%s\",\"input\":\"hi\",\"budget\":{\"maxSteps\":%d}}";
    given()
        .contentType(ContentType.JSON)
        .header("Idempotency-Key", key)
        .body(body.formatted(name, 10))
        .post("/v1/runs")
        .then()
        .statusCode(202);
    given()
        .contentType(ContentType.JSON)
        .header("Idempotency-Key", key)
        .body(body.formatted(name, 11))
        .post("/v1/runs")
        .then()
        .statusCode(422);
    given()
        .contentType(ContentType.JSON)
        .body("{\"agent\":\"%s\",\"input\":\"hi\",\"budget\":{\"maxSteps\":0}}".formatted(name))
        .post("/v1/runs")
        .then()
        .statusCode(400)
        .body("errors[0].field", equalTo("budget.maxSteps"));
  }
}
