package dev.cairn.persistence.store;

import static dev.cairn.persistence.Jdbc.setInstant;
import static dev.cairn.persistence.Jdbc.setUuidArray;

import dev.cairn.persistence.Jdbc;
import dev.cairn.persistence.SqlFile;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.util.Collection;
import java.util.UUID;
import javax.sql.DataSource;

/** Leases: heartbeats, giving leases back, and freeing those of replicas that went silent. */
@ApplicationScoped
public class LeaseStore {
  private final DataSource dataSource;

  /**
   * Creates the store.
   *
   * @param dataSource the application's datasource
   */
  public LeaseStore(DataSource dataSource) {
    this.dataSource = dataSource;
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
              RunnableSignal.notifyRunnable(c);
            }
            return released;
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
              RunnableSignal.notifyRunnable(c);
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
              RunnableSignal.notifyRunnable(c);
            }
            return reaped;
          }
        });
  }

  /**
   * Takes the lease from runs whose cancel has waited longer than the takeover time, so a frozen
   * owner cannot hold a cancel up: its late writes fail the fence, and any replica applies it.
   *
   * @param now current time
   * @param acceptedBefore cancels accepted before this time
   * @return runs freed
   */
  public int releaseStalledCancels(Instant now, Instant acceptedBefore) {
    return Jdbc.inTransaction(
        dataSource,
        "release stalled cancels",
        c -> {
          try (PreparedStatement ps = c.prepareStatement(SqlFile.load("release_stalled_cancels"))) {
            setInstant(ps, 1, now);
            setInstant(ps, 2, acceptedBefore);
            int released = ps.executeUpdate();
            if (released > 0) {
              RunnableSignal.notifyRunnable(c);
            }
            return released;
          }
        });
  }
}
