package dev.cairn.persistence.store;

import java.time.Instant;
import java.util.UUID;

/**
 * One stored version of a memory item, with its item.
 *
 * @param itemId the item
 * @param agentName the agent
 * @param namespace the namespace
 * @param key the key
 * @param version this version's number
 * @param headVersion the item's newest version number
 * @param content the text ('' for a tombstone)
 * @param origin agent, tool, web or person
 * @param source detail of the origin, or null
 * @param pinned whether a person pinned it
 * @param tombstone whether it forgot the item
 * @param runId the run that wrote it, or null
 * @param seq that run's step, or 0
 * @param actor who wrote it
 * @param createdAt when
 */
public record MemoryVersionRow(
    UUID itemId,
    String agentName,
    String namespace,
    String key,
    int version,
    int headVersion,
    String content,
    String origin,
    String source,
    boolean pinned,
    boolean tombstone,
    UUID runId,
    int seq,
    String actor,
    Instant createdAt) {}
