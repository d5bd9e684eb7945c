package dev.cairn.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The fake servers' deterministic token count: one token per four characters of compact JSON,
 * rounded up. Not any provider's tokenizer, but stable, so prefixes and caches behave alike run
 * after run.
 */
public final class PromptTokens {
  private static final ObjectMapper JSON = new ObjectMapper();

  private PromptTokens() {}

  /**
   * Tokens of a text.
   *
   * @param text the text
   * @return about one token per four characters
   */
  public static int of(String text) {
    return (text.length() + 3) / 4;
  }

  /**
   * The compact JSON of a node, without its {@code cache_control} field: the text a prompt part
   * stands for.
   *
   * @param node a JSON node
   * @return its text
   */
  public static String text(JsonNode node) {
    JsonNode copy = node.deepCopy();
    if (copy instanceof ObjectNode object) {
      object.remove("cache_control");
    }
    try {
      return JSON.writeValueAsString(copy);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
