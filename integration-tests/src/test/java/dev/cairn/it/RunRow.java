package dev.cairn.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * One run's row as the engine left it, read straight from {@code agent_run}.
 *
 * @param status the run's status
 * @param waitReason why a WAITING run waits, or null
 * @param wakeAt when the run may be claimed next
 * @param leaseOwner the replica holding the run, or null
 * @param leaseEpoch the lease epoch
 * @param stepCount committed steps
 * @param modelCalls model calls counted (charged reservations included)
 * @param inputTokens input tokens counted (charged reservations included)
 * @param outputTokens output tokens counted
 * @param error the run's error object, or null
 */
record RunRow(
    String status,
    String waitReason,
    Instant wakeAt,
    String leaseOwner,
    long leaseEpoch,
    int stepCount,
    int modelCalls,
    long inputTokens,
    long outputTokens,
    JsonNode error) {

  private static final ObjectMapper JSON = new ObjectMapper();

  static RunRow read(TestDatabase database, String runId) {
    List<RunRow> rows =
        Sql.query(
            database,
            "SELECT status, wait_reason, wake_at, lease_owner, lease_epoch, step_count,"
                + " model_calls, input_tokens, output_tokens, error::text"
                + " FROM agent_run WHERE id = ?::uuid",
            rs ->
                new RunRow(
                    rs.getString(1),
                    rs.getString(2),
                    rs.getObject(3, OffsetDateTime.class).toInstant(),
                    rs.getString(4),
                    rs.getLong(5),
                    rs.getInt(6),
                    rs.getInt(7),
                    rs.getLong(8),
                    rs.getLong(9),
                    parse(rs.getString(10))),
            runId);
    if (rows.isEmpty()) {
      throw new IllegalStateException("no run " + runId);
    }
    return rows.get(0);
  }

  static String status(TestDatabase database, String runId) {
    return read(database, runId).status();
  }

  long totalTokens() {
    return inputTokens + outputTokens;
  }

  private static JsonNode parse(String json) {
    try {
      return json == null ? null : JSON.readTree(json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
