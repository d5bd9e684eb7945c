package dev.cairn.persistence.store;

import java.time.Instant;
import java.util.UUID;

/**
 * A version to append to a memory item.
 *
 * @param content the text ('' for a tombstone)
 * @param origin agent, tool, web or person
 * @param source detail of the origin (a tool name, a URL), or null
 * @param pinned whether a person pinned it
 * @param tombstone whether it forgets the item
 * @param actor who writes it
 * @param embedding the content's normalised embedding, or null
 * @param runId the run whose step writes it, or null for a person (set by the step's commit)
 * @param seq that step's seq, or 0
 * @param createdAt when (the step's time for a step)
 */
public record NewMemoryVersion(
    String content,
    String origin,
    String source,
    boolean pinned,
    boolean tombstone,
    String actor,
    float[] embedding,
    UUID runId,
    int seq,
    Instant createdAt) {

  /**
   * The same version as written by a step.
   *
   * @param run the run
   * @param stepSeq the step's seq
   * @param time the step's time
   * @return the version with its provenance
   */
  public NewMemoryVersion byStep(UUID run, int stepSeq, Instant time) {
    return new NewMemoryVersion(
        content, origin, source, pinned, tombstone, actor, embedding, run, stepSeq, time);
  }
}
