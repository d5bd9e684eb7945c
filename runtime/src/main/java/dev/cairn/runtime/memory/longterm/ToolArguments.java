package dev.cairn.runtime.memory.longterm;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;

/** Reads the memory tools' common arguments; a problem is told to the model as the tool's error. */
final class ToolArguments {
  private ToolArguments() {}

  static String text(JsonNode arguments, String field, String fallback) {
    JsonNode node = arguments.path(field);
    return node.isTextual() ? node.asText() : fallback;
  }

  static String namespace(JsonNode arguments) {
    return text(arguments, "namespace", "");
  }

  /** The first problem among the key and namespace, as the error the model reads. */
  static Optional<String> keyProblem(String key, String namespace) {
    return MemoryLimits.keyProblem(key)
        .map(p -> "error: key " + p)
        .or(() -> MemoryLimits.namespaceProblem(namespace).map(p -> "error: namespace " + p));
  }

  /** The actor recorded with an agent's writes (the run and step are recorded beside it). */
  static String actor(String agentName) {
    return "agent:" + agentName;
  }
}
