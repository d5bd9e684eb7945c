package dev.cairn.runtime.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.cairn.runtime.engine.CanonicalJson;
import dev.cairn.runtime.engine.Json;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A server's tool catalogue, in name order, with its hash: SHA-256 of the canonical JSON array of
 * the tools' texts. Two catalogues with the same tools in another order hash the same.
 *
 * @param tools the tools by server tool name
 * @param hash SHA-256 (hex) of the catalogue
 */
public record McpCatalog(Map<String, McpToolText> tools, String hash) {
  /**
   * A catalogue of the given tools.
   *
   * @param tools the tools (names unique)
   * @return the hashed catalogue
   */
  public static McpCatalog of(List<McpToolText> tools) {
    Map<String, McpToolText> byName = new TreeMap<>();
    for (McpToolText tool : tools) {
      if (byName.putIfAbsent(tool.name(), tool) != null) {
        throw new IllegalArgumentException("the server lists tool '" + tool.name() + "' twice");
      }
    }
    return new McpCatalog(
        Collections.unmodifiableMap(byName), CanonicalJson.sha256(array(byName.values())));
  }

  /**
   * This catalogue as a JSON array (the form stored in an approval).
   *
   * @return the array
   */
  public ArrayNode toJson() {
    return array(tools.values());
  }

  /**
   * Reads a stored catalogue; the stored hash must match the recomputed one.
   *
   * @param array stored tools
   * @param expectedHash stored catalogue hash
   * @return the catalogue
   */
  public static McpCatalog fromJson(JsonNode array, String expectedHash) {
    List<McpToolText> tools = new java.util.ArrayList<>();
    array.forEach(node -> tools.add(McpToolText.fromJson(node)));
    McpCatalog catalog = of(tools);
    if (!catalog.hash().equals(expectedHash)) {
      throw new IllegalStateException("stored MCP catalogue fails its hash");
    }
    return catalog;
  }

  private static ArrayNode array(Iterable<McpToolText> tools) {
    ArrayNode array = Json.MAPPER.createArrayNode();
    List<McpToolText> sorted = new java.util.ArrayList<>();
    tools.forEach(sorted::add);
    sorted.sort(Comparator.comparing(McpToolText::name));
    sorted.forEach(t -> array.add(t.toJson()));
    return array;
  }
}
