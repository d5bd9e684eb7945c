package dev.cairn.persistence.store;

import static dev.cairn.persistence.Jdbc.setInstant;

import dev.cairn.persistence.Jdbc;
import dev.cairn.persistence.SqlFile;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * Payload retention: finds finished runs whose definition's retention has passed and replaces their
 * bulky payloads (checkpoint decisions and outcomes, message contents, tool arguments and results)
 * by SHA-256 digests, a bounded batch per transaction. Runs in the engine's scope (every tenant).
 */
@ApplicationScoped
public class RetentionStore {
  private final DataSource dataSource;

  /**
   * Creates the store.
   *
   * @param dataSource the application's datasource
   */
  public RetentionStore(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /**
   * Runs due for pruning, oldest finish first.
   *
   * @param now the current time
   * @param limit most runs
   * @return their ids
   */
  public List<UUID> dueRuns(Instant now, int limit) {
    return Jdbc.inAutoCommit(
        dataSource,
        "find runs due for pruning",
        c -> {
          try (PreparedStatement ps = c.prepareStatement(SqlFile.load("retention_due_runs"))) {
            setInstant(ps, 1, now);
            ps.setInt(2, limit);
            ps.setInt(3, limit);
            List<UUID> ids = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                ids.add(rs.getObject(1, UUID.class));
              }
            }
            return ids;
          }
        });
  }

  /**
   * Prunes at most {@code batchSize} rows of one run in one transaction, under the run's row lock
   * (skipped when another transaction holds it): checkpoints first, then messages, then tool
   * invocations. When a batch finds fewer rows than it may take, the run is done and marked.
   *
   * @param runId the run
   * @param from where the previous batch ended ({@link PruneProgress#START} for the first)
   * @param now the pruning time
   * @param batchSize most rows to prune
   * @param digests how digests are computed
   * @return what the batch did
   */
  public PruneBatch pruneBatch(
      UUID runId, PruneProgress from, Instant now, int batchSize, PayloadDigests digests) {
    return Jdbc.inTransaction(
        dataSource,
        "prune run payloads",
        c -> {
          if (!lock(c, runId)) {
            return PruneBatch.notTaken(from);
          }
          int left = batchSize;
          Step checkpoints = pruneCheckpoints(c, runId, from.checkpointSeq(), left, now, digests);
          left -= checkpoints.rows;
          Step messages =
              left > 0
                  ? pruneMessages(c, runId, from.messageIdx(), left, now, digests)
                  : Step.notReached(from.messageIdx());
          left -= messages.rows;
          Step tools =
              left > 0
                  ? pruneToolCalls(c, runId, from.toolSeq(), left, now, digests)
                  : Step.notReached(from.toolSeq());
          boolean finished = checkpoints.exhausted && messages.exhausted && tools.exhausted;
          if (finished) {
            try (PreparedStatement ps = c.prepareStatement(SqlFile.load("retention_mark_run"))) {
              setInstant(ps, 1, now);
              ps.setObject(2, runId);
              ps.executeUpdate();
            }
            try (PreparedStatement ps =
                c.prepareStatement(SqlFile.load("retention_drop_summaries"))) {
              ps.setObject(1, runId);
              ps.executeUpdate();
            }
          }
          return new PruneBatch(
              true,
              checkpoints.rows,
              messages.rows,
              tools.rows,
              finished,
              new PruneProgress(checkpoints.last, messages.last, tools.last));
        });
  }

  /**
   * What pruning one table did in a batch.
   *
   * @param rows rows pruned
   * @param last key of the last row handled
   * @param exhausted true when the table has no more rows of the run to prune
   */
  private record Step(int rows, int last, boolean exhausted) {
    static Step notReached(int last) {
      return new Step(0, last, false);
    }
  }

  private static boolean lock(Connection c, UUID runId) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(SqlFile.load("retention_lock_run"))) {
      ps.setObject(1, runId);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next();
      }
    }
  }

  private static Step pruneCheckpoints(
      Connection c, UUID runId, int after, int limit, Instant now, PayloadDigests digests)
      throws SQLException {
    List<Integer> keys = new ArrayList<>();
    List<String> first = new ArrayList<>();
    List<String> second = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement(SqlFile.load("retention_read_checkpoints"))) {
      bindRead(ps, runId, after, limit);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          keys.add(rs.getInt(1));
          first.add(digests.ofJson(rs.getString(2)));
          second.add(digests.ofJson(rs.getString(3)));
        }
      }
    }
    return write(c, "retention_prune_checkpoints", runId, after, limit, now, keys, first, second);
  }

  private static Step pruneMessages(
      Connection c, UUID runId, int after, int limit, Instant now, PayloadDigests digests)
      throws SQLException {
    List<Integer> keys = new ArrayList<>();
    List<String> first = new ArrayList<>();
    List<String> second = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement(SqlFile.load("retention_read_messages"))) {
      bindRead(ps, runId, after, limit);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          keys.add(rs.getInt(1));
          first.add(digests.ofText(rs.getString(2)));
          second.add(digests.ofJson(rs.getString(3)));
        }
      }
    }
    return write(c, "retention_prune_messages", runId, after, limit, now, keys, first, second);
  }

  private static Step pruneToolCalls(
      Connection c, UUID runId, int after, int limit, Instant now, PayloadDigests digests)
      throws SQLException {
    List<Integer> keys = new ArrayList<>();
    List<String> first = new ArrayList<>();
    List<String> second = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement(SqlFile.load("retention_read_tool_calls"))) {
      bindRead(ps, runId, after, limit);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          keys.add(rs.getInt(1));
          first.add(digests.ofJson(rs.getString(2)));
          second.add(digests.ofText(rs.getString(3)));
        }
      }
    }
    return write(c, "retention_prune_tool_calls", runId, after, limit, now, keys, first, second);
  }

  private static void bindRead(PreparedStatement ps, UUID runId, int after, int limit)
      throws SQLException {
    ps.setObject(1, runId);
    ps.setInt(2, after);
    ps.setInt(3, limit);
  }

  private static Step write(
      Connection c,
      String statement,
      UUID runId,
      int after,
      int limit,
      Instant now,
      List<Integer> keys,
      List<String> first,
      List<String> second)
      throws SQLException {
    if (!keys.isEmpty()) {
      try (PreparedStatement ps = c.prepareStatement(SqlFile.load(statement))) {
        setInstant(ps, 1, now);
        ps.setArray(2, c.createArrayOf("int4", keys.toArray()));
        ps.setArray(3, c.createArrayOf("text", first.toArray()));
        ps.setArray(4, c.createArrayOf("text", second.toArray()));
        ps.setObject(5, runId);
        ps.executeUpdate();
      }
    }
    int last = keys.isEmpty() ? after : keys.getLast();
    return new Step(keys.size(), last, keys.size() < limit);
  }
}
