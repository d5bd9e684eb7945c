package dev.cairn.persistence.store;

import static dev.cairn.persistence.Jdbc.setInstant;
import static dev.cairn.persistence.Jdbc.toInstant;

import dev.cairn.persistence.Jdbc;
import dev.cairn.persistence.SqlFile;
import dev.cairn.persistence.TenantScope;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Types;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * Long-term memory: items whose every write is a new version (ADR 23). Steps write through {@link
 * #stepWrite} (in their own commit); people write with an expected version, which never overwrites
 * a version they did not see. Reads run in the tenant's scope (row-level security).
 */
@ApplicationScoped
public class MemoryStore {
  private final DataSource dataSource;

  /**
   * Creates the store.
   *
   * @param dataSource the application's datasource
   */
  public MemoryStore(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** What a person's conditional write did. */
  public sealed interface WriteResult {
    /**
     * The version was written.
     *
     * @param version it, as stored
     */
    record Written(MemoryVersionRow version) implements WriteResult {}

    /**
     * The item moved on (or exists, for a create): nothing was written.
     *
     * @param headVersion its newest version now
     */
    record Stale(int headVersion) implements WriteResult {}

    /** No such item (for a correction). */
    record Missing() implements WriteResult {}
  }

  /**
   * A write for a step's commit: appends the version under the step's run, seq and time, after the
   * lease fence held. Two steps writing one item both leave versions, numbered in commit order.
   *
   * @param key the item
   * @param version the version (its run, seq and time are the step's)
   * @return the step write
   */
  public static StepWrite stepWrite(MemoryKey key, NewMemoryVersion version) {
    return (c, step) -> {
      NewMemoryVersion v = version.byStep(step.runId(), step.checkpoint().seq(), step.now());
      MemoryRows.insert(c, key, MemoryRows.take(c, key, step.now()), v);
    };
  }

  /**
   * A person's write: creates the item when {@code expectedVersion} is 0, else appends only if the
   * item's newest version is still {@code expectedVersion}; with {@code expectedVersion} null
   * (deletes only) appends after whatever is newest.
   *
   * @param key the item
   * @param version the version
   * @param expectedVersion the newest version the writer saw, 0 for none, or null for any
   * @return what happened
   */
  public WriteResult write(MemoryKey key, NewMemoryVersion version, Integer expectedVersion) {
    return inTenant(
        key.tenantId(),
        "write memory",
        c -> {
          MemoryRows.Taken taken;
          if (expectedVersion == null) {
            taken = MemoryRows.take(c, key, version.createdAt());
          } else if (expectedVersion == 0) {
            try (PreparedStatement ps = c.prepareStatement(SqlFile.load("memory_create_item"))) {
              MemoryRows.bindNewItem(ps, key, version.createdAt());
              taken = MemoryRows.taken(ps);
            }
          } else {
            try (PreparedStatement ps = c.prepareStatement(SqlFile.load("memory_take_expected"))) {
              setInstant(ps, 1, version.createdAt());
              MemoryRows.bindItemScope(ps, 2, key.tenantId(), key.agentName(), key.namespace());
              ps.setString(5, key.key());
              ps.setInt(6, expectedVersion);
              taken = MemoryRows.taken(ps);
            }
          }
          if (taken == null) {
            Optional<MemoryVersionRow> head = head(c, key);
            return head.<WriteResult>map(h -> new WriteResult.Stale(h.headVersion()))
                .orElseGet(WriteResult.Missing::new);
          }
          MemoryRows.insert(c, key, taken, version);
          return new WriteResult.Written(head(c, key).orElseThrow());
        });
  }

  /**
   * An item's newest version.
   *
   * @param key the item
   * @return it (a tombstone included), or empty
   */
  public Optional<MemoryVersionRow> head(MemoryKey key) {
    return inTenant(key.tenantId(), "read memory", c -> head(c, key));
  }

  private static Optional<MemoryVersionRow> head(java.sql.Connection c, MemoryKey key)
      throws java.sql.SQLException {
    try (PreparedStatement ps = c.prepareStatement(SqlFile.load("memory_head"))) {
      MemoryRows.bindItemScope(ps, 1, key.tenantId(), key.agentName(), key.namespace());
      ps.setString(4, key.key());
      return MemoryRows.versions(ps).stream().findFirst();
    }
  }

  /**
   * A page of an agent's items, newest versions, in key order.
   *
   * @param tenantId the tenant
   * @param agent the agent
   * @param namespace the namespace
   * @param afterKey the last key of the previous page, or ''
   * @param includeDeleted whether forgotten items are listed (their tombstones)
   * @param limit most rows
   * @return the page
   */
  public List<MemoryVersionRow> list(
      String tenantId,
      String agent,
      String namespace,
      String afterKey,
      boolean includeDeleted,
      int limit) {
    return inTenant(
        tenantId,
        "list memory",
        c -> {
          try (PreparedStatement ps = c.prepareStatement(SqlFile.load("memory_list"))) {
            MemoryRows.bindItemScope(ps, 1, tenantId, agent, namespace);
            ps.setString(4, afterKey);
            ps.setBoolean(5, includeDeleted);
            ps.setInt(6, limit);
            return MemoryRows.versions(ps);
          }
        });
  }

  /**
   * An item's versions, oldest first.
   *
   * @param key the item
   * @param afterVersion the last version of the previous page, or 0
   * @param limit most rows
   * @return the versions
   */
  public List<MemoryVersionRow> history(MemoryKey key, int afterVersion, int limit) {
    return inTenant(
        key.tenantId(),
        "read memory history",
        c -> {
          try (PreparedStatement ps = c.prepareStatement(SqlFile.load("memory_history"))) {
            MemoryRows.bindItemScope(ps, 1, key.tenantId(), key.agentName(), key.namespace());
            ps.setString(4, key.key());
            ps.setInt(5, afterVersion);
            ps.setInt(6, limit);
            return MemoryRows.versions(ps);
          }
        });
  }

  /**
   * An agent's memory as it was at a run's step or at a time.
   *
   * @param tenantId the tenant
   * @param agent the agent
   * @param namespace the namespace
   * @param afterKey the last key of the previous page, or ''
   * @param runId the run whose versions count up to {@code seq}, or null
   * @param seq that run's step
   * @param time other writers' versions count up to this time
   * @param limit most rows
   * @return per item the version then newest, in key order, forgotten items left out
   */
  public List<MemoryVersionRow> asOf(
      String tenantId,
      String agent,
      String namespace,
      String afterKey,
      UUID runId,
      int seq,
      Instant time,
      int limit) {
    return inTenant(
        tenantId,
        "read memory as of",
        c -> {
          try (PreparedStatement ps = c.prepareStatement(SqlFile.load("memory_as_of"))) {
            MemoryRows.bindItemScope(ps, 1, tenantId, agent, namespace);
            ps.setString(4, afterKey);
            if (runId == null) {
              ps.setNull(5, Types.OTHER);
            } else {
              ps.setObject(5, runId);
            }
            ps.setInt(6, seq);
            setInstant(ps, 7, time);
            ps.setInt(8, limit);
            return MemoryRows.versions(ps);
          }
        });
  }

  /**
   * The time of a run's step in the tenant.
   *
   * @param tenantId the tenant
   * @param runId the run
   * @param seq the step
   * @return its checkpoint's time, or empty when there is no such step
   */
  public Optional<Instant> stepTime(String tenantId, UUID runId, int seq) {
    return inTenant(
        tenantId,
        "read step time",
        c -> {
          try (PreparedStatement ps = c.prepareStatement(SqlFile.load("memory_checkpoint_time"))) {
            ps.setObject(1, runId);
            ps.setInt(2, seq);
            try (ResultSet rs = ps.executeQuery()) {
              return rs.next() ? Optional.of(toInstant(rs.getTimestamp(1))) : Optional.empty();
            }
          }
        });
  }

  /**
   * The newest versions of some items.
   *
   * @param tenantId the tenant
   * @param ids the items
   * @return their newest versions, in no order
   */
  public List<MemoryVersionRow> heads(String tenantId, Collection<UUID> ids) {
    return inTenant(
        tenantId,
        "read memory",
        c -> {
          try (PreparedStatement ps = c.prepareStatement(SqlFile.load("memory_heads_by_id"))) {
            ps.setString(1, tenantId);
            Jdbc.setUuidArray(ps, 2, ids);
            return MemoryRows.versions(ps);
          }
        });
  }

  /**
   * Items a person pinned, newest versions, in key order.
   *
   * @param tenantId the tenant
   * @param agent the agent
   * @param namespace the namespace
   * @param limit most rows
   * @return them
   */
  public List<MemoryVersionRow> pinned(String tenantId, String agent, String namespace, int limit) {
    return inTenant(
        tenantId,
        "read pinned memory",
        c -> {
          try (PreparedStatement ps = c.prepareStatement(SqlFile.load("memory_pinned"))) {
            MemoryRows.bindItemScope(ps, 1, tenantId, agent, namespace);
            ps.setInt(4, limit);
            return MemoryRows.versions(ps);
          }
        });
  }

  /**
   * Whether the tenant has the agent.
   *
   * @param tenantId the tenant
   * @param agent the agent's name
   * @return whether any version of it exists
   */
  public boolean agentExists(String tenantId, String agent) {
    return inTenant(
        tenantId,
        "find agent",
        c -> {
          try (PreparedStatement ps = c.prepareStatement(SqlFile.load("memory_agent_exists"))) {
            ps.setString(1, tenantId);
            ps.setString(2, agent);
            try (ResultSet rs = ps.executeQuery()) {
              rs.next();
              return rs.getBoolean(1);
            }
          }
        });
  }

  private <T> T inTenant(String tenantId, String what, Jdbc.TxWork<T> work) {
    return Jdbc.inTransaction(
        dataSource,
        what,
        c -> {
          TenantScope.enter(c, tenantId);
          return work.run(c);
        });
  }
}
