package dev.cairn.tools.builtin;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Parses the built-in tools' argument schemas once, at startup. */
final class Schemas {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private Schemas() {}

  static JsonNode parse(String json) {
    try {
      return MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("invalid built-in schema", e);
    }
  }
}
