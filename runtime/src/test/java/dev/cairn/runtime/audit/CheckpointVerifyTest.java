package dev.cairn.runtime.audit;

import static dev.cairn.runtime.testing.Auth.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.cairn.persistence.store.CheckpointChainStore;
import dev.cairn.runtime.audit.checkpoints.ChainRows;
import dev.cairn.runtime.engine.CanonicalJson;
import dev.cairn.runtime.engine.Json;
import dev.cairn.runtime.testing.Db;
import dev.cairn.runtime.testing.Names;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * A database superuser tampers with a finished run's checkpoints in each way the verifier must name
 * (one byte edited, a middle row deleted, two rows swapped, the tail cut, a row rewritten with a
 * recomputed hash, hashes relabelled as legacy), and {@code GET /v1/runs/{id}/verify} finds the
 * first broken seq with the right reason. Untouched runs verify intact; the append-only triggers
 * refuse edits from anyone who does not bypass them.
 */
@QuarkusTest
class CheckpointVerifyTest {
  @Inject DataSource dataSource;
  @Inject CheckpointChainStore chains;

  /** A finished 7-step run: model, tool, model, tool, model, invalid tool, model. */
  private String finishedRun() {
    String name = Names.agent();
    given()
        .contentType(ContentType.JSON)
        .body(
            """
            {"name":"%s","model":{"provider":"scripted","name":"s","script":[
              {"toolCalls":[{"name":"calculator","arguments":{"expression":"6*7"}}]},
              {"toolCalls":[{"name":"calculator","arguments":{"expression":"1.5*2"}}]},
              {"toolCalls":[{"name":"teleport","arguments":{}}]},
              {"text":"The answer is 42 — «ü» \\u2028 done."}]},
             "tools":["calculator"],"budget":{"maxSteps":20}}"""
                .formatted(name))
        .post("/v1/agents")
        .then()
        .statusCode(201);
    String id =
        given()
            .contentType(ContentType.JSON)
            .body("{\"agent\":\"" + name + "\",\"input\":{\"q\":\"compute\",\"n\":1.50}}")
            .post("/v1/runs")
            .then()
            .statusCode(202)
            .extract()
            .path("id");
    JsonPath run =
        await()
            .atMost(Duration.ofSeconds(30))
            .pollInterval(Duration.ofMillis(100))
            .until(
                () -> given().get("/v1/runs/" + id).then().extract().jsonPath(),
                r -> "COMPLETED".equals(r.getString("status")));
    assertThat(run.getInt("stepCount")).isEqualTo(7);
    return id;
  }

  private JsonPath verify(String id) {
    return given().get("/v1/runs/" + id + "/verify").then().statusCode(200).extract().jsonPath();
  }

  /** Runs SQL as a superuser who switched the append-only triggers off for the session. */
  private void tamper(String sql) throws SQLException {
    try (Connection c = dataSource.getConnection();
        Statement s = c.createStatement()) {
      s.execute("SET session_replication_role = replica");
      try {
        s.execute(sql);
      } finally {
        s.execute("SET session_replication_role = origin");
      }
    }
  }

  @Test
  void untouchedRunIsIntact() {
    String id = finishedRun();
    JsonPath v = verify(id);
    assertThat(v.getString("status")).isEqualTo("intact");
    assertThat(v.getInt("checkpoints")).isEqualTo(7);
    assertThat(v.getInt("verified")).isEqualTo(7);
    assertThat(v.getString("algorithm")).isEqualTo("jcs-sha256/v1");
    assertThat(v.getString("reason")).isNull();
    String lastHash =
        new Db(dataSource).text("SELECT last_hash FROM agent_run WHERE id = ?::uuid", id);
    assertThat(v.getString("lastHash")).isEqualTo(lastHash);
    assertThat(
            new Db(dataSource)
                .count(
                    "SELECT count(*) FROM checkpoint WHERE run_id = ?::uuid"
                        + " AND hash_alg = 'jcs-sha256/v1' AND actor = 'engine'",
                    id))
        .isEqualTo(7);
  }

