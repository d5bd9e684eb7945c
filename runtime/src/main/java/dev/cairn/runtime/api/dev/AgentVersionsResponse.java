package dev.cairn.runtime.api.dev;

import java.util.List;

/**
 * An agent with its versions.
 *
 * @param name agent name
 * @param latest the latest version
 * @param versions versions, newest first (at most 100)
 */
public record AgentVersionsResponse(String name, AgentResponse latest, List<Integer> versions) {}
