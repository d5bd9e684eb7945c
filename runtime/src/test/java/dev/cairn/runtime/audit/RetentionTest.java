package dev.cairn.runtime.audit;

import static dev.cairn.runtime.testing.Auth.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.cairn.persistence.store.PayloadDigests;
import dev.cairn.persistence.store.PruneBatch;
import dev.cairn.persistence.store.PruneProgress;
import dev.cairn.persistence.store.RetentionStore;
import dev.cairn.runtime.audit.retention.RetentionPruner;
import dev.cairn.runtime.engine.CanonicalJson;
import dev.cairn.runtime.engine.Json;
import dev.cairn.runtime.testing.Auth;
import dev.cairn.runtime.testing.Db;
import dev.cairn.runtime.testing.Names;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Retention per agent definition: a finished run's payloads are replaced by their digests once the
 * definition's days have passed (the clock moved forward), in bounded batches, once, skipping a run
 * another transaction holds; the chain still verifies and the history shows the pruned marker. Runs
 * not finished, or of definitions without retention, keep everything.
 */
@QuarkusTest
class RetentionTest {
  private static final String SCRIPT =
      """
      "model":{"provider":"scripted","name":"s","script":[
         {"text":"Let me compute that.","toolCalls":[{"name":"calculator","arguments":{"expression":"6*7"}}]},
         {"toolCalls":[{"name":"calculator","arguments":{"expression":"2+3"}}]},
         {"text":"The answers are 42 and 5."}]},
       "tools":["calculator"]""";

  @Inject DataSource dataSource;
  @Inject RetentionPruner pruner;
  @Inject RetentionStore store;
  @Inject Clock clock;

  private Db db;
  private String key;

  @BeforeEach
  void setUp() {
    db = new Db(dataSource);
    key = Auth.newKey(Auth.newTenant(), "developer", "operator", "auditor");
  }

  private String publish(String extra) {
    String name = Names.agent();
    as(key)
        .contentType("application/json")
        .body("{\"name\":\"" + name + "\"," + SCRIPT + extra + "}")
        .post("/v1/agents")
        .then()
        .statusCode(201);
    return name;
  }

