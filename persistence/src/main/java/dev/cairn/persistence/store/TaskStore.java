package dev.cairn.persistence.store;

import static dev.cairn.persistence.Jdbc.setInstant;
import static dev.cairn.persistence.Jdbc.setText;

import dev.cairn.persistence.Jdbc;
import dev.cairn.persistence.SqlFile;
import dev.cairn.persistence.TenantScope;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * Subtasks and child runs: the engine's reads for the plan and delegate tools, the writes their
 * steps commit, and the API's read of a run's graph.
 */
@ApplicationScoped
public class TaskStore {
  /** Most child runs listed with a graph. */
  public static final int MAX_LISTED_CHILDREN = 200;

  /** Most signals listed with a graph. */
  public static final int MAX_LISTED_SIGNALS = 50;

  private final DataSource dataSource;

  /**
   * Creates the store.
   *
   * @param dataSource the datasource
   */
  public TaskStore(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /**
   * A run's subtasks, for the engine.
   *
   * @param runId the run
   * @return its subtasks in the order they were added
   */
  public List<TaskRow> tasks(UUID runId) {
    return Jdbc.inAutoCommit(dataSource, "read tasks", c -> tasks(c, runId));
  }

  /**
   * The child runs a call started, for the engine.
   *
   * @param runId the parent
   * @param callId the parent's call
   * @return the children, in the order they were started
   */
  public List<ChildRunRow> children(UUID runId, String callId) {
    return Jdbc.inAutoCommit(
        dataSource,
        "read child runs",
        c -> {
          try (PreparedStatement ps = c.prepareStatement(SqlFile.load("children_of_call"))) {
            ps.setObject(1, runId);
            ps.setString(2, callId);
            List<ChildRunRow> rows = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                rows.add(child(rs, callId, null));
              }
            }
            return rows;
          }
        });
  }

  /**
   * How many child runs a run started so far, for the engine.
   *
   * @param runId the parent
   * @return the count
   */
  public long childCount(UUID runId) {
    return Jdbc.inAutoCommit(
        dataSource,
        "count child runs",
        c -> {
          try (PreparedStatement ps = c.prepareStatement(SqlFile.load("count_children"))) {
            ps.setObject(1, runId);
            try (ResultSet rs = ps.executeQuery()) {
              rs.next();
              return rs.getLong(1);
            }
          }
        });
  }

  /**
   * A run's graph, read in the tenant's scope (row-level security) for the API.
   *
   * @param tenantId tenant
   * @param runId the run
   * @return the graph, or empty when the run does not exist in the tenant
   */
  public Optional<TaskGraphRows> graph(String tenantId, UUID runId) {
    return Jdbc.inTransaction(
        dataSource,
        "read task graph",
        c -> {
          TenantScope.enter(c, tenantId);
          try (PreparedStatement ps = c.prepareStatement(SqlFile.load("run_graph_root"))) {
            ps.setObject(1, runId);
            try (ResultSet rs = ps.executeQuery()) {
              if (!rs.next()) {
                return Optional.empty();
              }
              return Optional.of(
                  new TaskGraphRows(
                      rs.getString(1),
                      rs.getString(2),
                      rs.getString(3),
                      Jdbc.toInstant(rs.getTimestamp(4)),
                      rs.getObject(5, UUID.class),
                      Jdbc.toInstant(rs.getTimestamp(6)),
                      tasks(c, runId),
                      allChildren(c, runId),
                      signals(c, runId)));
            }
          }
        });
  }

  /**
   * The write that adds or changes subtasks in a step's commit.
   *
   * @param changes the changes, in order
   * @return the write
   */
  public static StepWrite writeTasks(List<TaskChange> changes) {
    List<TaskChange> copy = List.copyOf(changes);
    return (c, step) -> {
      try (PreparedStatement ps = c.prepareStatement(SqlFile.load("upsert_task"))) {
        for (TaskChange t : copy) {
          ps.setObject(1, step.runId());
          ps.setString(2, t.taskId());
          ps.setString(3, step.tenantId());
          ps.setString(4, t.title());
          ps.setArray(5, c.createArrayOf("text", t.dependsOn().toArray()));
          ps.setString(6, t.state());
          setText(ps, 7, t.note());
          ps.setObject(8, t.childRunId());
          ps.setInt(9, step.checkpoint().seq());
          ps.setInt(10, step.checkpoint().seq());
          setInstant(ps, 11, step.now());
          setInstant(ps, 12, step.now());
          ps.addBatch();
        }
        ps.executeBatch();
      }
    };
  }

  /**
   * The write that starts child runs in the parent's step commit, and tells idle workers.
   *
   * @param children the children
   * @return the write
   */
  public static StepWrite startChildren(List<NewChildRun> children) {
    List<NewChildRun> copy = List.copyOf(children);
    return (c, step) -> {
      try (PreparedStatement ps = c.prepareStatement(SqlFile.load("insert_child_run"))) {
        for (int i = 0; i < copy.size(); i++) {
          NewChildRun child = copy.get(i);
          ps.setObject(1, child.id());
          ps.setString(2, step.tenantId());
          ps.setString(3, child.agentName());
          ps.setInt(4, child.agentVersion());
          ps.setString(5, child.inputJson());
          setInstant(ps, 6, step.now());
          setInstant(ps, 7, step.now());
          setInstant(ps, 8, step.now());
          ps.setInt(9, child.priority());
          ps.setString(10, "run:" + step.runId());
          ps.setString(11, child.budgetJson());
          setInstant(ps, 12, child.deadlineAt());
          ps.setObject(13, step.runId());
          ps.setString(14, child.callId());
          setText(ps, 15, child.taskId());
          ps.setInt(16, i);
          setText(ps, 17, child.variant());
          ps.setString(18, child.inputText());
          ps.addBatch();
        }
        ps.executeBatch();
      }
      RunnableSignal.notifyRunnable(c);
    };
  }

  /**
   * The write that wakes the parent at once when more of a call's children finished than its step
   * saw (a child that finished while the parent ran could not wake it).
   *
   * @param callId the parent's call
   * @param seenFinished how many of its children the step saw finished
   * @return the write
   */
  public static StepWrite wakeIfChildrenFinished(String callId, int seenFinished) {
    return (c, step) -> {
      try (PreparedStatement ps = c.prepareStatement(SqlFile.load("wake_if_children_finished"))) {
        setInstant(ps, 1, step.now());
        ps.setObject(2, step.runId());
        ps.setObject(3, step.runId());
        ps.setString(4, callId);
        ps.setInt(5, seenFinished);
        if (ps.executeUpdate() > 0) {
          RunnableSignal.notifyRunnable(c);
        }
      }
    };
  }

  /**
   * The write that cancels the children of a call that are still unfinished (CANCEL commands, as an
   * operator's).
   *
   * @param callId the parent's call
   * @return the write
   */
  public static StepWrite cancelChildren(String callId) {
    return (c, step) -> {
      try (PreparedStatement ps = c.prepareStatement(SqlFile.load("cancel_children_of_call"))) {
        ps.setObject(1, step.runId());
        ps.setString(2, callId);
        ps.setString(3, "run:" + step.runId());
        setInstant(ps, 4, step.now());
        ps.execute();
      }
    };
  }

  private static List<TaskRow> tasks(Connection c, UUID runId) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(SqlFile.load("list_tasks"))) {
      ps.setObject(1, runId);
      List<TaskRow> rows = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          rows.add(
              new TaskRow(
                  rs.getString(1),
                  rs.getString(2),
                  strings(rs.getArray(3)),
                  rs.getString(4),
                  rs.getString(5),
                  rs.getObject(6, UUID.class),
                  rs.getInt(7),
                  rs.getInt(8),
                  Jdbc.toInstant(rs.getTimestamp(9)),
                  Jdbc.toInstant(rs.getTimestamp(10))));
        }
      }
      return rows;
    }
  }

  private static List<ChildRunRow> allChildren(Connection c, UUID runId) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(SqlFile.load("children_of_run"))) {
      ps.setObject(1, runId);
      ps.setInt(2, MAX_LISTED_CHILDREN);
      List<ChildRunRow> rows = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          rows.add(child(rs, rs.getString(12), Jdbc.toInstant(rs.getTimestamp(13))));
        }
      }
      return rows;
    }
  }

  private static List<SignalSummaryRow> signals(Connection c, UUID runId) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(SqlFile.load("list_signals"))) {
      ps.setObject(1, runId);
      ps.setInt(2, MAX_LISTED_SIGNALS);
      List<SignalSummaryRow> rows = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          rows.add(
              new SignalSummaryRow(
                  rs.getObject(1, UUID.class),
                  rs.getString(2),
                  rs.getString(3),
                  Jdbc.toInstant(rs.getTimestamp(4)),
                  (Integer) rs.getObject(5),
                  Jdbc.toInstant(rs.getTimestamp(6))));
        }
      }
      return rows;
    }
  }

  private static ChildRunRow child(ResultSet rs, String callId, java.time.Instant createdAt)
      throws SQLException {
    return new ChildRunRow(
        rs.getObject(1, UUID.class),
        rs.getString(2),
        rs.getString(3),
        rs.getString(4),
        rs.getString(5),
        rs.getString(6),
        rs.getInt(7),
        rs.getInt(8),
        rs.getLong(9),
        rs.getLong(10),
        rs.getLong(11),
        callId,
        createdAt);
  }

  private static List<String> strings(Array array) throws SQLException {
    if (array == null) {
      return List.of();
    }
    return Arrays.asList((String[]) array.getArray());
  }
}
