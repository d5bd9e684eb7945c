package dev.cairn.tools;

import java.util.Optional;
import java.util.UUID;

/** Storage the note tools write to; the runtime provides it (tools know nothing of databases). */
public interface NotePad {
  /**
   * Writes a note once per idempotency key: a second put with a key already applied (a re-run of
   * the same call) is a no-op, even if another call wrote the note in between.
   *
   * @param tenantId tenant
   * @param agentName agent whose notes these are
   * @param key note key
   * @param value note text
   * @param runId writing run
   * @param idempotencyKey the call's key
   */
  void put(
      String tenantId,
      String agentName,
      String key,
      String value,
      UUID runId,
      String idempotencyKey);

  /**
   * Reads a note.
   *
   * @param tenantId tenant
   * @param agentName agent whose notes these are
   * @param key note key
   * @return the note text, if any
   */
  Optional<String> get(String tenantId, String agentName, String key);
}
