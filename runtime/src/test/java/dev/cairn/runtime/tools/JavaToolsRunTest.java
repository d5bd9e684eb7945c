package dev.cairn.runtime.tools;

import static dev.cairn.runtime.testing.Auth.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.cairn.examples.javatool.Priority;
import dev.cairn.examples.javatool.Ticket;
import dev.cairn.examples.javatool.TicketStore;
import dev.cairn.runtime.testing.Db;
import dev.cairn.runtime.testing.Names;
import dev.cairn.tools.SideEffect;
import dev.cairn.tools.ToolCatalog;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * The example module's Java tools, found on the class path like a user's jar, called by an agent
 * through the engine: results land in checkpoints, and the ledger follows the side-effect class the
 * tools' author declared.
 */
@QuarkusTest
class JavaToolsRunTest {
  @Inject DataSource dataSource;
  @Inject TicketStore tickets;
  @Inject ToolCatalog catalog;

  private static String publish(String script) {
    String name = Names.agent();
    given()
        .contentType(ContentType.JSON)
        .body(
            """
            {"name":"%s","model":{"provider":"scripted","name":"s","script":%s},
             "tools":["unit_convert","ticket_create"],"budget":{"maxSteps":20}}"""
                .formatted(name, script))
        .post("/v1/agents")
        .then()
        .statusCode(201);
    return name;
  }

  private static String submit(String agent) {
    return given()
        .contentType(ContentType.JSON)
        .body("{\"agent\":\"" + agent + "\",\"input\":\"convert and file\"}")
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
            run -> !List.of("QUEUED", "RUNNING", "WAITING").contains(run.getString("status")));
  }

  @Test
  void shouldFindBothKindsOfJavaToolsWithTheirAuthorsSideEffectClass() {
    assertThat(catalog.find("unit_convert").orElseThrow().sideEffect())
        .isEqualTo(SideEffect.READ_ONLY);
    assertThat(catalog.find("ticket_create").orElseThrow().sideEffect())
        .isEqualTo(SideEffect.IDEMPOTENT);
  }

  @Test
  void shouldCallBothJavaToolsThroughTheEngineAndLedgerThemByTheirSideEffectClass() {
    String agent =
        publish(
            """
            [{"toolCalls":[{"name":"unit_convert","arguments":{"value":5,"from":"km","to":"mi"}}]},
             {"toolCalls":[{"name":"ticket_create",
               "arguments":{"title":"Route is 3.1 miles","priority":"NORMAL"}}]},
             {"toolCalls":[{"name":"ticket_create",
               "arguments":{"title":"bad","priority":"SOMEDAY"}}]},
             {"text":"Filed."}]""");
    String id = submit(agent);
    JsonPath run = awaitTerminal(id);

    assertThat(run.getString("status")).isEqualTo("COMPLETED");
    assertThat(run.getInt("toolCalls")).isEqualTo(2);
    JsonPath checkpoints =
        given().get("/v1/runs/" + id + "/checkpoints").then().statusCode(200).extract().jsonPath();
    assertThat(checkpoints.getList("items.kind", String.class))
        .containsExactly(
            "MODEL_CALL",
            "TOOL_CALL",
            "MODEL_CALL",
            "TOOL_CALL",
            "MODEL_CALL",
            "TOOL_REJECTED",
            "MODEL_CALL");
    assertThat(checkpoints.getString("items[1].outcome.output")).isEqualTo("3.106855961 mi");
    Ticket ticket = tickets.byKey(id + ":4");
    assertThat(ticket.priority()).isEqualTo(Priority.NORMAL);
    assertThat(checkpoints.getString("items[3].outcome.output"))
        .isEqualTo("opened ticket " + ticket.id() + " (NORMAL): Route is 3.1 miles");
    // The enum in the generated schema stopped the third call before the tool ran.
    assertThat(checkpoints.getString("items[5].outcome.toldModel")).contains("must be one of");

    Db db = new Db(dataSource);
    UUID runId = UUID.fromString(id);
    // The idempotent call's intent was recorded before it ran (intent_at is the step's start)...
    assertThat(
            db.count(
                "SELECT count(*) FROM tool_invocation WHERE run_id = ? AND tool_name ="
                    + " 'ticket_create' AND side_effect = 'IDEMPOTENT' AND status = 'DONE'"
                    + " AND idempotency_key = ? AND intent_at < completed_at",
                runId,
                id + ":4"))
        .isEqualTo(1);
    // ...while the read-only call recorded only its result, with the step's commit.
    assertThat(
            db.count(
                "SELECT count(*) FROM tool_invocation WHERE run_id = ? AND tool_name ="
                    + " 'unit_convert' AND side_effect = 'READ_ONLY' AND intent_at = completed_at",
                runId))
        .isEqualTo(1);
    assertThat(db.count("SELECT count(*) FROM tool_invocation WHERE run_id = ?", runId))
        .isEqualTo(2);
  }
}
