package dev.cairn.persistence.store;

import static dev.cairn.persistence.Jdbc.setInstant;

import dev.cairn.persistence.Jdbc;
import dev.cairn.persistence.SqlFile;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Fenced step writes: one step or a group of steps, and tool intents, each only while the lease
 * fence holds. Created at startup, so the negative-control switch is logged before any run moves.
 */
@Startup
@ApplicationScoped
public class StepStore {
  private static final Logger LOG = Logger.getLogger(StepStore.class);
  private final DataSource dataSource;
  private final boolean fenced;

  /**
   * Creates the store.
   *
   * @param dataSource the application's datasource
   * @param disableFencing negative-control switch for tests: commits without the lease fence
   */
  public StepStore(
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
   * Commits one step: run update, checkpoint, messages, tool result and outbox event, all or
   * nothing, and only while the lease fence holds. One statement in auto-commit mode: a single
   * round trip to the database.
   *
   * @param step the step's writes
   * @return true if committed, false if the lease was lost (nothing written)
   */
  public boolean commitStep(StepCommit step) {
    if (step.writesAfterFence()) {
      // Operator control and summary writes follow the step's statement: one transaction for all.
      return Jdbc.inTransaction(dataSource, "commit step", c -> StepWriter.write(c, step, fenced));
    }
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
   * Records the intent to call a tool with side effects, under the run's row lock and only while
   * the lease fence holds, so a claim that takes the run over either sees the intent or makes it
   * fail.
   *
   * @param runId run
   * @param tenantId tenant
   * @param seq step seq
   * @param leaseOwner node holding the lease
   * @param leaseEpoch lease epoch
   * @param call the call
   * @return {@link IntentResult#RECORDED} if recorded (or one more attempt of an idempotent call
   *     counted), {@link IntentResult#LEASE_LOST} if the lease was lost, {@link
   *     IntentResult#ALREADY_STARTED} if this step's call was started before and may not start
   *     again
   */
  public IntentResult recordIntent(
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
            ps.setString(2, leaseOwner);
            ps.setLong(3, leaseEpoch);
            ps.setInt(4, seq);
            ps.setString(5, tenantId);
            ps.setString(6, call.toolCallId());
            ps.setString(7, call.toolName());
            ps.setString(8, call.sideEffect());
            ps.setString(9, call.idempotencyKey());
            ps.setString(10, call.argumentsJson());
            ps.setLong(11, leaseEpoch);
            setInstant(ps, 12, call.intentAt());
            try (ResultSet rs = ps.executeQuery()) {
              rs.next();
              return IntentResult.valueOf(rs.getString(1));
            }
          }
        });
  }

  /**
   * Before model calls whose reservation is not durable yet (a batch of freshly claimed runs, or
   * one run): charges what lost calls may have spent and reserves each call's worst case, in one
   * statement, each run only while its lease fence holds.
   *
   * @param leaseOwner node holding the leases
   * @param runs the runs, with their epochs, charges and reservations
   * @param now the time
   * @return the runs whose reservation was written
   */
  public java.util.Set<UUID> reserveModelCalls(
      String leaseOwner, List<CallReservation> runs, java.time.Instant now) {
    if (runs.isEmpty()) {
      return java.util.Set.of();
    }
    return Jdbc.inAutoCommit(
        dataSource,
        "reserve model calls",
        c -> {
          int n = runs.size();
          Object[] ids = new Object[n];
          Object[] epochs = new Object[n];
          Object[][] amounts = new Object[6][n];
          for (int i = 0; i < n; i++) {
            CallReservation r = runs.get(i);
            ids[i] = r.runId();
            epochs[i] = r.leaseEpoch();
            for (int k = 0; k < 3; k++) {
              amounts[k][i] = k == 0 ? (Object) (int) r.charge()[k] : (Object) r.charge()[k];
              amounts[3 + k][i] = k == 0 ? (Object) (int) r.reserve()[k] : (Object) r.reserve()[k];
            }
          }
          try (PreparedStatement ps = c.prepareStatement(SqlFile.load("reserve_model_calls"))) {
            setInstant(ps, 1, now);
            ps.setArray(2, c.createArrayOf("uuid", ids));
            ps.setArray(3, c.createArrayOf("bigint", epochs));
            String[] types = {"int4", "bigint", "bigint", "int4", "bigint", "bigint"};
            for (int k = 0; k < 6; k++) {
              ps.setArray(4 + k, c.createArrayOf(types[k], amounts[k]));
            }
            ps.setString(10, leaseOwner);
            java.util.Set<UUID> reserved = new java.util.HashSet<>();
            try (java.sql.ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                reserved.add(rs.getObject(1, UUID.class));
              }
            }
            return reserved;
          }
        });
  }

  /**
   * A run's next model call to reserve.
   *
   * @param runId the run
   * @param leaseEpoch the claim's epoch
   * @param charge calls, tokens and cost charged for lost reservations
   * @param reserve calls, tokens and cost reserved
   */
  public record CallReservation(UUID runId, long leaseEpoch, long[] charge, long[] reserve) {}
}
