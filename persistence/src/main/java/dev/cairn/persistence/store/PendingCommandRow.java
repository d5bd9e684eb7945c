package dev.cairn.persistence.store;

import java.util.UUID;

/**
 * A pending operator command as the engine loads it.
 *
 * @param id command id
 * @param seq order among the run's commands
 * @param kind PAUSE, RESUME, CANCEL, ...
 * @param payloadJson the command's arguments
 * @param actor who gave it
 */
public record PendingCommandRow(UUID id, long seq, String kind, String payloadJson, String actor) {}
