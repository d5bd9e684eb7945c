package dev.cairn.runtime.api.dev;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/**
 * One version of an agent definition.
 *
 * @param name agent name
 * @param version version
 * @param createdAt publication time
 * @param publishedBy who published this version
 * @param spec the normalized spec
 */
public record AgentResponse(
    String name, int version, Instant createdAt, String publishedBy, JsonNode spec) {}