  @Test
  void oneEditedByteIsContentChangedAtItsSeq() throws SQLException {
    String id = finishedRun();
    tamper(
        "UPDATE checkpoint SET outcome = jsonb_set(outcome, '{text}', to_jsonb(replace("
            + "outcome->>'text', '42', '43'))) WHERE run_id = '"
            + id
            + "' AND seq = 7");
    assertBroken(id, 7, "content-changed");
  }

  @Test
  void anEditedTokenCountOrTimeIsContentChanged() throws SQLException {
    String id = finishedRun();
    tamper(
        "UPDATE checkpoint SET input_tokens = input_tokens + 1 WHERE run_id = '"
            + id
            + "' AND seq = 3");
    assertBroken(id, 3, "content-changed");
    String other = finishedRun();
    tamper(
        "UPDATE checkpoint SET created_at = created_at + interval '1 microsecond'"
            + " WHERE run_id = '"
            + other
            + "' AND seq = 2");
    assertBroken(other, 2, "content-changed");
  }

  @Test
  void aDeletedMiddleRowIsRowMissing() throws SQLException {
    String id = finishedRun();
    tamper("DELETE FROM checkpoint WHERE run_id = '" + id + "' AND seq = 4");
    assertBroken(id, 4, "row-missing");
  }

  @Test
  void twoSwappedRowsAreRowsReordered() throws SQLException {
    String id = finishedRun();
    String where = " WHERE run_id = '" + id + "' AND seq = ";
    tamper(
        "UPDATE checkpoint SET seq = 1000"
            + where
            + "3;"
            + "UPDATE checkpoint SET seq = 3"
            + where
            + "4;"
            + "UPDATE checkpoint SET seq = 4"
            + where
            + "1000");
    assertBroken(id, 3, "rows-reordered");
  }

  @Test
  void aCutTailIsTailTruncated() throws SQLException {
    String id = finishedRun();
    tamper("DELETE FROM checkpoint WHERE run_id = '" + id + "' AND seq >= 6");
    assertBroken(id, 6, "tail-truncated");
  }

  @Test
  void aRowRewrittenWithARecomputedHashBreaksTheNextLink() throws SQLException {
    String id = finishedRun();
    UUID runId = UUID.fromString(id);
    tamper(
        "UPDATE checkpoint SET outcome = jsonb_set(outcome, '{text}', '\"forged\"')"
            + " WHERE run_id = '"
            + id
            + "' AND seq = 7");
    // The forger recomputes seq 7's own hash, as anyone can: it verifies by itself...
    var row = chains.page("default", runId, 6, 1).getFirst();
    String rehashed = ChainRows.recompute(runId, row);
    tamper(
        "UPDATE checkpoint SET hash = '" + rehashed + "' WHERE run_id = '" + id + "' AND seq = 7");
    // ...but the audit log recorded the hash the engine wrote when the run completed at seq 7.
    assertBroken(id, 7, "audit-mismatch");

    String other = finishedRun();
    UUID otherId = UUID.fromString(other);
    tamper(
        "UPDATE checkpoint SET outcome = jsonb_set(outcome, '{text}', '\"forged\"')"
            + " WHERE run_id = '"
            + other
            + "' AND seq = 5");
    String forged = ChainRows.recompute(otherId, chains.page("default", otherId, 4, 1).getFirst());
    tamper(
        "UPDATE checkpoint SET hash = '" + forged + "' WHERE run_id = '" + other + "' AND seq = 5");
    JsonPath v = assertBroken(other, 5, "content-changed");
    assertThat(v.getString("detail")).contains("seq 6 links to another hash");
  }

  @Test
  void aChainRecomputedToTheEndIsCaughtByTheAuditLogsAnchors() throws SQLException {
    String id = finishedRun();
    UUID runId = UUID.fromString(id);
    tamper(
        "UPDATE checkpoint SET outcome = jsonb_set(outcome, '{text}', '\"forged\"')"
            + " WHERE run_id = '"
            + id
            + "' AND seq = 7");
    // Every hash from the edited seq to the end is recomputed, and the run's last hash with them:
    // the chain is consistent on its own.
    var row = chains.page("default", runId, 6, 1).getFirst();
    String rehashed = ChainRows.recompute(runId, row);
    tamper(
        "UPDATE checkpoint SET hash = '"
            + rehashed
            + "' WHERE run_id = '"
            + id
            + "' AND seq = 7;"
            + "UPDATE agent_run SET last_hash = '"
            + rehashed
            + "' WHERE id = '"
            + id
            + "'");
    // The audit log recorded seq 7's hash when the run completed.
    JsonPath v = assertBroken(id, 7, "audit-mismatch");
    assertThat(v.getInt("verified")).isEqualTo(6);
  }

