package dev.cairn.persistence.store;

import static dev.cairn.persistence.Jdbc.setInstant;
import static dev.cairn.persistence.Jdbc.setText;
import static dev.cairn.persistence.Jdbc.setUuidArray;

import dev.cairn.persistence.Jdbc;
import dev.cairn.persistence.SqlFile;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/** The step loop's store: submission, claims, fenced step commits, intents and leases. */
@ApplicationScoped
public class RunStore {
  /** Channel notified when a run becomes runnable, so idle workers wake at once. */
  public static final String RUNNABLE_CHANNEL = "cairn_runnable";

  private static final Logger LOG = Logger.getLogger(RunStore.class);
  private final DataSource dataSource;
  private final boolean fenced;

  /**
   * Creates the store.
   *
   * @param dataSource the application's datasource
   * @param disableFencing negative-control switch for tests: commits without the lease fence
   */
  public RunStore(
      DataSource dataSource,
      @ConfigProperty(name = "cairn.unsafe.disable-fencing", defaultValue = "false")
          boolean disableFencing) {
    this.dataSource = dataSource;
    this.fenced = !disableFencing;
    if (disableFencing) {
      LOG.error(
          "cairn.unsafe.disable-fencing=true: step commits ignore lease ownership. This exists only"
              + " to prove that tests detect double ownership; never run it in production.");
    }
  }

