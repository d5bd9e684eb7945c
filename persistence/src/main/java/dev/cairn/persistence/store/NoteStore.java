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
   * Writes (or replaces) a note, once per idempotency key: a put whose key was applied before (a
   * re-run of the same call) writes nothing, so it never overwrites a value written since.
   *
   * @param tenantId tenant
   * @param agentName agent
   * @param key note key
   * @param value note text
   * @param runId writing run
   * @param idempotencyKey the call's key
   * @param now write time
   * @return true if written now, false if this key's write was applied before
   */
  public boolean put(
      String tenantId,
      String agentName,
      String key,
      String value,
      UUID runId,
      String idempotencyKey,
      Instant now) {
    return Jdbc.inAutoCommit(
        dataSource,
        "put note",
        c -> {
          try (PreparedStatement ps = c.prepareStatement(SqlFile.load("put_note"))) {
            ps.setString(1, tenantId);
            ps.setString(2, idempotencyKey);
            ps.setString(3, agentName);
            ps.setString(4, key);
            ps.setObject(5, runId);
            setInstant(ps, 6, now);
            ps.setString(7, value);
            return ps.executeUpdate() == 1;
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
