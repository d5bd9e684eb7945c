package dev.cairn.persistence.store;

import dev.cairn.persistence.Jdbc;
import dev.cairn.persistence.SqlFile;
import dev.cairn.persistence.TenantScope;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * Reads a run's checkpoint chain for verification, a page at a time, in the caller's tenant scope
 * (row-level security): a verifier never holds more than one page.
 */
@ApplicationScoped
public class CheckpointChainStore {
  private final DataSource dataSource;

  /**
   * Creates the store.
   *
   * @param dataSource the application's datasource
   */
  public CheckpointChainStore(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /**
   * Where the run row says the chain ends.
   *
   * @param stepCount the run's step count
   * @param lastHash the hash of its last checkpoint, or null before the first
   */
  public record RunHead(int stepCount, String lastHash) {}

  /**
   * The run's head, if the run exists in the tenant.
   *
   * @param tenantId the tenant
   * @param runId the run
   * @return its head, or empty for an unknown run or another tenant's
   */
  public Optional<RunHead> head(String tenantId, UUID runId) {
    return Jdbc.inTransaction(
        dataSource,
        "read checkpoint chain head",
        c -> {
          TenantScope.enter(c, tenantId);
          try (PreparedStatement ps = c.prepareStatement(SqlFile.load("checkpoint_chain_head"))) {
            ps.setObject(1, runId);
            try (ResultSet rs = ps.executeQuery()) {
              return rs.next()
                  ? Optional.of(new RunHead(rs.getInt(1), rs.getString(2)))
                  : Optional.empty();
            }
          }
        });
  }

  /**
   * The run's checkpoints after a seq, in seq order.
   *
   * @param tenantId the tenant
   * @param runId the run
   * @param afterSeq read checkpoints after this seq
   * @param limit at most this many
   * @return the page
   */
  public List<ChainRow> page(String tenantId, UUID runId, int afterSeq, int limit) {
    return Jdbc.inTransaction(
        dataSource,
        "read checkpoint chain",
        c -> {
          TenantScope.enter(c, tenantId);
          return read(c, runId, afterSeq, limit);
        });
  }

  /**
   * The seq of the run's checkpoint that carries a hash.
   *
   * @param tenantId the tenant
   * @param runId the run
   * @param hash the hash
   * @return its seq, or empty when no checkpoint of the run carries it
   */
  public OptionalInt seqOfHash(String tenantId, UUID runId, String hash) {
    return Jdbc.inTransaction(
        dataSource,
        "find checkpoint by hash",
        c -> {
          TenantScope.enter(c, tenantId);
          try (PreparedStatement ps = c.prepareStatement(SqlFile.load("checkpoint_seq_of_hash"))) {
            ps.setObject(1, runId);
            ps.setString(2, hash);
            try (ResultSet rs = ps.executeQuery()) {
              return rs.next() ? OptionalInt.of(rs.getInt(1)) : OptionalInt.empty();
            }
          }
        });
  }

  /**
   * The checkpoint hashes the audit log recorded for the run at its status changes, newest first.
   *
   * @param tenantId the tenant
   * @param runId the run
   * @param limit at most this many
   * @return seq to hash
   */
  public Map<Integer, String> anchors(String tenantId, UUID runId, int limit) {
    return Jdbc.inTransaction(
        dataSource,
        "read checkpoint anchors",
        c -> {
          TenantScope.enter(c, tenantId);
          try (PreparedStatement ps = c.prepareStatement(SqlFile.load("checkpoint_anchors"))) {
            ps.setString(1, tenantId);
            ps.setString(2, runId.toString());
            ps.setInt(3, limit);
            Map<Integer, String> anchors = new HashMap<>();
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                if (rs.getString(2) != null) {
                  anchors.putIfAbsent(rs.getInt(1), rs.getString(2));
                }
              }
            }
            return anchors;
          }
        });
  }

  private static List<ChainRow> read(Connection c, UUID runId, int afterSeq, int limit)
      throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(SqlFile.load("checkpoint_chain_page"))) {
      ps.setObject(1, runId);
      ps.setInt(2, afterSeq);
      ps.setInt(3, limit);
      List<ChainRow> rows = new ArrayList<>(Math.min(limit, 1_000));
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          rows.add(
              new ChainRow(
                  rs.getInt("seq"),
                  rs.getString("tenant_id"),
                  rs.getString("kind"),
                  rs.getString("actor"),
                  rs.getString("lease_owner"),
                  rs.getLong("lease_epoch"),
                  rs.getString("decision"),
                  rs.getString("outcome"),
                  rs.getString("decision_sha256"),
                  rs.getString("outcome_sha256"),
                  rs.getLong("input_tokens"),
                  rs.getLong("output_tokens"),
                  rs.getLong("cost_micros"),
                  rs.getString("status_after"),
                  rs.getString("state_after"),
                  rs.getString("prev_hash"),
                  rs.getString("hash"),
                  rs.getString("hash_alg"),
                  Jdbc.toInstant(rs.getTimestamp("created_at")),
                  Jdbc.toInstant(rs.getTimestamp("pruned_at"))));
        }
      }
      return rows;
    }
  }
}
