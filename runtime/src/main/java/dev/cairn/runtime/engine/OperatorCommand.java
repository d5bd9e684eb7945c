package dev.cairn.runtime.engine;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.UUID;

/**
 * An accepted operator command waiting to be applied at the run's next step boundary.
 *
 * @param id command id
 * @param seq order among the run's commands
 * @param kind what is asked
 * @param payload the command's arguments
 * @param actor who gave it
 */
public record OperatorCommand(
    UUID id, long seq, CommandKind kind, JsonNode payload, String actor) {}
