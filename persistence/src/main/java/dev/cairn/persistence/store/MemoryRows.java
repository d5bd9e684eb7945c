package dev.cairn.persistence.store;

import static dev.cairn.persistence.Jdbc.setInstant;
import static dev.cairn.persistence.Jdbc.setText;
import static dev.cairn.persistence.Jdbc.toInstant;

import dev.cairn.persistence.SqlFile;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Reading and appending memory versions on a connection, shared by the memory stores. */
final class MemoryRows {
  private MemoryRows() {}

  /** An item's id and the version number a writer took. */
  record Taken(UUID itemId, int version) {}

  /** Takes the next version of an item (creating it), holding its row until the commit. */
  static Taken take(Connection c, MemoryKey key, Instant now) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(SqlFile.load("memory_take_version"))) {
      bindNewItem(ps, key, now);
      return taken(ps);
    }
  }

  static void bindNewItem(PreparedStatement ps, MemoryKey key, Instant now) throws SQLException {
    ps.setObject(1, UUID.randomUUID());
    ps.setString(2, key.tenantId());
    ps.setString(3, key.agentName());
    ps.setString(4, key.namespace());
    ps.setString(5, key.key());
    setInstant(ps, 6, now);
    setInstant(ps, 7, now);
  }

  /** The one row of a statement returning (id, head_version), or null. */
  static Taken taken(PreparedStatement ps) throws SQLException {
    try (ResultSet rs = ps.executeQuery()) {
      return rs.next() ? new Taken(rs.getObject(1, UUID.class), rs.getInt(2)) : null;
    }
  }

  /** Appends a version numbered as taken. */
  static void insert(Connection c, MemoryKey key, Taken taken, NewMemoryVersion v)
      throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(SqlFile.load("memory_insert_version"))) {
      ps.setObject(1, taken.itemId());
      ps.setInt(2, taken.version());
      ps.setString(3, key.tenantId());
      ps.setString(4, v.content());
      ps.setString(5, v.origin());
      setText(ps, 6, v.source());
      ps.setBoolean(7, v.pinned());
      ps.setBoolean(8, v.tombstone());
      if (v.runId() == null) {
        ps.setNull(9, Types.OTHER);
        ps.setNull(10, Types.INTEGER);
      } else {
        ps.setObject(9, v.runId());
        ps.setInt(10, v.seq());
      }
      ps.setString(11, v.actor());
      setInstant(ps, 12, v.createdAt());
      if (v.embedding() == null) {
        ps.setNull(13, Types.ARRAY);
      } else {
        ps.setArray(13, c.createArrayOf("float4", box(v.embedding())));
      }
      ps.executeUpdate();
    }
  }

  static Float[] box(float[] values) {
    Float[] boxed = new Float[values.length];
    for (int i = 0; i < values.length; i++) {
      boxed[i] = values[i];
    }
    return boxed;
  }

  /** The versions a statement selects (the column list of the memory_* read statements). */
  static List<MemoryVersionRow> versions(PreparedStatement ps) throws SQLException {
    List<MemoryVersionRow> rows = new ArrayList<>();
    try (ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        rows.add(
            new MemoryVersionRow(
                rs.getObject(1, UUID.class),
                rs.getString(2),
                rs.getString(3),
                rs.getString(4),
                rs.getInt(5),
                rs.getInt(6),
                rs.getString(7),
                rs.getString(8),
                rs.getString(9),
                rs.getBoolean(10),
                rs.getBoolean(11),
                rs.getObject(12, UUID.class),
                rs.getInt(13),
                rs.getString(14),
                toInstant(rs.getTimestamp(15))));
      }
    }
    return rows;
  }

  static void bindItemScope(PreparedStatement ps, int first, String tenant, String agent, String ns)
      throws SQLException {
    ps.setString(first, tenant);
    ps.setString(first + 1, agent);
    ps.setString(first + 2, ns);
  }
}