  /**
   * Inserts a run and its input message, honouring the idempotency key; notifies idle workers.
   *
   * @param run the run to insert
   * @return created, key already used, or key in flight
   */
  public SubmitOutcome submit(NewRun run) {
    return Jdbc.inTransaction(
        dataSource,
        "submit run",
        c -> {
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
          notifyRunnable(c);
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

  /**
   * Sends a NOTIFY on {@link #RUNNABLE_CHANNEL} inside the caller's transaction.
   *
   * @param c the transaction's connection
   * @throws SQLException on database errors
   */
  public static void notifyRunnable(Connection c) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT pg_notify(?, '')")) {
      ps.setString(1, RUNNABLE_CHANNEL);
      ps.execute();
    }
  }

  /**
   * Claims up to {@code limit} runnable runs for {@code node}, taking a new lease epoch on each.
   *
   * @param node this replica's id
   * @param now current time
   * @param leaseExpiresAt when the new leases expire
   * @param limit maximum runs to claim
   * @param inFlight runs this node advances already (never claimed again)
   * @return the claimed runs with their definitions
   */
  public List<ClaimedRunRow> claim(
      String node, Instant now, Instant leaseExpiresAt, int limit, Collection<UUID> inFlight) {
    return Jdbc.inTransaction(
        dataSource,
        "claim runs",
        c -> {
          try (PreparedStatement ps = c.prepareStatement(SqlFile.load("claim_runs"))) {
            // Ready runs (1-4), due timers (5-8), then the claim itself.
            setInstant(ps, 1, now);
            setInstant(ps, 2, now);
            setUuidArray(ps, 3, inFlight);
            ps.setInt(4, limit);
            setInstant(ps, 5, now);
            setInstant(ps, 6, now);
            setUuidArray(ps, 7, inFlight);
            ps.setInt(8, limit);
            ps.setInt(9, limit);
            ps.setString(10, node);
            setInstant(ps, 11, leaseExpiresAt);
            List<ClaimedRunRow> rows = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                rows.add(readClaimed(rs));
              }
            }
            return rows;
          }
        });
  }

  private static ClaimedRunRow readClaimed(ResultSet rs) throws SQLException {
    return new ClaimedRunRow(
        rs.getObject("id", UUID.class),
        rs.getString("tenant_id"),
        rs.getString("agent_name"),
        rs.getInt("agent_version"),
        rs.getString("status"),
        rs.getString("input"),
        rs.getLong("lease_epoch"),
        rs.getInt("step_count"),
        rs.getInt("model_calls"),
        rs.getInt("tool_calls"),
        rs.getLong("input_tokens"),
        rs.getLong("output_tokens"),
        rs.getInt("invalid_tool_calls"),
        rs.getInt("retry_attempt"),
        rs.getInt("consecutive_recoveries"),
        rs.getString("pending_tool_calls"),
        rs.getString("last_hash"),
        Jdbc.toInstant(rs.getTimestamp("created_at")),
        rs.getString("spec"));
  }

  /**
   * Loads the conversations of claimed runs in one query.
   *
   * @param runIds the runs
   * @return messages per run, in order
   */
  public Map<UUID, List<MessageRow>> loadMessages(Collection<UUID> runIds) {
    return Jdbc.inTransaction(
        dataSource,
        "load messages",
        c -> {
          Map<UUID, List<MessageRow>> byRun = new HashMap<>();
          try (PreparedStatement ps = c.prepareStatement(SqlFile.load("load_messages"))) {
            setUuidArray(ps, 1, runIds);
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                byRun
                    .computeIfAbsent(rs.getObject(1, UUID.class), id -> new ArrayList<>())
                    .add(
                        new MessageRow(
                            rs.getInt(2),
                            rs.getInt(3),
                            rs.getString(4),
                            rs.getString(5),
                            rs.getString(6),
                            rs.getString(7),
                            rs.getString(8)));
              }
            }
          }
          return byRun;
        });
  }

  /**
   * Loads tool intents without results for claimed runs in one query.
   *
   * @param runIds the runs
   * @return open intents per run
   */
  public Map<UUID, List<ToolIntentRow>> loadOpenIntents(Collection<UUID> runIds) {
    return Jdbc.inTransaction(
        dataSource,
        "load open intents",
        c -> {
          Map<UUID, List<ToolIntentRow>> byRun = new HashMap<>();
          try (PreparedStatement ps = c.prepareStatement(SqlFile.load("load_open_intents"))) {
            setUuidArray(ps, 1, runIds);
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                byRun
                    .computeIfAbsent(rs.getObject(1, UUID.class), id -> new ArrayList<>())
                    .add(
                        new ToolIntentRow(
                            rs.getInt(2),
                            rs.getString(3),
                            rs.getString(4),
                            rs.getString(5),
                            rs.getString(6),
                            rs.getString(7),
                            rs.getInt(8)));
              }
            }
          }
          return byRun;
        });
  }

  /**
   * Commits one step: run update, checkpoint, messages, tool result and outbox event, all or
   * nothing, and only while the lease fence holds. One statement in auto-commit mode: a single
   * round trip to the database.
   *
   * @param step the step's writes
   * @return true if committed, false if the lease was lost (nothing written)
   */
  public boolean commitStep(StepCommit step) {
    return Jdbc.inAutoCommit(dataSource, "commit step", c -> StepWriter.write(c, step, fenced));
  }

  /**
   * Commits several runs' steps in one transaction (group commit); each step stays guarded by its
   * own fence, and a step whose fence fails writes nothing.
   *
   * @param steps the steps, at most one per run
   * @return for each step, whether it was committed
   */
  public boolean[] commitSteps(List<StepCommit> steps) {
    // Rows are written in run id order, the order every multi-row statement locks in, so a
    // group commit cannot deadlock with a heartbeat, the reaper or another group commit.
    Integer[] order = new Integer[steps.size()];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (a, b) -> postgresOrder(steps.get(a).runId(), steps.get(b).runId()));
    List<StepCommit> sorted = new ArrayList<>(steps.size());
    for (int i : order) {
      sorted.add(steps.get(i));
    }
    return Jdbc.inTransaction(
        dataSource,
        "commit steps",
        c -> {
          boolean[] sortedCommitted = StepWriter.writeAll(c, sorted, fenced);
          boolean[] committed = new boolean[steps.size()];
          for (int k = 0; k < order.length; k++) {
            committed[order[k]] = sortedCommitted[k];
          }
          return committed;
        });
  }

  /** Postgres orders uuids bytewise (unsigned); {@link UUID#compareTo} compares signed longs. */
  static int postgresOrder(UUID a, UUID b) {
    int high = Long.compareUnsigned(a.getMostSignificantBits(), b.getMostSignificantBits());
    return high != 0
        ? high
        : Long.compareUnsigned(a.getLeastSignificantBits(), b.getLeastSignificantBits());
  }

  /**
   * Gives back every lease a node holds (on shutdown) and wakes other workers.
   *
   * @param node the node
   * @param now current time
   * @return how many leases were released
   */
  public int releaseNode(String node, Instant now) {
    return Jdbc.inTransaction(
        dataSource,
        "release node leases",
        c -> {
          try (PreparedStatement ps = c.prepareStatement(SqlFile.load("release_node_leases"))) {
            setInstant(ps, 1, now);
            ps.setString(2, node);
            int released = ps.executeUpdate();
            if (released > 0) {
              notifyRunnable(c);
            }
            return released;
          }
        });
  }

  /**
   * Records the intent to call a tool with side effects, only while the lease fence holds.
   *
   * @param runId run
   * @param tenantId tenant
   * @param seq step seq
   * @param leaseOwner node holding the lease
   * @param leaseEpoch lease epoch
   * @param call the call
   * @return true if recorded (or re-recorded), false if the lease was lost
   */
  public boolean recordIntent(
      UUID runId,
      String tenantId,
      int seq,
      String leaseOwner,
      long leaseEpoch,
      ToolCallRecord call) {
    return Jdbc.inTransaction(
        dataSource,
        "record tool intent",
        c -> {
          try (PreparedStatement ps = c.prepareStatement(SqlFile.load("record_tool_intent"))) {
            ps.setObject(1, runId);
            ps.setInt(2, seq);
            ps.setString(3, tenantId);
            ps.setString(4, call.toolCallId());
            ps.setString(5, call.toolName());
            ps.setString(6, call.sideEffect());
            ps.setString(7, call.idempotencyKey());
            ps.setString(8, call.argumentsJson());
            ps.setLong(9, leaseEpoch);
            setInstant(ps, 10, call.intentAt());
            ps.setObject(11, runId);
            ps.setString(12, leaseOwner);
            ps.setLong(13, leaseEpoch);
            return ps.executeUpdate() == 1;
          }
        });
  }

  /**
   * Extends the leases this node still holds.
   *
   * @param node this replica's id
   * @param runIds runs in flight on this node
   * @param expiresAt new expiry
   * @return how many leases were extended
   */
  public int extendLeases(String node, Collection<UUID> runIds, Instant expiresAt) {
    if (runIds.isEmpty()) {
      return 0;
    }
    return Jdbc.inTransaction(
        dataSource,
        "extend leases",
        c -> {
          try (PreparedStatement ps = c.prepareStatement(SqlFile.load("extend_leases"))) {
            setInstant(ps, 1, expiresAt);
            ps.setString(2, node);
            setUuidArray(ps, 3, runIds);
            return ps.executeUpdate();
          }
        });
  }

  /**
   * Gives a run's lease back without a step, if this node still holds it at this epoch, and wakes
   * other workers so they can take it.
   *
   * @param runId run
   * @param node this replica's id
   * @param epoch lease epoch
   * @param now current time
   * @return true if released
   */
  public boolean release(UUID runId, String node, long epoch, Instant now) {
    return Jdbc.inTransaction(
        dataSource,
        "release lease",
        c -> {
          try (PreparedStatement ps = c.prepareStatement(SqlFile.load("release_lease"))) {
            setInstant(ps, 1, now);
            ps.setObject(2, runId);
            ps.setString(3, node);
            ps.setLong(4, epoch);
            boolean released = ps.executeUpdate() == 1;
            if (released) {
              notifyRunnable(c);
            }
            return released;
          }
        });
  }

  /**
   * Frees leases whose holders stopped heartbeating.
   *
   * @param now current time
   * @return how many leases expired
   */
  public int reapExpiredLeases(Instant now) {
    return Jdbc.inTransaction(
        dataSource,
        "reap expired leases",
        c -> {
          try (PreparedStatement ps = c.prepareStatement(SqlFile.load("reap_expired_leases"))) {
            setInstant(ps, 1, now);
            int reaped = ps.executeUpdate();
            if (reaped > 0) {
              notifyRunnable(c);
            }
            return reaped;
          }
        });
  }

  /**
   * Counts runs per status.
   *
   * @return status name to count
   */
  public Map<String, Long> countByStatus() {
    return Jdbc.inTransaction(
        dataSource,
        "count runs",
        c -> {
          Map<String, Long> counts = new HashMap<>();
          try (PreparedStatement ps = c.prepareStatement(SqlFile.load("count_runs_by_status"));
              ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
              counts.put(rs.getString(1), rs.getLong(2));
            }
          }
          return counts;
        });
  }

  static void bindMessage(
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

  static void insertMessages(
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
}
