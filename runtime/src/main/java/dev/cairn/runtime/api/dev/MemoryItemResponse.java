package dev.cairn.runtime.api.dev;

import dev.cairn.runtime.memory.longterm.MemoryVersion;
import java.time.Instant;
import java.util.UUID;

/**
 * One version of a memory item, with its provenance.
 *
 * @param itemId the item
 * @param agent the agent
 * @param namespace the namespace ('' for the agent's own)
 * @param key the key
 * @param version this version
 * @param headVersion the item's newest version
 * @param content the text, as data ('' when deleted)
 * @param origin agent, tool, web or person
 * @param source detail of the origin, or null
 * @param pinned whether a person pinned it
 * @param deleted whether this version forgot the item
 * @param runId the run that wrote it, or null for a person
 * @param seq that run's step, or null
 * @param actor who wrote it
 * @param createdAt when
 */
public record MemoryItemResponse(
    UUID itemId,
    String agent,
    String namespace,
    String key,
    int version,
    int headVersion,
    String content,
    String origin,
    String source,
    boolean pinned,
    boolean deleted,
    UUID runId,
    Integer seq,
    String actor,
    Instant createdAt) {

  static MemoryItemResponse of(MemoryVersion v) {
    return new MemoryItemResponse(
        v.itemId(),
        v.agent(),
        v.namespace(),
        v.key(),
        v.version(),
        v.headVersion(),
        v.content(),
        v.origin().id(),
        v.source(),
        v.pinned(),
        v.deleted(),
        v.runId(),
        v.runId() == null ? null : v.seq(),
        v.actor(),
        v.createdAt());
  }
}
