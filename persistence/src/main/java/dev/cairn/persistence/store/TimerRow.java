package dev.cairn.persistence.store;

import java.time.Instant;

/**
 * The due time a waiting call recorded.
 *
 * @param kind SLEEP or SIGNAL
 * @param dueAt when the wait ends, or null for a signal wait without timeout
 * @param signalName the awaited signal, or null
 * @param createdSeq the step that started the wait
 */
public record TimerRow(String kind, Instant dueAt, String signalName, int createdSeq) {}
