package dev.cairn.runtime.engine;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;

/** JSON helpers for the engine, independent of the application's object mapper. */
public final class Json {
  /** A plain mapper: the engine's JSON must not depend on HTTP-layer settings. */
  public static final ObjectMapper MAPPER = new ObjectMapper();

  private Json() {}

  /**
   * Parses JSON text, if it is valid.
   *
   * @param text the text, may be null
   * @return the tree, or empty when not valid JSON
   */
  public static Optional<JsonNode> tryParse(String text) {
    if (text == null || text.isBlank()) {
      return Optional.empty();
    }
    try {
      return Optional.of(MAPPER.readTree(text));
    } catch (JsonProcessingException e) {
      return Optional.empty();
    }
  }

  /**
   * Parses JSON text known to be valid (written by the engine itself).
   *
   * @param text the text
   * @return the tree
   */
  public static JsonNode parse(String text) {
    try {
      return MAPPER.readTree(text);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("stored JSON is not valid", e);
    }
  }

  /**
   * Serializes a value.
   *
   * @param value the value
   * @return JSON text
   */
  public static String write(Object value) {
    try {
      return MAPPER.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialize " + value.getClass().getSimpleName(), e);
    }
  }

  /**
   * A new empty object node.
   *
   * @return the node
   */
  public static ObjectNode object() {
    return MAPPER.createObjectNode();
  }
}
