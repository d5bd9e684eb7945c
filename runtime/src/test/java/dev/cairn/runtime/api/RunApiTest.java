package dev.cairn.runtime.api;

import static dev.cairn.runtime.testing.Auth.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import dev.cairn.runtime.testing.Db;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@QuarkusTest
class RunApiTest {
  @Inject DataSource dataSource;
  private String agent;

  @BeforeEach
  void publishAgent() {
    agent = AgentApiTest.uniqueName();
    given()
        .contentType(ContentType.JSON)
        .body(AgentApiTest.scriptedAgent(agent, "done"))
        .post("/v1/agents")
        .then()
        .statusCode(201);
  }

  private ValidatableResponse submit(String body, String key) {
    var request = given().contentType(ContentType.JSON).body(body);
    if (key != null) {
      request.header("Idempotency-Key", key);
    }
    return request.post("/v1/runs").then();
  }

  private String runBody(String input) {
    return "{\"agent\":\"" + agent + "\",\"input\":\"" + input + "\"}";
  }

  @Test
  void shouldAcceptATaskAndReportIt() {
    String id =
        submit(runBody("hi"), null)
            .statusCode(202)
            .body("status", equalTo("QUEUED"))
            .body("agent", equalTo(agent))
            .body("agentVersion", equalTo(1))
            .body("input", equalTo("hi"))
            .extract()
            .path("id");
    given()
        .get("/v1/runs/" + id)
        .then()
        .statusCode(200)
        .body("id", equalTo(id))
        .body("createdAt", notNullValue());
  }

  @Test
  void shouldAcceptStructuredInput() {
    submit("{\"agent\":\"" + agent + "\",\"input\":{\"q\":[1,2]}}", null)
        .statusCode(202)
        .body("input.q[1]", equalTo(2));
  }

  @Test
  void shouldReturnTheSameRunForTheSameKeyAndBody() {
    String key = UUID.randomUUID().toString();
    String first = submit(runBody("a"), key).statusCode(202).extract().path("id");
    String second =
        submit(runBody("a"), key)
            .statusCode(202)
            .header("Idempotent-Replayed", "true")
            .extract()
            .path("id");
    assertThat(second).isEqualTo(first);
    assertThat(
            new Db(dataSource)
                .count("SELECT count(*) FROM agent_run WHERE idempotency_key = ?", key))
        .isEqualTo(1);
  }

  @Test
  void shouldRejectTheSameKeyWithAnotherBody() {
    String key = UUID.randomUUID().toString();
    submit(runBody("a"), key).statusCode(202);
    submit(runBody("b"), key)
        .statusCode(422)
        .contentType("application/problem+json")
        .body("type", equalTo("urn:cairn:problem:idempotency-key-reused"));
  }

  @Test
  void shouldAnswerConflictWhileARequestWithTheKeyIsInFlight() throws Exception {
    String key = UUID.randomUUID().toString();
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      // Holds the key's lock as an in-flight request with the same key would.
      try (PreparedStatement ps =
          c.prepareStatement("SELECT pg_advisory_xact_lock(hashtextextended(?, 0))")) {
        ps.setString(1, "default:" + key);
        ps.execute();
      }
      submit(runBody("a"), key).statusCode(409).contentType("application/problem+json");
      c.rollback();
    }
    submit(runBody("a"), key).statusCode(202);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{}",
        "{\"agent\":\"\",\"input\":\"x\"}",
        "{\"agent\":\"AGENT\"}",
        "{\"agent\":\"AGENT\",\"input\":null}",
        "{\"agent\":\"AGENT\",\"input\":\"x\",\"priority\":5000}",
        "{\"agent\":\"AGENT\",\"input\":\"x\",\"version\":0}",
        "{\"agent\":\"AGENT\",\"input\":\"x\",\"priority\":\"high\"}",
        "{\"agent\":\"AGENT\",\"input\":",
        "not json"
      })
  void shouldRejectMalformedSubmissionsAndWriteNothing(String body) {
    Db db = new Db(dataSource);
    String before = db.rowCounts();
    submit(body.replace("AGENT", agent), null)
        .statusCode(400)
        .contentType("application/problem+json")
        .body("status", equalTo(400))
        .body(org.hamcrest.Matchers.not(containsString("Exception")));
    assertThat(db.rowCounts()).isEqualTo(before);
  }

  @Test
  void shouldRejectOversizedInputAndBadKeys() {
    Db db = new Db(dataSource);
    String before = db.rowCounts();
    String big = "x".repeat(70_000);
    submit(runBody(big), null).statusCode(400).body("errors[0].field", equalTo("input"));
    submit(runBody("a"), "has space").statusCode(400).contentType("application/problem+json");
    submit(runBody("a"), "k".repeat(201)).statusCode(400);
    assertThat(db.rowCounts()).isEqualTo(before);
  }

  @Test
  void shouldRejectBodiesOverTheSizeLimit() {
    String huge = "{\"agent\":\"" + agent + "\",\"input\":\"" + "x".repeat(1_100_000) + "\"}";
    submit(huge, null).statusCode(413);
  }

  @Test
  void shouldAnswerNotFoundForUnknownAgentsAndRuns() {
    Db db = new Db(dataSource);
    String before = db.rowCounts();
    submit("{\"agent\":\"nobody-here\",\"input\":\"x\"}", null)
        .statusCode(404)
        .contentType("application/problem+json");
    submit("{\"agent\":\"" + agent + "\",\"input\":\"x\",\"version\":9}", null).statusCode(404);
    given().get("/v1/runs/" + UUID.randomUUID()).then().statusCode(404);
    given().get("/v1/runs/" + UUID.randomUUID() + "/checkpoints").then().statusCode(404);
    given()
        .get("/v1/runs/not-a-uuid")
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("errors[0].field", equalTo("id"));
    assertThat(db.rowCounts()).isEqualTo(before);
  }

  @Test
  void shouldValidateListParameters() {
    given().get("/v1/runs?limit=0").then().statusCode(400).contentType("application/problem+json");
    given().get("/v1/runs?limit=201").then().statusCode(400);
    given().get("/v1/runs?status=DANCING").then().statusCode(400);
    given()
        .get("/v1/runs?cursor=garbage")
        .then()
        .statusCode(400)
        .body("errors[0].field", equalTo("cursor"));
  }

  @Test
  void shouldPageThroughRunsWithACursor() {
    Set<String> submitted = new HashSet<>();
    for (int i = 0; i < 5; i++) {
      submitted.add(submit(runBody("p" + i), null).statusCode(202).extract().path("id"));
    }
    Set<String> seen = new HashSet<>();
    String cursor = null;
    int pages = 0;
    do {
      var request = given().queryParam("agent", agent).queryParam("limit", 2);
      if (cursor != null) {
        request.queryParam("cursor", cursor);
      }
      var page = request.get("/v1/runs").then().statusCode(200).extract();
      List<String> ids = page.path("items.id");
      assertThat(ids).hasSizeLessThanOrEqualTo(2);
      for (String id : ids) {
        assertThat(seen.add(id)).as("run %s returned twice", id).isTrue();
      }
      cursor = page.path("nextCursor");
      pages++;
    } while (cursor != null && pages < 10);
    assertThat(seen).isEqualTo(submitted);
    assertThat(pages).isEqualTo(3);
  }

  @Test
  void shouldFilterByStatus() {
    given()
        .queryParam("agent", agent)
        .queryParam("status", "CANCELLED")
        .get("/v1/runs")
        .then()
        .statusCode(200)
        .body("items.size()", equalTo(0))
        .body("nextCursor", nullValue());
  }
}
