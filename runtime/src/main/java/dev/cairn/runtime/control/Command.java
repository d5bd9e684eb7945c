package dev.cairn.runtime.control;

import dev.cairn.persistence.store.CommandRow;
import java.time.Instant;
import java.util.UUID;

/**
 * An operator command as the service reports it.
 *
 * @param id command id
 * @param runId the run
 * @param seq its position among the run's commands
 * @param kind what it asks
 * @param state {@code PENDING}, {@code APPLIED} or {@code REJECTED}
 * @param payloadJson its arguments (JSON)
 * @param actor who gave it
 * @param createdAt when it was accepted
 * @param appliedAt when the engine applied or rejected it, or null
 * @param outcome the engine's note, or null
 */
public record Command(
    UUID id,
    UUID runId,
    long seq,
    String kind,
    String state,
    String payloadJson,
    String actor,
    Instant createdAt,
    Instant appliedAt,
    String outcome) {

  static Command of(CommandRow r) {
    return new Command(
        r.id(),
        r.runId(),
        r.seq(),
        r.kind(),
        r.state(),
        r.payloadJson(),
        r.actor(),
        r.createdAt(),
        r.appliedAt(),
        r.outcome());
  }
}
