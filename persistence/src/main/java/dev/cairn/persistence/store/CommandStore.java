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
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * Operator commands: accepts a command under the run's row lock (so a run's commands are totally
 * ordered and each is validated against the ones before it), and reads commands, approvals, the
 * operator inbox and bulk selections. Every transaction runs in the tenant's scope (row-level
 * security as {@code cairn_api}).
 */
@ApplicationScoped
public class CommandStore {
  /** Channel notified when a command is accepted; the payload is the run id, or id:CANCEL. */
  public static final String COMMAND_CHANNEL = "cairn_command";

  /** Most approval records of one run read at once. */
  public static final int MAX_APPROVALS = 500;

  private final DataSource dataSource;

  /** Checks a command against the run as its pending commands will leave it. */
  @FunctionalInterface
  public interface Validator {
    /**
     * Throws to refuse the command (the transaction rolls back and nothing is written).
     *
     * @param run the run, read under its row lock
     * @param pending its pending commands in seq order
     * @param approvals its approval records (at most {@link #MAX_APPROVALS})
     */
    void check(RunControl run, List<CommandRow> pending, List<ApprovalRow> approvals);
  }

  /**
   * Creates the store.
   *
   * @param dataSource the application's datasource
   */
  public CommandStore(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /**
   * Accepts a command in one transaction: replays an idempotency key, takes the run's row lock and
   * numbers the command, lets {@code validator} refuse it, records it and notifies the engine.
   *
   * @param command the command
   * @param validator refuses invalid commands by throwing
   * @return accepted, key used, key in flight, or run missing
   */
  public CommandOutcome accept(NewCommand command, Validator validator) {
    return Jdbc.inTransaction(
        dataSource,
        "accept command",
        c -> {
          TenantScope.enter(c, command.tenantId());
          if (command.idempotencyKey() != null) {
            if (!tryLockKey(c, command)) {
              return new CommandOutcome.KeyInFlight();
            }
            Optional<CommandRow> existing = findByKey(c, command);
            if (existing.isPresent()) {
              return new CommandOutcome.KeyUsed(existing.get());
            }
          }
          Optional<RunControl> run = lockRun(c, command.runId());
          if (run.isEmpty()) {
            return new CommandOutcome.RunMissing();
          }
          validator.check(
              run.get(), pendingCommands(c, command.runId()), approvals(c, command.runId()));
          CommandRow row = insert(c, command, run.get().commandSeq());
          notifyEngine(c, command);
          return new CommandOutcome.Accepted(row);
        });
  }

  /**
   * A page of a run's commands, newest first.
   *
   * @param tenantId tenant
   * @param runId the run
   * @param beforeSeq only commands with a smaller seq
   * @param limit page size
   * @return the commands, or empty when the run does not exist
   */
  public Optional<List<CommandRow>> commands(
      String tenantId, UUID runId, long beforeSeq, int limit) {
    return read(
        tenantId,
        "list commands",
        c -> {
          if (!runExists(c, runId)) {
            return Optional.empty();
          }
          try (PreparedStatement ps = c.prepareStatement(SqlFile.load("list_commands"))) {
            ps.setObject(1, runId);
            ps.setLong(2, beforeSeq);
            ps.setInt(3, limit);
            return Optional.of(commandRows(ps));
          }
        });
  }

  /**
   * One command of a run.
   *
   * @param tenantId tenant
   * @param runId the run
   * @param commandId the command
   * @return the command, if it exists for this run in the tenant
   */
  public Optional<CommandRow> command(String tenantId, UUID runId, UUID commandId) {
    return read(
        tenantId,
        "get command",
        c -> {
          try (PreparedStatement ps = c.prepareStatement(SqlFile.load("get_command"))) {
            ps.setObject(1, runId);
            ps.setObject(2, commandId);
            return commandRows(ps).stream().findFirst();
          }
        });
  }

  /**
   * A run's approval records in the order they were requested.
   *
   * @param tenantId tenant
   * @param runId the run
   * @return the records (at most {@link #MAX_APPROVALS}), or empty when the run does not exist
   */
  public Optional<List<ApprovalRow>> approvals(String tenantId, UUID runId) {
    return read(
        tenantId,
        "list approvals",
        c -> runExists(c, runId) ? Optional.of(approvals(c, runId)) : Optional.empty());
  }

  /**
   * A page of the operator inbox.
   *
   * @param q the query
   * @return the items, newest first
   */
  public List<InboxRow> inbox(InboxQuery q) {
    return read(
        q.tenantId(),
        "read inbox",
        c -> {
          try (PreparedStatement ps = c.prepareStatement(SqlFile.load("inbox"))) {
            ps.setString(1, q.tenantId());
            ps.setString(2, q.tenantId());
            setInstant(ps, 3, q.waitingBefore());
            setText(ps, 4, q.agent());
            setText(ps, 5, q.agent());
            ps.setArray(6, c.createArrayOf("text", q.statuses().toArray()));
            ps.setArray(7, c.createArrayOf("text", q.statuses().toArray()));
            setInstant(ps, 8, q.sinceBefore());
            setInstant(ps, 9, q.afterSince());
            setInstant(ps, 10, q.afterSince());
            ps.setObject(11, q.afterId());
            ps.setInt(12, q.limit());
            List<InboxRow> rows = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                rows.add(
                    new InboxRow(
                        rs.getString(1),
                        rs.getObject(2, UUID.class),
                        rs.getString(3),
                        rs.getString(4),
                        rs.getString(5),
                        rs.getString(6),
                        rs.getObject(7, UUID.class),
                        rs.getString(8),
                        Jdbc.toInstant(rs.getTimestamp(9)),
                        rs.getObject(10, UUID.class),
                        Jdbc.toInstant(rs.getTimestamp(11))));
              }
            }
            return rows;
          }
        });
  }

  /**
   * How many runs a selection matches.
   *
   * @param s the selection
   * @return the count
   */
  public long count(RunSelection s) {
    return read(
        s.tenantId(),
        "count runs",
        c -> {
          try (PreparedStatement ps = c.prepareStatement(SqlFile.load("count_selected_runs"))) {
            bindSelection(c, ps, s);
            try (ResultSet rs = ps.executeQuery()) {
              rs.next();
              return rs.getLong(1);
            }
          }
        });
  }

  /**
   * The first runs a selection matches, oldest first.
   *
   * @param s the selection
   * @param limit most runs
   * @return the runs
   */
  public List<SelectedRun> select(RunSelection s, int limit) {
    return read(
        s.tenantId(),
        "select runs",
        c -> {
          try (PreparedStatement ps = c.prepareStatement(SqlFile.load("select_runs"))) {
            bindSelection(c, ps, s);
            ps.setInt(7, limit);
            List<SelectedRun> runs = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                runs.add(new SelectedRun(rs.getObject(1, UUID.class), rs.getString(2)));
              }
            }
            return runs;
          }
        });
  }

  private <T> T read(String tenantId, String what, Jdbc.TxWork<T> work) {
    return Jdbc.inTransaction(
        dataSource,
        what,
        c -> {
          TenantScope.enter(c, tenantId);
          return work.run(c);
        });
  }

  private static void bindSelection(Connection c, PreparedStatement ps, RunSelection s)
      throws SQLException {
    ps.setString(1, s.tenantId());
    setText(ps, 2, s.agent());
    setText(ps, 3, s.agent());
    ps.setArray(4, c.createArrayOf("text", s.statuses().toArray()));
    ps.setArray(5, c.createArrayOf("text", s.statuses().toArray()));
    setInstant(ps, 6, s.createdBefore());
  }

  private static boolean tryLockKey(Connection c, NewCommand command) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement("SELECT pg_try_advisory_xact_lock(hashtextextended(?, 0))")) {
      ps.setString(1, "command:" + command.tenantId() + ":" + command.idempotencyKey());
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getBoolean(1);
      }
    }
  }

  private static Optional<CommandRow> findByKey(Connection c, NewCommand command)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(SqlFile.load("find_command_by_idempotency_key"))) {
      ps.setString(1, command.tenantId());
      ps.setString(2, command.idempotencyKey());
      return commandRows(ps).stream().findFirst();
    }
  }

  private static Optional<RunControl> lockRun(Connection c, UUID runId) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(SqlFile.load("lock_run_for_command"))) {
      ps.setObject(1, runId);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return Optional.empty();
        }
        return Optional.of(
            new RunControl(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getString(4)));
      }
    }
  }

  private static List<CommandRow> pendingCommands(Connection c, UUID runId) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(SqlFile.load("pending_commands"))) {
      ps.setObject(1, runId);
      return commandRows(ps);
    }
  }

  private static boolean runExists(Connection c, UUID runId) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(SqlFile.load("run_exists"))) {
      ps.setObject(1, runId);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next();
      }
    }
  }

  private static List<ApprovalRow> approvals(Connection c, UUID runId) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(SqlFile.load("list_approvals"))) {
      ps.setObject(1, runId);
      ps.setInt(2, MAX_APPROVALS);
      List<ApprovalRow> rows = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          rows.add(
              new ApprovalRow(
                  rs.getObject(1, UUID.class),
                  rs.getObject(2, UUID.class),
                  rs.getInt(3),
                  rs.getString(4),
                  rs.getString(5),
                  rs.getString(6),
                  rs.getString(7),
                  rs.getString(8),
                  Jdbc.toInstant(rs.getTimestamp(9)),
                  rs.getString(10),
                  Jdbc.toInstant(rs.getTimestamp(11)),
                  rs.getString(12)));
        }
      }
      return rows;
    }
  }

  private static CommandRow insert(Connection c, NewCommand command, long seq) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(SqlFile.load("insert_command"))) {
      ps.setObject(1, command.id());
      ps.setString(2, command.tenantId());
      ps.setObject(3, command.runId());
      ps.setLong(4, seq);
      ps.setString(5, command.kind());
      ps.setString(6, command.payloadJson());
      ps.setString(7, command.actor());
      setText(ps, 8, command.idempotencyKey());
      setText(ps, 9, command.requestHash());
      setInstant(ps, 10, command.now());
      return commandRows(ps).getFirst();
    }
  }

  private static void notifyEngine(Connection c, NewCommand command) throws SQLException {
    String payload = command.runId() + ("CANCEL".equals(command.kind()) ? ":CANCEL" : "");
    try (PreparedStatement ps = c.prepareStatement("SELECT pg_notify(?, ?)")) {
      ps.setString(1, COMMAND_CHANNEL);
      ps.setString(2, payload);
      ps.execute();
    }
  }

  private static List<CommandRow> commandRows(PreparedStatement ps) throws SQLException {
    List<CommandRow> rows = new ArrayList<>();
    try (ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        rows.add(
            new CommandRow(
                rs.getObject(1, UUID.class),
                rs.getObject(2, UUID.class),
                rs.getLong(3),
                rs.getString(4),
                rs.getString(5),
                rs.getString(6),
                rs.getString(7),
                Jdbc.toInstant(rs.getTimestamp(8)),
                Jdbc.toInstant(rs.getTimestamp(9)),
                rs.getString(10),
                rs.getString(11)));
      }
    }
    return rows;
  }
}
