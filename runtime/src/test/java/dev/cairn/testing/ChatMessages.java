package dev.cairn.testing;

import com.fasterxml.jackson.databind.JsonNode;

/** Reading OpenAI-shaped {@code messages} arrays (Mistral, Ollama). */
final class ChatMessages {
  private ChatMessages() {}

  static String firstUserText(JsonNode messages) {
    for (JsonNode message : messages) {
      if ("user".equals(message.path("role").asText())) {
        JsonNode content = message.path("content");
        if (content.isTextual()) {
          return content.asText();
        }
        for (JsonNode part : content) {
          if ("text".equals(part.path("type").asText())) {
            return part.path("text").asText();
          }
        }
      }
    }
    return null;
  }

  static int count(JsonNode messages, String role) {
    int n = 0;
    for (JsonNode message : messages) {
      if (role.equals(message.path("role").asText())) {
        n++;
      }
    }
    return n;
  }
}
