package dev.cairn.runtime.memory.longterm;

import dev.cairn.persistence.store.MemoryVersionRow;
import java.time.Instant;
import java.util.UUID;

/**
 * One version of a memory item as services hand it out.
 *
 * @param itemId the item
 * @param agent the agent
 * @param namespace the namespace ('' for the agent's own)
 * @param key the key
 * @param version this version's number
 * @param headVersion the item's newest version number
 * @param content the text ('' for a tombstone)
 * @param origin where the text came from
 * @param source detail of the origin, or null
 * @param pinned whether a person pinned it
 * @param deleted whether it is a tombstone
 * @param runId the run that wrote it, or null for a person
 * @param seq that run's step, or 0
 * @param actor who wrote it
 * @param createdAt when
 */
public record MemoryVersion(
    UUID itemId,
    String agent,
    String namespace,
    String key,
    int version,
    int headVersion,
    String content,
    Origin origin,
    String source,
    boolean pinned,
    boolean deleted,
    UUID runId,
    int seq,
    String actor,
    Instant createdAt) {

  static MemoryVersion of(MemoryVersionRow r) {
    return new MemoryVersion(
        r.itemId(),
        r.agentName(),
        r.namespace(),
        r.key(),
        r.version(),
        r.headVersion(),
        r.content(),
        Origin.parse(r.origin()).orElseThrow(),
        r.source(),
        r.pinned(),
        r.tombstone(),
        r.runId(),
        r.seq(),
        r.actor(),
        r.createdAt());
  }
}
