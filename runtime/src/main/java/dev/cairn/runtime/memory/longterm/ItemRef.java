package dev.cairn.runtime.memory.longterm;

import dev.cairn.persistence.store.MemoryKey;

/**
 * Names one memory item in a request.
 *
 * @param tenantId the tenant
 * @param agent the agent
 * @param namespace the namespace ('' for the agent's own)
 * @param key the key
 */
public record ItemRef(String tenantId, String agent, String namespace, String key) {
  MemoryKey stored() {
    return new MemoryKey(tenantId, agent, namespace, key);
  }
}
