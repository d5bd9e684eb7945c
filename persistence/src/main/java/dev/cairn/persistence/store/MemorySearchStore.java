package dev.cairn.persistence.store;

import dev.cairn.persistence.Jdbc;
import dev.cairn.persistence.SqlFile;
import dev.cairn.persistence.TenantScope;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * Recall's candidate queries over an agent's live memory items: full-text search, and semantic
 * similarity either through pgvector's index (when the extension is installed) or over a bounded
 * set of recent items with the similarity computed in SQL.
 */
@ApplicationScoped
public class MemorySearchStore {
  private final DataSource dataSource;

  /**
   * Creates the store.
   *
   * @param dataSource the application's datasource
   */
  public MemorySearchStore(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /**
   * Whether the database has pgvector installed.
   *
   * @return whether the {@code vector} extension exists in it
   */
  public boolean pgvectorInstalled() {
    return Jdbc.inAutoCommit(
        dataSource,
        "detect pgvector",
        c -> {
          try (Statement s = c.createStatement();
              ResultSet rs = s.executeQuery(SqlFile.load("memory_pgvector_installed"))) {
            rs.next();
            return rs.getBoolean(1);
          }
        });
  }

  /** Adds the vector copy of embeddings and its index; call only when pgvector is installed. */
  public void preparePgvector() {
    Jdbc.inTransaction(
        dataSource,
        "prepare pgvector",
        c -> {
          try (Statement s = c.createStatement()) {
            for (String sql : SqlFile.load("memory_pgvector").split(";")) {
              if (!sql.isBlank()) {
                s.execute(sql);
              }
            }
          }
          return null;
        });
  }

  /**
   * Full-text candidates.
   *
   * @param tenantId the tenant
   * @param agent the agent
   * @param namespace the namespace
   * @param query the query in {@code websearch_to_tsquery} syntax
   * @param limit most candidates
   * @return candidates, best first, scored by {@code ts_rank_cd}
   */
  public List<MemoryHit> text(
      String tenantId, String agent, String namespace, String query, int limit) {
    return inTenant(
        tenantId,
        "search memory text",
        c -> {
          try (PreparedStatement ps = c.prepareStatement(SqlFile.load("memory_text_candidates"))) {
            ps.setString(1, query);
            MemoryRows.bindItemScope(ps, 2, tenantId, agent, namespace);
            ps.setInt(5, limit);
            return hits(ps);
          }
        });
  }

  /**
   * Semantic candidates.
   *
   * @param tenantId the tenant
   * @param agent the agent
   * @param namespace the namespace
   * @param embedding the query's normalised embedding
   * @param bound without pgvector, how many of the most recently written items are compared
   * @param pgvector whether to use pgvector's index
   * @param limit most candidates
   * @return candidates, best first, scored by cosine similarity
   */
  public List<MemoryHit> similar(
      String tenantId,
      String agent,
      String namespace,
      float[] embedding,
      int bound,
      boolean pgvector,
      int limit) {
    return inTenant(
        tenantId,
        "search memory embeddings",
        c -> {
          java.sql.Array vector = c.createArrayOf("float4", MemoryRows.box(embedding));
          if (pgvector) {
            try (PreparedStatement ps =
                c.prepareStatement(SqlFile.load("memory_vector_candidates_pgvector"))) {
              ps.setArray(1, vector);
              MemoryRows.bindItemScope(ps, 2, tenantId, agent, namespace);
              ps.setInt(5, limit);
              return hits(ps);
            }
          }
          try (PreparedStatement ps =
              c.prepareStatement(SqlFile.load("memory_vector_candidates"))) {
            MemoryRows.bindItemScope(ps, 1, tenantId, agent, namespace);
            ps.setInt(4, bound);
            ps.setArray(5, vector);
            ps.setInt(6, limit);
            return hits(ps);
          }
        });
  }

  private static List<MemoryHit> hits(PreparedStatement ps) throws SQLException {
    List<MemoryHit> hits = new ArrayList<>();
    try (ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        hits.add(new MemoryHit(rs.getObject(1, UUID.class), rs.getDouble(2)));
      }
    }
    return hits;
  }

  private <T> T inTenant(String tenantId, String what, Jdbc.TxWork<T> work) {
    return Jdbc.inTransaction(
        dataSource,
        what,
        (Connection c) -> {
          TenantScope.enter(c, tenantId);
          return work.run(c);
        });
  }
}
