package dev.cairn.runtime.notes;

import dev.cairn.persistence.store.NoteStore;
import dev.cairn.tools.NotePad;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.Optional;
import java.util.UUID;
import org.jboss.logging.Logger;

/** The note pad of the built-in note tools, stored in Postgres. */
@ApplicationScoped
public class PostgresNotePad implements NotePad {
  private static final Logger LOG = Logger.getLogger(PostgresNotePad.class);
  private final NoteStore store;
  private final Clock clock;

  /**
   * Creates the note pad.
   *
   * @param store note storage
   * @param clock clock
   */
  public PostgresNotePad(NoteStore store, Clock clock) {
    this.store = store;
    this.clock = clock;
  }

  @Override
  public void put(
      String tenantId,
      String agentName,
      String key,
      String value,
      UUID runId,
      String idempotencyKey) {
    if (!store.put(tenantId, agentName, key, value, runId, idempotencyKey, clock.instant())) {
      // A re-run of a call whose write was applied: its outcome stands, newer values stay.
      LOG.debugf("note '%s': write %s was applied before; not written again", key, idempotencyKey);
    }
  }

  @Override
  public Optional<String> get(String tenantId, String agentName, String key) {
    return store.get(tenantId, agentName, key);
  }
}
