package dev.cairn.runtime.console;

import java.time.Instant;

/**
 * One checkpoint on a run's timeline, its decision and outcome as indented JSON text (shown
 * escaped, never interpreted).
 *
 * @param seq step number
 * @param kind what the step did
 * @param statusAfter run state after it
 * @param createdAt commit time
 * @param tokens tokens in and out, as text
 * @param decision what was decided (JSON text)
 * @param outcome what came back (JSON text)
 */
public record TimelineEntry(
    int seq,
    String kind,
    String statusAfter,
    Instant createdAt,
    String tokens,
    String decision,
    String outcome) {}
