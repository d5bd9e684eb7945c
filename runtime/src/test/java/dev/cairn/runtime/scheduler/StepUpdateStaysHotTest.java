package dev.cairn.runtime.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * A step that goes on under its lease updates the run row without touching any indexed column, so
 * PostgreSQL makes it a HOT update (no new index entries): an index on a column every step writes
 * (updated_at, the counters, the reservation) would cost every step an index insert per index.
 */
@QuarkusTest
class StepUpdateStaysHotTest {
  /** Columns the fenced commit writes on every step (commit_step.sql). */
  private static final List<String> WRITTEN_EVERY_STEP =
      List.of(
          "updated_at",
          "step_count",
          "model_calls",
          "tool_calls",
          "input_tokens",
          "output_tokens",
          "invalid_tool_calls",
          "retry_attempt",
          "consecutive_recoveries",
          "pending_tool_calls",
          "last_hash",
          "attention",
          "cost_micros",
          "reserved_calls",
          "reserved_tokens",
          "reserved_cost_micros",
          "lease_expires_at",
          "version",
          "result",
          "error");

  @Inject DataSource dataSource;

  @Test
  void noIndexOfTheRunTableCoversAColumnEveryStepWrites() throws SQLException {
    List<String> definitions = new ArrayList<>();
    try (Connection c = dataSource.getConnection();
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT pg_get_indexdef(indexrelid) FROM pg_index"
                    + " WHERE indrelid = 'agent_run'::regclass")) {
      while (rs.next()) {
        definitions.add(rs.getString(1));
      }
    }
    assertThat(definitions).isNotEmpty();
    for (String definition : definitions) {
      for (String column : WRITTEN_EVERY_STEP) {
        assertThat(definition)
            .as("index %s covers %s, which every step writes", definition, column)
            .doesNotContainPattern("\\b" + column + "\\b");
      }
    }
  }
}
