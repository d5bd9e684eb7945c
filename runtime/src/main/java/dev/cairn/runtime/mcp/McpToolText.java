package dev.cairn.runtime.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cairn.runtime.engine.CanonicalJson;
import dev.cairn.runtime.engine.Json;

/**
 * What an MCP server says about one tool, the text a model would see: its name, description and
 * input schema, with the SHA-256 of their canonical JSON (RFC 8785).
 *
 * @param name the server's tool name
 * @param description the description
 * @param inputSchema the JSON schema of the arguments
 * @param hash SHA-256 (hex) of the canonical JSON of the three
 */
public record McpToolText(String name, String description, JsonNode inputSchema, String hash) {
  /**
   * The text of a tool, hashed.
   *
   * @param name tool name
   * @param description description (null reads as empty)
   * @param inputSchema argument schema
   * @return the hashed text
   */
  public static McpToolText of(String name, String description, JsonNode inputSchema) {
    String text = description == null ? "" : description;
    return new McpToolText(
        name, text, inputSchema, CanonicalJson.sha256(body(name, text, inputSchema)));
  }

  private static ObjectNode body(String name, String description, JsonNode inputSchema) {
    ObjectNode node = Json.object();
    node.put("name", name);
    node.put("description", description);
    node.set("inputSchema", inputSchema);
    return node;
  }

  /**
   * This tool as JSON, as stored in an approval.
   *
   * @return name, description, inputSchema and hash
   */
  public ObjectNode toJson() {
    ObjectNode node = body(name, description, inputSchema);
    node.put("hash", hash);
    return node;
  }

  /**
   * Reads a stored tool, recomputing its hash (a stored text whose hash no longer matches is
   * refused).
   *
   * @param node stored JSON
   * @return the tool text
   */
  public static McpToolText fromJson(JsonNode node) {
    McpToolText text =
        of(
            node.path("name").asText(),
            node.path("description").asText(""),
            node.path("inputSchema"));
    if (!text.hash().equals(node.path("hash").asText())) {
      throw new IllegalStateException("stored MCP tool '" + text.name() + "' fails its hash");
    }
    return text;
  }
}
