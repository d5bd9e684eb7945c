package dev.cairn.runtime.audit;

import static dev.cairn.runtime.testing.Auth.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cairn.runtime.engine.CanonicalJson;
import dev.cairn.runtime.engine.CheckpointHash;
import dev.cairn.runtime.engine.Json;
import dev.cairn.runtime.testing.Names;
import dev.cairn.runtime.testing.Parked;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * A 10,000-checkpoint chain (written here with the reference hash, payloads of a realistic size)
 * verifies intact through the API, and a change at seq 9,000 is found there. Prints the time spent,
 * which the benchmark notes quote; it asserts no timing.
 */
@QuarkusTest
class LongChainVerifyTest {
  private static final int STEPS = 10_000;

  @Inject DataSource dataSource;

  @Test
  void tenThousandCheckpointsVerifyAndAChangeNearTheEndIsFound() throws Exception {
    String agent = Names.agent();
    given()
        .contentType(ContentType.JSON)
        .body(
            """
            {"name":"%s","model":{"provider":"scripted","script":[{"text":"ok"}]}}"""
                .formatted(agent))
        .post("/v1/agents")
        .then()
        .statusCode(201);
    Parked parked = new Parked(dataSource);
    UUID run = UUID.fromString(parked.run("default", agent, "RUNNING", null, null, 0));
    String last = writeChain(run);
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps =
            c.prepareStatement("UPDATE agent_run SET step_count = ?, last_hash = ? WHERE id = ?")) {
      ps.setInt(1, STEPS);
      ps.setString(2, last);
      ps.setObject(3, run);
      ps.executeUpdate();
    }

    JsonPath intact = verify(run);
    assertThat(intact.getString("status")).isEqualTo("intact");
    assertThat(intact.getInt("verified")).isEqualTo(STEPS);
    // The second pass runs warm, as a verifier does in a long-lived server.
    JsonPath again = verify(run);
    assertThat(again.getString("status")).isEqualTo("intact");
    System.out.printf(
        "verify of %d checkpoints: %d ms cold, %d ms warm%n",
        STEPS, intact.getLong("elapsedMillis"), again.getLong("elapsedMillis"));

    try (Connection c = dataSource.getConnection();
        Statement s = c.createStatement()) {
      s.execute("SET session_replication_role = replica");
      s.execute(
          "UPDATE checkpoint SET cost_micros = cost_micros + 1 WHERE run_id = '"
              + run
              + "' AND seq = 9000");
      s.execute("SET session_replication_role = origin");
    }
    JsonPath broken = verify(run);
    assertThat(broken.getString("status")).isEqualTo("broken");
    assertThat(broken.getInt("firstBrokenSeq")).isEqualTo(9000);
    assertThat(broken.getInt("verified")).isEqualTo(8999);
  }

  private static JsonPath verify(UUID run) {
    return given().get("/v1/runs/" + run + "/verify").then().statusCode(200).extract().jsonPath();
  }

  /** Writes the chain as the engine would, and returns its last hash. */
  private String writeChain(UUID run) throws Exception {
    String prev = null;
    Instant t = Instant.parse("2026-01-01T00:00:00Z");
    String text = "x".repeat(400);
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps =
            c.prepareStatement(
                "INSERT INTO checkpoint (run_id, seq, tenant_id, kind, actor, lease_owner,"
                    + " lease_epoch, decision, outcome, input_tokens, output_tokens, cost_micros,"
                    + " status_after, state_after, prev_hash, hash, hash_alg, created_at)"
                    + " VALUES (?, ?, 'default', 'MODEL_CALL', 'engine', 'node-a', 1, ?::jsonb,"
                    + " ?::jsonb, ?, ?, ?, 'RUNNING', ?::jsonb, ?, ?, ?, ?)")) {
      c.setAutoCommit(false);
      for (int seq = 1; seq <= STEPS; seq++) {
        ObjectNode decision = Json.object().put("type", "CALL_MODEL").put("provider", "scripted");
        ObjectNode outcome = Json.object().put("text", seq + " " + text).put("costMicros", 12.5);
        ObjectNode state = Json.object().put("status", "RUNNING").put("stepCount", seq);
        Instant at = t.plus(seq, ChronoUnit.MILLIS).plusNanos(1_000L * (seq % 1000));
        String hash =
            CheckpointHash.of(
                new CheckpointHash.Fields(
                    run,
                    seq,
                    "default",
                    "MODEL_CALL",
                    "engine",
                    "node-a",
                    1,
                    CanonicalJson.sha256(decision),
                    CanonicalJson.sha256(outcome),
                    100 + seq,
                    20,
                    13,
                    "RUNNING",
                    state,
                    at,
                    prev));
        ps.setObject(1, run);
        ps.setInt(2, seq);
        ps.setString(3, decision.toString());
        ps.setString(4, outcome.toString());
        ps.setInt(5, 100 + seq);
        ps.setInt(6, 20);
        ps.setLong(7, 13);
        ps.setString(8, state.toString());
        ps.setString(9, prev);
        ps.setString(10, hash);
        ps.setString(11, CheckpointHash.ALGORITHM);
        ps.setTimestamp(12, Timestamp.from(at));
        ps.addBatch();
        prev = hash;
        if (seq % 1000 == 0) {
          ps.executeBatch();
        }
      }
      c.commit();
    }
    return prev;
  }
}
