package dev.cairn.persistence.store;

import static dev.cairn.persistence.Jdbc.setInstant;

import dev.cairn.persistence.Jdbc;
import dev.cairn.persistence.SqlFile;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;

/** Notes kept by agents, per tenant and agent. */
@ApplicationScoped
public class NoteStore {
  private final DataSource dataSource;

  /**
   * Creates the store.
   *
   * @param dataSource the datasource
   */
  public NoteStore(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /**
   * Writes (or replaces) a note.
   *
   * @param tenantId tenant
   * @param agentName agent
   * @param key note key
   * @param value note text
   * @param runId writing run
   * @param idempotencyKey the call's key
   * @param now write time
   */
  public void put(
      String tenantId,
      String agentName,
      String key,
      String value,
      UUID runId,
      String idempotencyKey,
      Instant now) {
    Jdbc.inTransaction(
        dataSource,
        "put note",
        c -> {
          try (PreparedStatement ps = c.prepareStatement(SqlFile.load("put_note"))) {
            ps.setString(1, tenantId);
            ps.setString(2, agentName);
            ps.setString(3, key);
            ps.setString(4, value);
            ps.setObject(5, runId);
            ps.setString(6, idempotencyKey);
            setInstant(ps, 7, now);
            return ps.executeUpdate();
          }
        });
  }

  /**
   * Reads a note.
   *
   * @param tenantId tenant
   * @param agentName agent
   * @param key note key
   * @return its text, if any
   */
  public Optional<String> get(String tenantId, String agentName, String key) {
    return Jdbc.inTransaction(
        dataSource,
        "get note",
        c -> {
          try (PreparedStatement ps = c.prepareStatement(SqlFile.load("get_note"))) {
            ps.setString(1, tenantId);
            ps.setString(2, agentName);
            ps.setString(3, key);
            try (ResultSet rs = ps.executeQuery()) {
              return rs.next() ? Optional.of(rs.getString(1)) : Optional.<String>empty();
            }
          }
        });
  }
}
