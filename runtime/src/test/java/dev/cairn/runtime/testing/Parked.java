package dev.cairn.runtime.testing;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * Runs, approvals and commands written straight to the database (as the owner), in a chosen status,
 * with a wake-up time far in the future and leased until tomorrow by a node that does not exist, so
 * the engine leaves them and their commands where they are (no claim takes a leased run): command
 * acceptance can be tested without racing the engine. A cancel older than the takeover time frees
 * such a lease, as it would a frozen replica's.
 */
public final class Parked {
  private final DataSource dataSource;

  /**
   * Wraps a datasource.
   *
   * @param dataSource the application's datasource
   */
  public Parked(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /**
   * An approval record.
   *
   * @param id its id
   * @param argumentsHash the hash an approval must carry
   */
  public record Approval(String id, String argumentsHash) {}

  /**
   * A run of version 1 of {@code agent}.
   *
   * @param tenant tenant
   * @param agent an agent published in the tenant
   * @param status its status
   * @return the run id
   */
  public String run(String tenant, String agent, String status) {
    return run(tenant, agent, status, status.equals("WAITING") ? "APPROVAL" : null, null, 0);
  }

  /**
   * A run of version 1 of {@code agent}.
   *
   * @param tenant tenant
   * @param agent an agent published in the tenant
   * @param status its status
   * @param waitReason why it waits, or null
   * @param budgetJson its budget, or null
   * @param ageSeconds how long ago it was submitted and last changed
   * @return the run id
   */
  public String run(
      String tenant,
      String agent,
      String status,
      String waitReason,
      String budgetJson,
      long ageSeconds) {
    UUID id = UUID.randomUUID();
    execute(
        "INSERT INTO agent_run (id, tenant_id, agent_name, agent_version, status, wait_reason,"
            + " input, wake_at, created_at, updated_at, submitted_by, budget, lease_owner,"
            + " lease_epoch, lease_expires_at)"
            + " VALUES (?, ?, ?, 1, ?, ?, '\"parked\"', now() + interval '1 day',"
            + " now() - make_interval(secs => ?), now() - make_interval(secs => ?), 'test',"
            + " ?::jsonb, 'parked-node', 1, now() + interval '1 day')",
        id,
        tenant,
        agent,
        status,
        waitReason,
        (double) ageSeconds,
        (double) ageSeconds,
        budgetJson);
    return id.toString();
  }

  /**
   * A pending approval of a call of {@code tool}.
   *
   * @param tenant tenant
   * @param runId the run
   * @param tool the tool
   * @return the approval
   */
  public Approval approval(String tenant, String runId, String tool) {
    UUID id = UUID.randomUUID();
    String hash = "h-" + UUID.randomUUID();
    execute(
        "INSERT INTO tool_approval (id, tenant_id, run_id, seq, tool_call_id, tool_name,"
            + " arguments, arguments_hash, requested_at)"
            + " VALUES (?, ?, ?, 1, ?, ?, '{\"a\":1}', ?, now())",
        id,
        tenant,
        UUID.fromString(runId),
        "call-" + id,
        tool,
        hash);
    return new Approval(id.toString(), hash);
  }

  /**
   * A command the engine already applied.
   *
   * @param tenant tenant
   * @param runId the run
   * @return the command id
   */
  public String appliedCommand(String tenant, String runId) {
    UUID id = UUID.randomUUID();
    execute(
        "WITH seq AS (UPDATE agent_run SET command_seq = command_seq + 1 WHERE id = ?"
            + " RETURNING command_seq)"
            + " INSERT INTO operator_command (id, tenant_id, run_id, seq, kind, actor, state,"
            + " created_at, applied_at) SELECT ?, ?, ?, seq.command_seq, 'STEER', 'test',"
            + " 'APPLIED', now(), now() FROM seq",
        UUID.fromString(runId),
        id,
        tenant,
        UUID.fromString(runId));
    return id.toString();
  }

  private void execute(String sql, Object... params) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(sql)) {
      for (int i = 0; i < params.length; i++) {
        ps.setObject(i + 1, params[i]);
      }
      ps.execute();
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * One text value.
   *
   * @param sql a query returning one row and column
   * @param params parameters
   * @return the value
   */
  public String text(String sql, Object... params) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(sql)) {
      for (int i = 0; i < params.length; i++) {
        ps.setObject(i + 1, params[i]);
      }
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? rs.getString(1) : null;
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}
