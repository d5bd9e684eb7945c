package dev.cairn.runtime.events;

import static dev.cairn.runtime.testing.Auth.as;
import static dev.cairn.runtime.testing.Auth.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.cairn.runtime.testing.Auth;
import dev.cairn.runtime.testing.Db;
import dev.cairn.runtime.testing.Names;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** Every change of a run writes its events, numbered per run with no gap, in commit order. */
@QuarkusTest
class RunEventsTest {
  @Inject DataSource dataSource;

  private record Row(int seq, String type, String status) {}

  private List<Row> events(UUID run) throws Exception {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps =
            c.prepareStatement(
                "SELECT seq, type, payload->>'status' FROM outbox_event WHERE run_id = ?"
                    + " ORDER BY tx, id")) {
      ps.setObject(1, run);
      List<Row> rows = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          rows.add(new Row(rs.getInt(1), rs.getString(2), rs.getString(3)));
        }
      }
      return rows;
    }
  }

  private long eventSeq(UUID run) throws Exception {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement("SELECT event_seq FROM agent_run WHERE id = ?")) {
      ps.setObject(1, run);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  @Test
  void shouldWriteSubmittedStepAndCompletedEventsWithGapFreeSeqs() throws Exception {
    String agent = Names.agent();
    given()
        .contentType(ContentType.JSON)
        .body(
            """
            {"name":"%s","model":{"provider":"scripted","name":"s","script":
              [{"toolCalls":[{"name":"calculator","arguments":{"expression":"6*7"}}]},
               {"text":"42"}]},
             "tools":["calculator"]}"""
                .formatted(agent))
        .post("/v1/agents")
        .then()
        .statusCode(201);
    UUID run =
        UUID.fromString(
            given()
                .contentType(ContentType.JSON)
                .body("{\"agent\":\"" + agent + "\",\"input\":\"go\"}")
                .post("/v1/runs")
                .then()
                .statusCode(202)
                .extract()
                .path("id"));

    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> events(run).stream().anyMatch(r -> r.type().equals("run.completed")));

    List<Row> rows = events(run);
    assertThat(rows)
        .extracting(Row::type)
        .containsExactly(
            "run.submitted",
            "run.step.committed",
            "run.step.committed",
            "run.step.committed",
            "run.completed");
    assertThat(rows).extracting(Row::seq).containsExactly(1, 2, 3, 4, 5);
    assertThat(rows.get(0).status()).isEqualTo("QUEUED");
    assertThat(rows.get(4).status()).isEqualTo("COMPLETED");
    assertThat(eventSeq(run)).isEqualTo(5);
  }

  @Test
  void shouldNotWriteTheSubmittedEventAgainForAReplayedIdempotencyKey() throws Exception {
    String agent = Names.agent();
    given()
        .contentType(ContentType.JSON)
        .body(
            """
            {"name":"%s","model":{"provider":"scripted","name":"s","script":[{"text":"ok"}]}}"""
                .formatted(agent))
        .post("/v1/agents")
        .then()
        .statusCode(201);
    String body = "{\"agent\":\"" + agent + "\",\"input\":\"once\"}";
    String key = UUID.randomUUID().toString();
    String first =
        given()
            .contentType(ContentType.JSON)
            .header("Idempotency-Key", key)
            .body(body)
            .post("/v1/runs")
            .then()
            .extract()
            .path("id");
    String second =
        given()
            .contentType(ContentType.JSON)
            .header("Idempotency-Key", key)
            .body(body)
            .post("/v1/runs")
            .then()
            .extract()
            .path("id");
    assertThat(second).isEqualTo(first);
    UUID run = UUID.fromString(first);
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> events(run).stream().anyMatch(r -> r.type().equals("run.completed")));
    assertThat(events(run).stream().filter(r -> r.type().equals("run.submitted")).count())
        .isEqualTo(1);
  }

  @Test
  void shouldWriteApprovalRequestedWaitingDecidedAndTheOperatorsName() throws Exception {
    String key = Auth.newKey(Auth.newTenant(), "developer", "operator");
    String agent = Names.agent();
    as(key)
        .contentType(ContentType.JSON)
        .body(
            """
            {"name":"%s","model":{"provider":"scripted","name":"s","script":[
               {"toolCalls":[{"name":"calculator","arguments":{"expression":"1+1"}}]},
               {"text":"done"}]},
             "tools":["calculator"],"approvals":{"tools":["calculator"]}}"""
                .formatted(agent))
        .post("/v1/agents")
        .then()
        .statusCode(201);
    UUID run = UUID.fromString(Auth.submit(key, agent));
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> events(run).stream().anyMatch(r -> r.type().equals("run.waiting")));
    String approval = as(key).get("/v1/runs/" + run + "/approvals").then().extract().path("[0].id");
    as(key)
        .contentType(ContentType.JSON)
        .body(Map.of("reason", "not today"))
        .post("/v1/runs/" + run + "/approvals/" + approval + "/reject")
        .then()
        .statusCode(202);
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> events(run).stream().anyMatch(r -> r.type().equals("run.completed")));

    List<String> types = events(run).stream().map(Row::type).toList();
    assertThat(types)
        .containsSubsequence(
            "run.submitted",
            "run.approval.requested",
            "run.step.committed",
            "run.waiting",
            "run.approval.decided",
            "run.step.committed",
            "run.completed");
    assertThat(events(run)).extracting(Row::seq).isSortedAccordingTo(Integer::compare);
    assertThat(events(run).get(events(run).size() - 1).seq()).isEqualTo(types.size());
    assertThat(
            new Db(dataSource)
                .count(
                    "SELECT count(*) FROM outbox_event WHERE run_id = ?"
                        + " AND type = 'run.approval.decided'"
                        + " AND payload->>'decision' = 'REJECTED'"
                        + " AND payload->>'reason' = 'not today'",
                    run))
        .isEqualTo(1);
    assertThat(
            new Db(dataSource)
                .count(
                    "SELECT count(*) FROM outbox_event WHERE run_id = ?"
                        + " AND type = 'run.waiting' AND payload->>'reason' = 'APPROVAL'",
                    run))
        .isEqualTo(1);
  }

  @Test
  void shouldWritePausedAndResumedEvents() throws Exception {
    String key = Auth.newKey(Auth.newTenant(), "developer", "operator");
    String agent = Names.agent();
    as(key)
        .contentType(ContentType.JSON)
        .body(
            """
            {"name":"%s","model":{"provider":"scripted","name":"s","script":[
               {"toolCalls":[{"name":"calculator","arguments":{"expression":"1+1"}}],
                "delayMs":1500},
               {"text":"done"}]},
             "tools":["calculator"]}"""
                .formatted(agent))
        .post("/v1/agents")
        .then()
        .statusCode(201);
    UUID run = UUID.fromString(Auth.submit(key, agent));
    as(key).post("/v1/runs/" + run + "/pause").then().statusCode(202);
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> events(run).stream().anyMatch(r -> r.type().equals("run.paused")));
    as(key).post("/v1/runs/" + run + "/resume").then().statusCode(202);
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                events(run).stream()
                    .anyMatch(
                        r -> r.type().equals("run.completed") || r.type().equals("run.failed")));
    List<String> types = events(run).stream().map(Row::type).toList();
    assertThat(types).containsSubsequence("run.paused", "run.resumed", "run.step.committed");
    List<Integer> seqs = events(run).stream().map(Row::seq).toList();
    for (int i = 0; i < seqs.size(); i++) {
      assertThat(seqs.get(i)).isEqualTo(i + 1);
    }
  }
}
