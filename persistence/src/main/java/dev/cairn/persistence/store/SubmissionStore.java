package dev.cairn.persistence.store;

import static dev.cairn.persistence.Jdbc.setInstant;
import static dev.cairn.persistence.Jdbc.setText;

import dev.cairn.persistence.Jdbc;
import dev.cairn.persistence.SqlFile;
import dev.cairn.persistence.TenantScope;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;

/** Run submission: inserts a run and its input message, honouring the idempotency key. */
@ApplicationScoped
public class SubmissionStore {
  private final DataSource dataSource;

  /**
   * Creates the store.
   *
   * @param dataSource the application's datasource
   */
  public SubmissionStore(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /**
   * Inserts a run and its input message, honouring the idempotency key; notifies idle workers. Runs
   * in the run's tenant scope (row-level security), like every API transaction.
   *
   * @param run the run to insert
   * @return created, key already used, or key in flight
   */
  public SubmitOutcome submit(NewRun run) {
    return Jdbc.inTransaction(
        dataSource,
        "submit run",
        c -> {
          TenantScope.enter(c, run.tenantId());
          if (run.idempotencyKey() != null && !tryLockKey(c, run)) {
            return new SubmitOutcome.KeyInFlight();
          }
          if (!insertRun(c, run)) {
            return new SubmitOutcome.KeyUsed(findByKey(c, run.tenantId(), run.idempotencyKey()));
          }
          insertMessages(
              c,
              run.id(),
              run.tenantId(),
              run.now(),
              List.of(new MessageRow(0, 0, "USER", run.inputText(), null, null, null)));
          RunnableSignal.notifyRunnable(c);
          return new SubmitOutcome.Created(run.id());
        });
  }

  private static boolean tryLockKey(Connection c, NewRun run) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement("SELECT pg_try_advisory_xact_lock(hashtextextended(?, 0))")) {
      ps.setString(1, run.tenantId() + ":" + run.idempotencyKey());
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getBoolean(1);
      }
    }
  }

  private static boolean insertRun(Connection c, NewRun run) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(SqlFile.load("insert_run"))) {
      ps.setObject(1, run.id());
      ps.setString(2, run.tenantId());
      ps.setString(3, run.agentName());
      ps.setInt(4, run.agentVersion());
      ps.setString(5, run.inputJson());
      setInstant(ps, 6, run.now());
      setText(ps, 7, run.idempotencyKey());
      setText(ps, 8, run.requestHash());
      setInstant(ps, 9, run.now());
      setInstant(ps, 10, run.now());
      ps.setInt(11, run.priority());
      ps.setString(12, run.submittedBy());
      setText(ps, 13, run.budgetJson());
      setInstant(ps, 14, run.deadlineAt());
      setText(ps, 15, run.variant());
      return ps.executeUpdate() == 1;
    }
  }

  private static ExistingRun findByKey(Connection c, String tenantId, String key)
      throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(SqlFile.load("find_run_by_idempotency_key"))) {
      ps.setString(1, tenantId);
      ps.setString(2, key);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          throw new SQLException("idempotency key conflict without a row");
        }
        return new ExistingRun(rs.getObject(1, UUID.class), rs.getString(2));
      }
    }
  }

  private static void insertMessages(
      Connection c, UUID runId, String tenantId, Instant now, List<MessageRow> messages)
      throws SQLException {
    if (messages.isEmpty()) {
      return;
    }
    try (PreparedStatement ps = c.prepareStatement(SqlFile.load("insert_message"))) {
      for (MessageRow m : messages) {
        bindMessage(ps, runId, tenantId, now, m);
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }

  private static void bindMessage(
      PreparedStatement ps, UUID runId, String tenantId, Instant now, MessageRow m)
      throws SQLException {
    ps.setObject(1, runId);
    ps.setInt(2, m.idx());
    ps.setString(3, tenantId);
    ps.setInt(4, m.seq());
    ps.setString(5, m.role());
    setText(ps, 6, m.content());
    setText(ps, 7, m.toolCallsJson());
    setText(ps, 8, m.toolCallId());
    setText(ps, 9, m.toolName());
    setInstant(ps, 10, now);
  }
}
