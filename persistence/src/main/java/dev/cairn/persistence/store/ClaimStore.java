package dev.cairn.persistence.store;

import static dev.cairn.persistence.Jdbc.setInstant;
import static dev.cairn.persistence.Jdbc.setUuidArray;

import dev.cairn.persistence.Jdbc;
import dev.cairn.persistence.SqlFile;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;

/** Claims: takes runnable runs under new leases and loads what a claimed run needs to continue. */
@ApplicationScoped
public class ClaimStore {
  private final DataSource dataSource;

  /**
   * Creates the store.
   *
   * @param dataSource the application's datasource
   */
  public ClaimStore(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /**
   * Claims up to {@code limit} runnable runs for {@code node}, taking a new lease epoch on each.
   *
   * @param node this replica's id
   * @param now current time
   * @param leaseExpiresAt when the new leases expire
   * @param limit maximum runs to claim
   * @param inFlight runs this node advances already (never claimed again)
   * @param tenantCap most runs of one tenant leased at once across replicas, 0 for no cap
   * @return the claimed runs with their definitions
   */
  public List<ClaimedRunRow> claim(
      String node,
      Instant now,
      Instant leaseExpiresAt,
      int limit,
      Collection<UUID> inFlight,
      int tenantCap) {
    return Jdbc.inTransaction(
        dataSource,
        "claim runs",
        c -> {
          try (PreparedStatement ps = c.prepareStatement(SqlFile.load("claim_runs"))) {
            // Room per tenant (1-4), ready runs (5-7), due timers (8-10), runs with pending
            // commands (11-12), then the claim.
            ps.setBoolean(1, tenantCap > 0);
            setInstant(ps, 2, now);
            ps.setInt(3, limit);
            ps.setInt(4, tenantCap > 0 ? tenantCap : Integer.MAX_VALUE);
            setInstant(ps, 5, now);
            setInstant(ps, 6, now);
            setUuidArray(ps, 7, inFlight);
            setInstant(ps, 8, now);
            setInstant(ps, 9, now);
            setUuidArray(ps, 10, inFlight);
            setInstant(ps, 11, now);
            setUuidArray(ps, 12, inFlight);
            ps.setInt(13, limit);
            ps.setString(14, node);
            setInstant(ps, 15, leaseExpiresAt);
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
        rs.getString("spec"),
        rs.getString("wait_reason"),
        Jdbc.toInstant(rs.getTimestamp("wake_at")),
        rs.getString("budget"),
        rs.getLong("cost_micros"),
        rs.getInt("reserved_calls"),
        rs.getLong("reserved_tokens"),
        rs.getLong("reserved_cost_micros"),
        Jdbc.toInstant(rs.getTimestamp("deadline_at")),
        rs.getBoolean("has_commands"));
  }

  /**
   * Loads the pending operator commands of runs, in the order they were accepted.
   *
   * @param runIds the runs
   * @return pending commands per run
   */
  public Map<UUID, List<PendingCommandRow>> loadPendingCommands(Collection<UUID> runIds) {
    return rowsByRun(
        "load pending commands",
        "load_pending_commands",
        runIds,
        rs ->
            new PendingCommandRow(
                rs.getObject(2, UUID.class),
                rs.getLong(3),
                rs.getString(4),
                rs.getString(5),
                rs.getString(6)));
  }

  /**
   * Loads the approvals of runs that no call has used yet.
   *
   * @param runIds the runs
   * @return approvals per run, oldest first
   */
  public Map<UUID, List<OpenApprovalRow>> loadApprovals(Collection<UUID> runIds) {
    return rowsByRun(
        "load approvals",
        "load_approvals",
        runIds,
        rs ->
            new OpenApprovalRow(
                rs.getObject(2, UUID.class),
                rs.getInt(3),
                rs.getString(4),
                rs.getString(5),
                rs.getString(6),
                rs.getString(7),
                rs.getString(8)));
  }

  /**
   * Loads the conversations of claimed runs in one query: each run's input and the messages after
   * its latest summary (the tail), not the turns a summary covers.
   *
   * @param runIds the runs
   * @return messages per run, in order
   */
  public Map<UUID, List<MessageRow>> loadMessages(Collection<UUID> runIds) {
    return rowsByRun(
        "load messages",
        "load_messages",
        runIds,
        rs ->
            new MessageRow(
                rs.getInt(2),
                rs.getInt(3),
                rs.getString(4),
                rs.getString(5),
                rs.getString(6),
                rs.getString(7),
                rs.getString(8)));
  }

  /**
   * Loads the latest running summary of claimed runs in one query.
   *
   * @param runIds the runs
   * @return the latest summary of each run that has one
   */
  public Map<UUID, SummaryRow> loadSummaries(Collection<UUID> runIds) {
    Map<UUID, List<SummaryRow>> rows =
        rowsByRun(
            "load summaries",
            "load_summaries",
            runIds,
            rs ->
                new SummaryRow(
                    rs.getInt(2), rs.getInt(3), rs.getInt(4), rs.getString(5), rs.getInt(6)));
    Map<UUID, SummaryRow> latest = new HashMap<>();
    rows.forEach((run, list) -> latest.put(run, list.getFirst()));
    return latest;
  }

  /**
   * Loads tool intents without results for claimed runs in one query.
   *
   * @param runIds the runs
   * @return open intents per run
   */
  public Map<UUID, List<ToolIntentRow>> loadOpenIntents(Collection<UUID> runIds) {
    return rowsByRun(
        "load open intents",
        "load_open_intents",
        runIds,
        rs ->
            new ToolIntentRow(
                rs.getInt(2),
                rs.getString(3),
                rs.getString(4),
                rs.getString(5),
                rs.getString(6),
                rs.getString(7),
                rs.getInt(8)));
  }

  /** Reads one row of a per-run query (its first column is the run id). */
  @FunctionalInterface
  private interface RowReader<T> {
    T read(ResultSet rs) throws SQLException;
  }

  /** Runs a query taking the run ids as its one parameter and groups its rows by run, in order. */
  private <T> Map<UUID, List<T>> rowsByRun(
      String what, String sqlFile, Collection<UUID> runIds, RowReader<T> reader) {
    return Jdbc.inTransaction(
        dataSource,
        what,
        c -> {
          Map<UUID, List<T>> byRun = new HashMap<>();
          try (PreparedStatement ps = c.prepareStatement(SqlFile.load(sqlFile))) {
            setUuidArray(ps, 1, runIds);
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                byRun
                    .computeIfAbsent(rs.getObject(1, UUID.class), id -> new ArrayList<>())
                    .add(reader.read(rs));
              }
            }
          }
          return byRun;
        });
  }
}