  @Test
  void legacyHashesAreNeverReportedIntact() throws SQLException {
    String id = finishedRun();
    tamper("UPDATE checkpoint SET hash_alg = 'legacy' WHERE run_id = '" + id + "' AND seq <= 2");
    JsonPath v = verify(id);
    assertThat(v.getString("status")).isEqualTo("unverifiable");
    assertThat(v.getInt("legacy")).isEqualTo(2);
    assertThat(v.getInt("verified")).isEqualTo(5);
  }

  @Test
  void prunedPayloadsStillVerifyThroughTheirDigests() throws SQLException {
    String id = finishedRun();
    UUID runId = UUID.fromString(id);
    List<dev.cairn.persistence.store.ChainRow> rows = chains.page("default", runId, 0, 100);
    Db db = new Db(dataSource);
    for (var row : rows) {
      // The one update the trigger allows: payloads replaced by their digests, once.
      db.execute(
          "UPDATE checkpoint SET decision = NULL, outcome = NULL, decision_sha256 = ?,"
              + " outcome_sha256 = ?, pruned_at = now() WHERE run_id = ?::uuid AND seq = ?",
          CanonicalJson.sha256(Json.parse(row.decisionJson())),
          CanonicalJson.sha256(Json.parse(row.outcomeJson())),
          id,
          row.seq());
    }
    JsonPath v = verify(id);
    assertThat(v.getString("status")).isEqualTo("intact");
    assertThat(v.getInt("pruned")).isEqualTo(7);
    // A pruned row whose kept digest is wrong is caught.
    tamper(
        "UPDATE checkpoint SET outcome_sha256 = repeat('0', 64) WHERE run_id = '"
            + id
            + "' AND seq = 2");
    assertBroken(id, 2, "content-changed");
  }

  @Test
  void appendOnlyTriggersRefuseEditsDeletesAndTruncation() {
    String id = finishedRun();
    Db db = new Db(dataSource);
    assertThatThrownBy(
            () ->
                db.execute(
                    "UPDATE checkpoint SET kind = 'X' WHERE run_id = ?::uuid AND seq = 1", id))
        .hasStackTraceContaining("append-only");
    assertThatThrownBy(
            () -> db.execute("DELETE FROM checkpoint WHERE run_id = ?::uuid AND seq = 7", id))
        .hasStackTraceContaining("append-only");
    assertThatThrownBy(() -> db.execute("TRUNCATE checkpoint CASCADE"))
        .hasStackTraceContaining("append-only");
    // Pruning may not sneak in another change.
    assertThatThrownBy(
            () ->
                db.execute(
                    "UPDATE checkpoint SET decision = NULL, outcome = NULL, decision_sha256 = 'a',"
                        + " outcome_sha256 = 'b', pruned_at = now(), input_tokens = 0"
                        + " WHERE run_id = ?::uuid AND seq = 1",
                    id))
        .hasStackTraceContaining("append-only");
    assertThat(verify(id).getString("status")).isEqualTo("intact");
  }

  @Test
  void unknownAndMalformedRunsAreProblems() {
    given()
        .get("/v1/runs/" + UUID.randomUUID() + "/verify")
        .then()
        .statusCode(404)
        .contentType("application/problem+json");
    given()
        .get("/v1/runs/not-a-uuid/verify")
        .then()
        .statusCode(400)
        .contentType("application/problem+json");
  }

  private JsonPath assertBroken(String id, int seq, String reason) {
    JsonPath v = verify(id);
    assertThat(v.getString("status")).as(v.prettify()).isEqualTo("broken");
    assertThat(v.getInt("firstBrokenSeq")).as(v.prettify()).isEqualTo(seq);
    assertThat(v.getString("reason")).as(v.prettify()).isEqualTo(reason);
    assertThat(v.getString("detail")).isNotBlank();
    return v;
  }
}
