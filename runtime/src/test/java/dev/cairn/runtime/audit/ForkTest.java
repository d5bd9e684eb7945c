package dev.cairn.runtime.audit;

import static dev.cairn.runtime.testing.Auth.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

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
 * Forks continue live from a chosen seq on another model, another agent version or with an edited
 * message; the copied history verifies under the fork's id, the original and its hashes are
 * untouched, and the two runs compare side by side from the fork point.
 */
@QuarkusTest
class ForkTest {
  private static final String SCRIPT =
      """
      [{"toolCalls":[{"name":"calculator","arguments":{"expression":"6*7"}}]},
       {"toolCalls":[{"name":"calculator","arguments":{"expression":"1+1"}}]},
       {"text":"original final"}]""";

  @Inject DataSource dataSource;

  private static String publish(String name, String script) {
    given()
        .contentType(ContentType.JSON)
        .body(
            """
            {"name":"%s","systemPrompt":"be brief","model":{"provider":"scripted","name":"s",
             "script":%s},"tools":["calculator"],"budget":{"maxSteps":20}}"""
                .formatted(name, script))
        .post("/v1/agents")
        .then()
        .statusCode(201);
    return name;
  }

  private static String submit(String agent) {
    return given()
        .contentType(ContentType.JSON)
        .body("{\"agent\":\"" + agent + "\",\"input\":\"compute\"}")
        .post("/v1/runs")
        .then()
        .statusCode(202)
        .extract()
        .path("id");
  }

