package dev.cairn.runtime.audit;

import static dev.cairn.runtime.testing.Auth.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.cairn.runtime.audit.retention.RetentionPruner;
import dev.cairn.runtime.testing.Auth;
import dev.cairn.runtime.testing.Names;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * Measures what one step of a realistic run stores (checkpoint, messages, tool invocations: the
 * size of each row as PostgreSQL stores it, pg_column_size of the whole row) before and after
 * retention prunes its payloads, and prints the figures (docs/retention.md quotes them). The run: a
 * 600-byte system prompt, 20 turns that each say a few hundred bytes and call a tool, a final
 * answer.
 */
@QuarkusTest
class RetentionStorageTest {
  private static final int TURNS = 20;
  private static final String[] TABLES = {"checkpoint", "run_message", "tool_invocation"};

  @Inject DataSource dataSource;
  @Inject RetentionPruner pruner;
  @Inject Clock clock;

  private String realisticAgent(String key) {
    StringBuilder script = new StringBuilder();
    for (int i = 0; i < TURNS; i++) {
      String text =
          "Step "
              + i
              + ": I checked the order history and the shipping notes for this customer. The"
              + " parcel left the warehouse on time, but the carrier reported a delay at the"
              + " regional hub. Before answering I will look at what I noted about the case.";
      // Even turns save a note of a few hundred bytes, odd turns read it back (a tool output of
      // the same size).
      String call =
          i % 2 == 0
              ? "{\"name\":\"notes_put\",\"arguments\":{\"key\":\"case-"
                  + i
                  + "\",\"value\":\"Customer 4711 reports parcel 0042-"
                  + i
                  + " late by three days; contract rate 12.50 EUR per day late; carrier hub"
                  + " delay confirmed by tracking; customer asked for a refund and an apology;"
                  + " previous complaints: none in the last twelve months; preferred contact:"
                  + " e-mail.\"}}"
              : "{\"name\":\"notes_get\",\"arguments\":{\"key\":\"case-" + (i - 1) + "\"}}";
      script
          .append("{\"text\":\"")
          .append(text)
          .append("\",\"toolCalls\":[")
          .append(call)
          .append("]},");
    }
    script.append(
        "{\"text\":\"The refund due is 37.50 EUR for three days late; I have prepared the credit"
            + " note and a short apology for the customer, and flagged the hub delay for the"
            + " carrier review next week.\"}");
    String name = Names.agent();
    String prompt = "You are a careful customer service agent. ".repeat(14);
    as(key)
        .contentType("application/json")
        .body(
            """
            {"name":"%s","systemPrompt":"%s","model":{"provider":"scripted","name":"s",
             "script":[%s]},"tools":["notes_put","notes_get"],"retention":{"payloadDays":30},
             "budget":{"maxSteps":200,"maxModelCalls":100}}"""
                .formatted(name, prompt, script))
        .post("/v1/agents")
        .then()
        .statusCode(201);
    return name;
  }

  private Map<String, long[]> measure(UUID runId) throws SQLException {
    Map<String, long[]> sizes = new LinkedHashMap<>();
    try (Connection c = dataSource.getConnection()) {
      for (String table : TABLES) {
        try (PreparedStatement ps =
            c.prepareStatement(
                "SELECT count(*), coalesce(sum(pg_column_size(t.*)), 0) FROM "
                    + table
                    + " t WHERE run_id = ?")) {
          ps.setObject(1, runId);
          try (ResultSet rs = ps.executeQuery()) {
            rs.next();
            sizes.put(table, new long[] {rs.getLong(1), rs.getLong(2)});
          }
        }
      }
    }
    return sizes;
  }

  private static long total(Map<String, long[]> sizes) {
    return sizes.values().stream().mapToLong(s -> s[1]).sum();
  }

  @Test
  void reportsBytesPerStepBeforeAndAfterPruning() throws SQLException {
    String key = Auth.newKey(Auth.newTenant(), "developer");
    String id = Auth.submit(key, realisticAgent(key));
    await()
        .atMost(Duration.ofSeconds(60))
        .until(
            () ->
                "COMPLETED".equals(as(key).get("/v1/runs/" + id).then().extract().path("status")));
    int steps = as(key).get("/v1/runs/" + id).then().extract().path("stepCount");
    UUID runId = UUID.fromString(id);
    Map<String, long[]> before = measure(runId);
    pruner.prune(clock.instant().plus(Duration.ofDays(31)));
    Map<String, long[]> after = measure(runId);

    StringBuilder report = new StringBuilder("STORAGE steps=" + steps);
    for (String table : TABLES) {
      report
          .append(" | ")
          .append(table)
          .append(" rows=")
          .append(before.get(table)[0])
          .append(" before=")
          .append(before.get(table)[1])
          .append("B after=")
          .append(after.get(table)[1])
          .append('B');
    }
    report
        .append(" | per step before=")
        .append(total(before) / steps)
        .append("B after=")
        .append(total(after) / steps)
        .append('B');
    System.out.println(report);

    assertThat(steps).isEqualTo(2 * TURNS + 1);
    // What stays per step (state summary, hashes, digests, usage) is most of a pruned row: with
    // payloads of a few hundred bytes, pruning saves about a third.
    assertThat(total(after)).isLessThan(total(before) * 3 / 4);
    for (String table : TABLES) {
      assertThat(after.get(table)[0]).as("rows stay").isEqualTo(before.get(table)[0]);
    }
  }
}