  private String runToCompletion(String agent) {
    String id = Auth.submit(key, agent);
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> "COMPLETED".equals(run(id).getString("status")));
    return id;
  }

  private JsonPath run(String id) {
    return as(key).get("/v1/runs/" + id).then().statusCode(200).extract().jsonPath();
  }

  private long payloadRows(String id) {
    return db.count(
            "SELECT count(*) FROM checkpoint WHERE run_id = ?::uuid AND decision IS NOT NULL", id)
        + db.count(
            "SELECT count(*) FROM run_message WHERE run_id = ?::uuid"
                + " AND (content IS NOT NULL OR tool_calls IS NOT NULL)",
            id)
        + db.count(
            "SELECT count(*) FROM tool_invocation WHERE run_id = ?::uuid AND arguments IS NOT NULL",
            id);
  }

  private List<String> column(String sql, String id) {
    List<String> values = new ArrayList<>();
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setObject(1, UUID.fromString(id));
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          values.add(rs.getString(1));
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
    return values;
  }

  private static String jsonDigest(String json) {
    return json == null ? null : CanonicalJson.sha256(Json.parse(json));
  }

  private static String textDigest(String text) {
    return text == null ? null : CanonicalJson.sha256Hex(text);
  }

  @Test
  void prunesAfterTheDefinitionsDaysAndKeepsEverythingThatVerifies() {
    String pruned = runToCompletion(publish(",\"retention\":{\"payloadDays\":7}"));
    String kept = runToCompletion(publish(""));
    String waiting =
        Auth.submit(
            key,
            publish(
                ",\"approvals\":{\"tools\":[\"calculator\"]},\"retention\":{\"payloadDays\":1}"));
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> "WAITING".equals(run(waiting).getString("status")));
    long keptBefore = payloadRows(kept);
    long waitingBefore = payloadRows(waiting);
    assertThat(keptBefore).isPositive();
    assertThat(waitingBefore).isPositive();

    List<String> decisions =
        column("SELECT decision::text FROM checkpoint WHERE run_id = ? ORDER BY seq", pruned);
    List<String> outcomes =
        column("SELECT outcome::text FROM checkpoint WHERE run_id = ? ORDER BY seq", pruned);
    List<String> contents =
        column("SELECT content FROM run_message WHERE run_id = ? ORDER BY idx", pruned);
    List<String> toolCalls =
        column("SELECT tool_calls::text FROM run_message WHERE run_id = ? ORDER BY idx", pruned);
    List<String> arguments =
        column("SELECT arguments::text FROM tool_invocation WHERE run_id = ? ORDER BY seq", pruned);
    List<String> results =
        column("SELECT result FROM tool_invocation WHERE run_id = ? ORDER BY seq", pruned);
    assertThat(arguments).hasSize(2);
    long prunedBefore = payloadRows(pruned);
    // A running summary (as a long run makes) goes with the payloads; the kept run's stays.
    for (String run : List.of(pruned, kept)) {
      db.execute(
          "INSERT INTO run_summary (run_id, seq, tenant_id, from_idx, to_idx, text,"
              + " assistant_turns, created_at)"
              + " SELECT id, 1, tenant_id, 1, 1, 'summary text', 1, now() FROM agent_run"
              + " WHERE id = ?::uuid",
          run);
    }

    // Six days on: not due yet.
    pruner.prune(clock.instant().plus(Duration.ofDays(6)));
    assertThat(payloadRows(pruned)).isEqualTo(prunedBefore).isPositive();
    assertThat(
            db.count(
                "SELECT count(*) FROM checkpoint WHERE run_id = ?::uuid"
                    + " AND pruned_at IS NOT NULL",
                pruned))
        .isZero();

    // Eight days on: pruned, and only that run.
    Instant later = clock.instant().plus(Duration.ofDays(8));
    RetentionPruner.Pass pass = pruner.prune(later);
    assertThat(pass.runs()).isGreaterThanOrEqualTo(1);
    assertThat(payloadRows(pruned)).isZero();
    assertThat(db.count("SELECT count(*) FROM run_summary WHERE run_id = ?::uuid", pruned))
        .isZero();
    assertThat(db.count("SELECT count(*) FROM run_summary WHERE run_id = ?::uuid", kept))
        .isEqualTo(1);
    assertThat(payloadRows(kept)).isEqualTo(keptBefore);
    assertThat(payloadRows(waiting)).isEqualTo(waitingBefore);
    assertThat(
            db.count(
                "SELECT count(*) FROM agent_run WHERE id = ?::uuid"
                    + " AND payloads_pruned_at IS NOT NULL",
                pruned))
        .isEqualTo(1);
    assertThat(
            db.count(
                "SELECT count(*) FROM agent_run WHERE id IN (?::uuid, ?::uuid)"
                    + " AND payloads_pruned_at IS NOT NULL",
                kept,
                waiting))
        .isZero();

    // Each payload's digest is stored where the payload was.
    assertThat(
            column("SELECT decision_sha256 FROM checkpoint WHERE run_id = ? ORDER BY seq", pruned))
        .containsExactlyElementsOf(decisions.stream().map(RetentionTest::jsonDigest).toList());
    assertThat(
            column("SELECT outcome_sha256 FROM checkpoint WHERE run_id = ? ORDER BY seq", pruned))
        .containsExactlyElementsOf(outcomes.stream().map(RetentionTest::jsonDigest).toList());
    assertThat(
            column("SELECT content_sha256 FROM run_message WHERE run_id = ? ORDER BY idx", pruned))
        .containsExactlyElementsOf(contents.stream().map(RetentionTest::textDigest).toList());
    assertThat(
            column(
                "SELECT tool_calls_sha256 FROM run_message WHERE run_id = ? ORDER BY idx", pruned))
        .containsExactlyElementsOf(toolCalls.stream().map(RetentionTest::jsonDigest).toList());
    assertThat(
            column(
                "SELECT arguments_sha256 FROM tool_invocation WHERE run_id = ? ORDER BY seq",
                pruned))
        .containsExactlyElementsOf(arguments.stream().map(RetentionTest::jsonDigest).toList());
    assertThat(
            column(
                "SELECT result_sha256 FROM tool_invocation WHERE run_id = ? ORDER BY seq", pruned))
        .containsExactlyElementsOf(results.stream().map(RetentionTest::textDigest).toList());

    // The chain still verifies, over the digests.
    JsonPath verdict =
        as(key).get("/v1/runs/" + pruned + "/verify").then().statusCode(200).extract().jsonPath();
    int steps = run(pruned).getInt("stepCount");
    assertThat(verdict.getString("status")).isEqualTo("intact");
    assertThat(verdict.getInt("verified")).isEqualTo(steps);
    assertThat(verdict.getInt("pruned")).isEqualTo(steps);

    // The history shows the pruned marker; usage, cost and hashes stay.
    JsonPath history =
        as(key).get("/v1/runs/" + pruned + "/history").then().statusCode(200).extract().jsonPath();
    assertThat(history.getList("items")).hasSize(steps);
    assertThat(history.getList("items.decision")).containsOnlyNulls();
    assertThat(history.getList("items.outcome")).containsOnlyNulls();
    assertThat(history.getList("items.pruned.decisionSha256", String.class))
        .containsExactlyElementsOf(decisions.stream().map(RetentionTest::jsonDigest).toList());
    assertThat(history.getList("items.hash", String.class)).doesNotContainNull();
    JsonPath story =
        as(key).get("/v1/runs/" + pruned + "/story").then().statusCode(200).extract().jsonPath();
    assertThat(story.getList("steps.pruned", Boolean.class)).containsOnly(true);
    assertThat(story.getString("payloadsPrunedAt")).isNotNull();
    assertThat(story.getString("outcome.result.text")).isEqualTo("The answers are 42 and 5.");

    // A second pass changes nothing.
    String prunedAt =
        db.text("SELECT payloads_pruned_at::text FROM agent_run WHERE id = ?::uuid", pruned);
    pruner.prune(later.plus(Duration.ofDays(1)));
    assertThat(db.text("SELECT payloads_pruned_at::text FROM agent_run WHERE id = ?::uuid", pruned))
        .isEqualTo(prunedAt);
    assertThat(
            db.count(
                "SELECT count(DISTINCT pruned_at) FROM checkpoint WHERE run_id = ?::uuid", pruned))
        .isEqualTo(1);
  }

  @Test
  void prunesInBoundedBatchesAndSkipsARunAnotherTransactionHolds() throws SQLException {
    String id = runToCompletion(publish(",\"retention\":{\"payloadDays\":30}"));
    UUID runId = UUID.fromString(id);
    long rows = payloadRows(id);
    Instant now = clock.instant().plus(Duration.ofDays(31));
    PayloadDigests digests =
        new PayloadDigests() {
          @Override
          public String ofJson(String json) {
            return jsonDigest(json);
          }

          @Override
          public String ofText(String text) {
            return textDigest(text);
          }
        };

    // Another transaction holds the run: the batch takes nothing and waits for nothing.
    try (Connection holder = dataSource.getConnection()) {
      holder.setAutoCommit(false);
      try (PreparedStatement lock =
          holder.prepareStatement("SELECT 1 FROM agent_run WHERE id = ? FOR UPDATE")) {
        lock.setObject(1, runId);
        lock.executeQuery().close();
      }
      PruneBatch skipped = store.pruneBatch(runId, PruneProgress.START, now, 2, digests);
      assertThat(skipped.taken()).isFalse();
      assertThat(payloadRows(id)).isEqualTo(rows);
      holder.rollback();
    }

    PruneProgress progress = PruneProgress.START;
    int batches = 0;
    long pruned = 0;
    while (true) {
      PruneBatch batch = store.pruneBatch(runId, progress, now, 2, digests);
      assertThat(batch.taken()).isTrue();
      assertThat(batch.rows()).isLessThanOrEqualTo(2);
      batches++;
      pruned += batch.rows();
      if (batch.finished()) {
        break;
      }
      assertThat(
              db.count(
                  "SELECT count(*) FROM agent_run WHERE id = ? AND payloads_pruned_at" + " IS NULL",
                  runId))
          .as("marked only after the last batch")
          .isEqualTo(1);
      progress = batch.progress();
    }
    assertThat(batches).isGreaterThan(2);
    assertThat(payloadRows(id)).isZero();
    assertThat(
            db.count(
                "SELECT count(*) FROM agent_run WHERE id = ? AND payloads_pruned_at"
                    + " IS NOT NULL",
                runId))
        .isEqualTo(1);
    // Once marked, the run is not taken again.
    assertThat(store.pruneBatch(runId, PruneProgress.START, now, 2, digests).taken()).isFalse();
    assertThat(pruned).isGreaterThanOrEqualTo(rows);
  }

  @Test
  void retentionIsValidatedAndKeptInTheSpec() {
    for (String bad :
        List.of("{\"payloadDays\":0}", "{\"payloadDays\":3651}", "{}", "{\"payloadDays\":\"x\"}")) {
      as(key)
          .contentType("application/json")
          .body("{\"name\":\"" + Names.agent() + "\"," + SCRIPT + ",\"retention\":" + bad + "}")
          .post("/v1/agents")
          .then()
          .statusCode(400)
          .contentType("application/problem+json");
    }
    String name = publish(",\"retention\":{\"payloadDays\":3650}");
    assertThat(
            as(key)
                .get("/v1/agents/" + name + "/versions/1")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getInt("spec.retention.payloadDays"))
        .isEqualTo(3650);
    String plain = publish("");
    assertThat(
            as(key)
                .get("/v1/agents/" + plain + "/versions/1")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getMap("spec"))
        .doesNotContainKey("retention");
  }
}
