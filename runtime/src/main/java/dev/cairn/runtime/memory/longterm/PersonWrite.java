package dev.cairn.runtime.memory.longterm;

/**
 * A person's write of one memory item.
 *
 * @param agent the agent
 * @param namespace the namespace ('' for the agent's own)
 * @param key the key
 * @param content the text
 * @param pinned whether to offer it to the agent's context (only a person's text may be pinned)
 * @param expectedVersion the newest version the person saw, 0 to create
 * @param conditionalRequest whether the expectation came as {@code If-Match} (stale answers 412,
 *     else 409)
 */
public record PersonWrite(
    String agent,
    String namespace,
    String key,
    String content,
    boolean pinned,
    int expectedVersion,
    boolean conditionalRequest) {}