  private static JsonPath awaitTerminal(String id) {
    return await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(100))
        .until(
            () -> given().get("/v1/runs/" + id).then().extract().jsonPath(),
            r -> !List.of("QUEUED", "RUNNING", "WAITING").contains(r.getString("status")));
  }

  private static JsonPath verify(String id) {
    return given().get("/v1/runs/" + id + "/verify").then().statusCode(200).extract().jsonPath();
  }

  private static String fork(String id, String body, int status) {
    return given()
        .contentType(ContentType.JSON)
        .body(body)
        .post("/v1/runs/" + id + "/fork")
        .then()
        .statusCode(status)
        .extract()
        .asString();
  }

  private String original() {
    String id = submit(publish(Names.agent(), SCRIPT));
    JsonPath run = awaitTerminal(id);
    assertThat(run.getString("status")).isEqualTo("COMPLETED");
    assertThat(run.getInt("stepCount")).isEqualTo(5);
    return id;
  }

  @Test
  void forkOnAnotherModelContinuesAndBothRunsVerify() {
    String original = original();
    String originalHash = verify(original).getString("lastHash");

    JsonPath created =
        JsonPath.from(
            fork(
                original,
                """
                {"atSeq":2,"model":{"provider":"scripted","name":"other",
                 "script":[{"text":"unused"},{"text":"the other model answers"}]}}""",
                201));
    String fork = created.getString("id");
    assertThat(created.getString("forkedFrom")).isEqualTo(original);
    assertThat(created.getInt("forkedAtSeq")).isEqualTo(2);
    assertThat(created.getString("changes.model.name")).isEqualTo("other");

    JsonPath run = awaitTerminal(fork);
    assertThat(run.getString("status")).isEqualTo("COMPLETED");
    assertThat(run.getString("result.text")).isEqualTo("the other model answers");
    assertThat(run.getInt("stepCount")).isEqualTo(3);
    // The copied steps were not paid again: one model call before the fork point, one after.
    assertThat(run.getInt("modelCalls")).isEqualTo(2);

    JsonPath forkVerdict = verify(fork);
    assertThat(forkVerdict.getString("status")).isEqualTo("intact");
    assertThat(forkVerdict.getInt("checkpoints")).isEqualTo(3);
    JsonPath originalVerdict = verify(original);
    assertThat(originalVerdict.getString("status")).isEqualTo("intact");
    assertThat(originalVerdict.getString("lastHash")).isEqualTo(originalHash);

    Db db = new Db(dataSource);
    assertThat(
            db.count(
                "SELECT count(*) FROM checkpoint f JOIN checkpoint o ON o.seq = f.seq"
                    + " WHERE f.run_id = ?::uuid AND o.run_id = ?::uuid AND f.seq <= 2"
                    + " AND f.decision = o.decision AND f.outcome = o.outcome"
                    + " AND f.hash <> o.hash",
                fork,
                original))
        .isEqualTo(2);
    assertThat(db.text("SELECT forked_from::text FROM agent_run WHERE id = ?::uuid", fork))
        .isEqualTo(original);

    JsonPath side =
        given()
            .queryParam("with", original)
            .get("/v1/runs/" + fork + "/compare")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    assertThat(side.getInt("fromSeq")).isEqualTo(3);
    assertThat(side.getInt("rows[0].seq")).isEqualTo(3);
    assertThat(side.getBoolean("rows[0].same")).isFalse();
    assertThat(side.getString("rows[0].left.outcome.text")).isEqualTo("the other model answers");
    assertThat(side.getString("rows[0].right.outcome.toolCalls[0].name")).isEqualTo("calculator");
    assertThat(side.getInt("rows[2].seq")).isEqualTo(5);
    assertThat(side.getString("rows[2].left")).isNull();
    assertThat(side.getString("rows[2].right.outcome.text")).isEqualTo("original final");
    JsonPath fromStart =
        given()
            .queryParam("with", original)
            .queryParam("from", 1)
            .queryParam("limit", 2)
            .get("/v1/runs/" + fork + "/compare")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    assertThat(fromStart.getList("rows.same", Boolean.class)).containsExactly(true, true);
    assertThat(fromStart.getInt("nextFrom")).isEqualTo(3);
  }

  @Test
  void forkOnAnotherVersionRunsThatVersion() {
    String agent = publish(Names.agent(), SCRIPT);
    String original = submit(agent);
    awaitTerminal(original);
    publish(
        agent,
        """
        [{"text":"unused"},{"text":"version two answers"}]""");
    String fork =
        JsonPath.from(fork(original, "{\"atSeq\":2,\"agentVersion\":2}", 201)).getString("id");
    JsonPath run = awaitTerminal(fork);
    assertThat(run.getInt("agentVersion")).isEqualTo(2);
    assertThat(run.getString("result.text")).isEqualTo("version two answers");
  }

  @Test
  void forkAtSeqZeroStartsTheSameTaskAfreshOnAnotherModel() {
    String original = original();
    String fork =
        JsonPath.from(
                fork(
                    original,
                    """
                    {"atSeq":0,"model":{"provider":"scripted","name":"fresh",
                     "script":[{"text":"answered from the start"}]}}""",
                    201))
            .getString("id");
    JsonPath run = awaitTerminal(fork);
    assertThat(run.getString("result.text")).isEqualTo("answered from the start");
    assertThat(run.getInt("stepCount")).isEqualTo(1);
    assertThat(run.getString("forkedFrom")).isEqualTo(original);
    assertThat(run.getInt("forkedAtSeq")).isZero();
    assertThat(verify(fork).getString("status")).isEqualTo("intact");
  }

  @Test
  void forkWithAnEditedMessageChangesOnlyTheFork() {
    String original = original();
    Db db = new Db(dataSource);
    long userIndex =
        db.count("SELECT idx FROM run_message WHERE run_id = ?::uuid AND role = 'USER'", original);
    String fork =
        JsonPath.from(
                fork(
                    original,
                    "{\"atSeq\":2,\"editedMessage\":{\"index\":"
                        + userIndex
                        + ",\"content\":\"compute something else\"}}",
                    201))
            .getString("id");
    assertThat(awaitTerminal(fork).getString("status")).isEqualTo("COMPLETED");
    String sql = "SELECT content FROM run_message WHERE run_id = ?::uuid AND idx = ?";
    assertThat(db.text(sql, fork, (int) userIndex)).isEqualTo("compute something else");
    assertThat(db.text(sql, original, (int) userIndex)).isEqualTo("compute");
    assertThat(
            db.text(
                "SELECT fork_changes->'editedMessage'->>'role' FROM agent_run WHERE id = ?::uuid",
                fork))
        .isEqualTo("USER");
    assertThat(verify(original).getString("status")).isEqualTo("intact");
  }

  @Test
  void refusesWhatCannotBeForked() throws SQLException {
    String original = original();
    Db db = new Db(dataSource);
    String before = db.rowCounts();
    fork(original, "{\"atSeq\":-1}", 400);
    fork(original, "{\"atSeq\":6}", 400);
    fork(original, "{}", 400);
    fork(original, "{\"atSeq\":2,\"agentVersion\":99}", 400);
    fork(original, "{\"atSeq\":2,\"editedMessage\":{\"index\":50,\"content\":\"x\"}}", 400);
    fork(original, "{\"atSeq\":2,\"model\":{\"provider\":\"nope\"}}", 400);
    // After seq 5 the run had finished: nothing to continue.
    assertThat(fork(original, "{\"atSeq\":5}", 409)).contains("COMPLETED");
    fork(UUID.randomUUID().toString(), "{\"atSeq\":1}", 404);
    // A history that does not verify is not copied.
    try (Connection c = dataSource.getConnection();
        Statement s = c.createStatement()) {
      s.execute("SET session_replication_role = replica");
      s.execute(
          "UPDATE checkpoint SET output_tokens = output_tokens + 1 WHERE run_id = '"
              + original
              + "' AND seq = 1");
      s.execute("SET session_replication_role = origin");
    }
    assertThat(fork(original, "{\"atSeq\":2}", 409)).containsAnyOf("diverges", "verify");
    assertThat(db.rowCounts()).isEqualTo(before);
  }
}
