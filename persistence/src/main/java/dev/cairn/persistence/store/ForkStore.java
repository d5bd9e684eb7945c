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
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;

/** Reads the run a fork starts from and writes the fork, in the caller's tenant scope. */
@ApplicationScoped
public class ForkStore {
  /** Checkpoints copied per statement. */
  private static final int BATCH = 1_000;

  private final DataSource dataSource;

  /**
   * Creates the store.
   *
   * @param dataSource the application's datasource
   */
  public ForkStore(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /**
   * The run a fork starts from.
   *
   * @param agentName its agent
   * @param agentVersion its agent version
   * @param inputJson its input
   * @param budgetJson its budget, or null
   * @param priority its priority
   * @param status its status now
   * @param stepCount its steps so far
   * @param modelOverrideJson the model replacing its definition's, or null
   * @param forkedFrom the run it was forked from, or null
   * @param forkedAtSeq the seq it was forked at, or null
   */
  public record Source(
      String agentName,
      int agentVersion,
      String inputJson,
      String budgetJson,
      int priority,
      String status,
      int stepCount,
      String modelOverrideJson,
      UUID forkedFrom,
      Integer forkedAtSeq) {}

  /**
   * The run a fork would start from.
   *
   * @param tenantId the tenant
   * @param runId the run
   * @return it, or empty for an unknown run or another tenant's
   */
  public Optional<Source> source(String tenantId, UUID runId) {
    return Jdbc.inTransaction(
        dataSource,
        "read fork source",
        c -> {
          TenantScope.enter(c, tenantId);
          try (PreparedStatement ps = c.prepareStatement(SqlFile.load("fork_source"))) {
            ps.setObject(1, runId);
            try (ResultSet rs = ps.executeQuery()) {
              if (!rs.next()) {
                return Optional.empty();
              }
              return Optional.of(
                  new Source(
                      rs.getString("agent_name"),
                      rs.getInt("agent_version"),
                      rs.getString("input"),
                      rs.getString("budget"),
                      rs.getInt("priority"),
                      rs.getString("status"),
                      rs.getInt("step_count"),
                      rs.getString("model_override"),
                      rs.getObject("forked_from", UUID.class),
                      (Integer) rs.getObject("forked_at_seq")));
            }
          }
        });
  }

  /**
   * Inserts a fork, its conversation and its copied checkpoints in one transaction.
   *
   * @param fork the fork
   */
  public void insert(NewFork fork) {
    Jdbc.inTransaction(
        dataSource,
        "insert fork",
        c -> {
          TenantScope.enter(c, fork.tenantId());
          insertRun(c, fork);
          insertMessages(c, fork);
          if (fork.summary() != null) {
            insertSummary(c, fork);
          }
          List<ChainRow> rows = fork.checkpoints();
          for (int from = 0; from < rows.size(); from += BATCH) {
            insertCheckpoints(
                c, fork.id(), rows.subList(from, Math.min(rows.size(), from + BATCH)));
          }
          return null;
        });
  }

  private static void insertRun(Connection c, NewFork f) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(SqlFile.load("insert_fork"))) {
      int i = 1;
      ps.setObject(i++, f.id());
      ps.setString(i++, f.tenantId());
      ps.setString(i++, f.agentName());
      ps.setInt(i++, f.agentVersion());
      ps.setString(i++, f.inputJson());
      setInstant(ps, i++, f.createdAt());
      setInstant(ps, i++, f.createdAt());
      setInstant(ps, i++, f.createdAt());
      ps.setInt(i++, f.priority());
      ps.setString(i++, f.submittedBy());
      setText(ps, i++, f.budgetJson());
      setInstant(ps, i++, f.deadlineAt());
      ps.setInt(i++, f.stepCount());
      ps.setLong(i++, f.modelCalls());
      ps.setLong(i++, f.toolCalls());
      ps.setLong(i++, f.inputTokens());
      ps.setLong(i++, f.outputTokens());
      ps.setInt(i++, f.invalidToolCalls());
      ps.setString(i++, f.pendingToolCallsJson());
      setText(ps, i++, f.lastHash());
      ps.setLong(i++, f.costMicros());
      ps.setObject(i++, f.forkedFrom());
      ps.setInt(i++, f.forkedAtSeq());
      ps.setString(i++, f.changesJson());
      setText(ps, i, f.modelOverrideJson());
      ps.executeUpdate();
    }
  }

  private static void insertSummary(Connection c, NewFork f) throws SQLException {
    SummaryRow s = f.summary();
    try (PreparedStatement ps = c.prepareStatement(SqlFile.load("insert_summary"))) {
      ps.setObject(1, f.id());
      ps.setInt(2, s.seq());
      ps.setString(3, f.tenantId());
      ps.setInt(4, s.fromIdx());
      ps.setInt(5, s.toIdx());
      ps.setString(6, s.text());
      ps.setInt(7, s.assistantTurns());
      setInstant(ps, 8, f.createdAt());
      ps.executeUpdate();
    }
  }

  private static void insertMessages(Connection c, NewFork f) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(SqlFile.load("insert_message"))) {
      for (MessageRow m : f.messages()) {
        ps.setObject(1, f.id());
        ps.setInt(2, m.idx());
        ps.setString(3, f.tenantId());
        ps.setInt(4, m.seq());
        ps.setString(5, m.role());
        setText(ps, 6, m.content());
        setText(ps, 7, m.toolCallsJson());
        setText(ps, 8, m.toolCallId());
        setText(ps, 9, m.toolName());
        setInstant(ps, 10, f.createdAt());
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }

  private static void insertCheckpoints(Connection c, UUID runId, List<ChainRow> rows)
      throws SQLException {
    int n = rows.size();
    Object[][] columns = new Object[20][n];
    for (int k = 0; k < n; k++) {
      ChainRow r = rows.get(k);
      Object[] values = {
        r.seq(),
        r.tenantId(),
        r.kind(),
        r.actor(),
        r.leaseOwner(),
        r.leaseEpoch(),
        r.decisionJson(),
        r.outcomeJson(),
        r.decisionSha256(),
        r.outcomeSha256(),
        (int) r.inputTokens(),
        (int) r.outputTokens(),
        r.costMicros(),
        r.statusAfter(),
        r.stateAfterJson(),
        r.prevHash(),
        r.hash(),
        r.hashAlg(),
        // Times as ISO-8601 text with their zone: exact to the microsecond whatever the JVM's zone.
        r.createdAt().toString(),
        r.prunedAt() == null ? null : r.prunedAt().toString()
      };
      for (int col = 0; col < values.length; col++) {
        columns[col][k] = values[col];
      }
    }
    String[] types = {
      "int4", "text", "text", "text", "text", "int8", "text", "text", "text", "text", "int4",
      "int4", "int8", "text", "text", "text", "text", "text", "text", "text"
    };
    try (PreparedStatement ps = c.prepareStatement(SqlFile.load("insert_fork_checkpoints"))) {
      ps.setObject(1, runId);
      for (int col = 0; col < types.length; col++) {
        ps.setArray(col + 2, c.createArrayOf(types[col], columns[col]));
      }
      ps.executeUpdate();
    }
  }
}
