package dev.cairn.runtime.audit;

import static dev.cairn.runtime.testing.Auth.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cairn.runtime.engine.Json;
import dev.cairn.runtime.testing.Auth;
import dev.cairn.runtime.testing.Db;
import dev.cairn.runtime.testing.Parked;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The history of a 10,000-step run (rows made with generate_series) read page by page and streamed
 * whole, with the auditor's key; validation and tenants.
 */
@QuarkusTest
class HistoryApiTest {
  private static final int STEPS = 10_000;

  @Inject DataSource dataSource;
  private Db db;
  private String tenant;
  private String auditor;
  private String runId;

  @BeforeEach
  void longRun() {
    db = new Db(dataSource);
    tenant = Auth.newTenant();
    String developer = Auth.newKey(tenant, "developer");
    auditor = Auth.newKey(tenant, "auditor");
    String agent = Auth.publishScripted(developer, 0);
    runId = new Parked(dataSource).run(tenant, agent, "COMPLETED");
    UUID id = UUID.fromString(runId);
    db.execute(
        "INSERT INTO checkpoint (run_id, seq, tenant_id, kind, lease_owner, lease_epoch, decision,"
            + " outcome, input_tokens, output_tokens, status_after, state_after, prev_hash, hash,"
            + " created_at, hash_alg, actor, cost_micros)"
            + " SELECT ?, g, ?, CASE WHEN g % 2 = 0 THEN 'TOOL_CALL' ELSE 'MODEL_CALL' END,"
            + " 'node-a', 1, jsonb_build_object('type', 'CALL_MODEL', 'n', g),"
            + " jsonb_build_object('text', repeat('x', 300)), 100, 20,"
            + " CASE WHEN g = ? THEN 'COMPLETED' ELSE 'RUNNING' END,"
            + " jsonb_build_object('stepCount', g), CASE WHEN g > 1 THEN md5((g - 1)::text) END,"
            + " md5(g::text), now(), 'jcs-sha256/v1', 'engine', 1250"
            + " FROM generate_series(1, ?) g",
        id, tenant, STEPS, STEPS);
    db.execute("UPDATE agent_run SET step_count = ? WHERE id = ?", STEPS, id);
  }

  @Test
  void pagesThroughTenThousandSteps() {
    int after = 0;
    int pages = 0;
    int expected = 1;
    while (true) {
      JsonPath page =
          as(auditor)
              .queryParam("after", after)
              .queryParam("limit", 500)
              .get("/v1/runs/" + runId + "/history")
              .then()
              .statusCode(200)
              .extract()
              .jsonPath();
      List<Integer> seqs = page.getList("items.seq", Integer.class);
      for (int seq : seqs) {
        assertThat(seq).isEqualTo(expected++);
      }
      pages++;
      String next = page.getString("nextCursor");
      if (next == null) {
        break;
      }
      after = Integer.parseInt(next);
    }
    assertThat(expected - 1).isEqualTo(STEPS);
    assertThat(pages).isEqualTo(STEPS / 500);
  }

  @Test
  void eachEntryCarriesWhatItsHashCovers() {
    JsonPath page =
        as(auditor)
            .queryParam("after", 1)
            .queryParam("limit", 1)
            .get("/v1/runs/" + runId + "/history")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    Map<String, Object> entry = page.getMap("items[0]");
    assertThat(entry)
        .containsEntry("seq", 2)
        .containsEntry("kind", "TOOL_CALL")
        .containsEntry("actor", "engine")
        .containsEntry("leaseOwner", "node-a")
        .containsEntry("leaseEpoch", 1)
        .containsEntry("inputTokens", 100)
        .containsEntry("outputTokens", 20)
        .containsEntry("costMicros", 1250)
        .containsEntry("costUsd", "0.001250")
        .containsEntry("statusAfter", "RUNNING")
        .containsEntry("hashAlg", "jcs-sha256/v1")
        .containsEntry("prevHash", db.text("SELECT md5('1')"))
        .containsEntry("hash", db.text("SELECT md5('2')"))
        .containsEntry("pruned", null);
    assertThat(page.getString("items[0].decision.type")).isEqualTo("CALL_MODEL");
    assertThat(page.getString("items[0].outcome.text")).hasSize(300);
    assertThat(page.getInt("items[0].stateAfter.stepCount")).isEqualTo(2);
    assertThat(page.getString("items[0].createdAt")).isNotNull();
    assertThat(page.getString("nextCursor")).isEqualTo("2");
  }

