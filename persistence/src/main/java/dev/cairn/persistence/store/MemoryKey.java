package dev.cairn.persistence.store;

/**
 * Names one long-term memory item.
 *
 * @param tenantId the tenant
 * @param agentName the agent whose memory it is
 * @param namespace the partition of the agent's memory ('' for the agent's own)
 * @param key the item's key
 */
public record MemoryKey(String tenantId, String agentName, String namespace, String key) {}