  @Test
  void streamsTenThousandStepsAsNdjson() throws IOException {
    Response response =
        as(auditor).accept("application/x-ndjson").get("/v1/runs/" + runId + "/history/export");
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.contentType()).startsWith("application/x-ndjson");
    assertThat(response.header("Content-Disposition"))
        .isEqualTo("attachment; filename=\"run-" + runId + "-history.ndjson\"");
    int expected = 1;
    try (InputStream body = response.asInputStream();
        BufferedReader lines =
            new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
      for (String line = lines.readLine(); line != null; line = lines.readLine()) {
        JsonNode entry = Json.parse(line);
        assertThat(entry.get("seq").asInt()).isEqualTo(expected++);
        assertThat(entry.get("hash").asText()).hasSize(32);
      }
    }
    assertThat(expected - 1).isEqualTo(STEPS);
  }

  @Test
  void tellsTheStoryOfTenThousandStepsInOneResponseAndAsADownload() {
    JsonPath story =
        as(auditor).get("/v1/runs/" + runId + "/story").then().statusCode(200).extract().jsonPath();
    List<Integer> seqs = story.getList("steps.seq", Integer.class);
    assertThat(seqs).hasSize(STEPS);
    assertThat(seqs.getLast()).isEqualTo(STEPS);
    assertThat(story.getString("steps[1].kind")).isEqualTo("TOOL_CALL");
    assertThat(story.getString("steps[1].costUsd")).isEqualTo("0.001250");
    assertThat(story.getInt("totals.steps")).isEqualTo(STEPS);
    List<String> lines =
        as(auditor)
            .get("/v1/runs/" + runId + "/story/export")
            .then()
            .statusCode(200)
            .extract()
            .asString()
            .lines()
            .toList();
    assertThat(lines).hasSize(STEPS + 2);
    JsonNode end = Json.parse(lines.getLast());
    assertThat(end.get("type").asText()).isEqualTo("end");
    assertThat(end.get("steps").asInt()).isEqualTo(STEPS);
  }

  @Test
  void streamsFromASeqAndStopsAtTheStepCountReadFirst() {
    String body =
        as(auditor)
            .queryParam("after", 9_990)
            .get("/v1/runs/" + runId + "/history/export")
            .then()
            .statusCode(200)
            .extract()
            .asString();
    List<String> lines = body.lines().toList();
    assertThat(lines).hasSize(10);
    assertThat(Json.parse(lines.getFirst()).get("seq").asInt()).isEqualTo(9_991);
    // A checkpoint beyond the run's step count (a step being committed) is left out.
    db.execute("UPDATE agent_run SET step_count = ? WHERE id = ?", 9_995, UUID.fromString(runId));
    assertThat(
            as(auditor)
                .queryParam("after", 9_990)
                .get("/v1/runs/" + runId + "/history/export")
                .then()
                .extract()
                .asString()
                .lines())
        .hasSize(5);
  }

  @Test
  void refusesBadParametersAndOtherTenantsRuns() {
    String problem = "application/problem+json";
    as(auditor)
        .queryParam("limit", 501)
        .get("/v1/runs/" + runId + "/history")
        .then()
        .statusCode(400)
        .contentType(problem);
    as(auditor).queryParam("limit", 0).get("/v1/runs/" + runId + "/history").then().statusCode(400);
    as(auditor)
        .queryParam("after", -1)
        .get("/v1/runs/" + runId + "/history")
        .then()
        .statusCode(400);
    as(auditor)
        .queryParam("after", "x")
        .get("/v1/runs/" + runId + "/history/export")
        .then()
        .statusCode(400)
        .contentType(problem);
    as(auditor)
        .get("/v1/runs/not-a-run/history")
        .then()
        .statusCode(400)
        .body("errors[0].field", equalTo("id"));
    String stranger = Auth.newKey(Auth.newTenant(), "auditor");
    for (String path : List.of("/history", "/history/export", "/story", "/story/export")) {
      as(stranger).get("/v1/runs/" + runId + path).then().statusCode(404).contentType(problem);
    }
  }
}
