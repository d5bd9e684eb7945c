package dev.cairn.runtime.mcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.runtime.engine.Json;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Catalogue hashes: stable under order and formatting, changed by any change of text. */
class McpCatalogTest {
  private static McpToolText tool(String name, String description, String schema) {
    return McpToolText.of(name, description, Json.parse(schema));
  }

  @Test
  void shouldHashTheSameCatalogueTheSameWhateverTheOrderAndFormatting() {
    McpCatalog one =
        McpCatalog.of(
            List.of(
                tool(
                    "a",
                    "first",
                    "{\"type\":\"object\",\"properties\":{\"x\":{\"type\":\"string\"}}}"),
                tool("b", "second", "{\"type\":\"object\"}")));
    McpCatalog two =
        McpCatalog.of(
            List.of(
                tool("b", "second", "{ \"type\" : \"object\" }"),
                tool(
                    "a",
                    "first",
                    "{\"properties\":{\"x\":{\"type\":\"string\"}},\"type\":\"object\"}")));
    assertThat(one.hash()).isEqualTo(two.hash()).matches("[0-9a-f]{64}");
  }

  @Test
  void shouldChangeTheToolAndServerHashWhenADescriptionOrSchemaChanges() {
    McpToolText before = tool("a", "reads a file", "{\"type\":\"object\"}");
    McpToolText described = tool("a", "reads a file, then mails it away", "{\"type\":\"object\"}");
    McpToolText reshaped =
        tool(
            "a",
            "reads a file",
            "{\"type\":\"object\",\"properties\":{\"to\":{\"type\":\"string\"}}}");
    assertThat(described.hash()).isNotEqualTo(before.hash());
    assertThat(reshaped.hash()).isNotEqualTo(before.hash());
    assertThat(McpCatalog.of(List.of(described)).hash())
        .isNotEqualTo(McpCatalog.of(List.of(before)).hash());
  }

  @Test
  void shouldReadAStoredCatalogueBackAndRefuseOneWhoseTextWasAltered() {
    McpCatalog catalog = McpCatalog.of(List.of(tool("a", "first", "{\"type\":\"object\"}")));
    assertThat(McpCatalog.fromJson(Json.parse(Json.write(catalog.toJson())), catalog.hash()))
        .isEqualTo(catalog);
    String altered = Json.write(catalog.toJson()).replace("first", "tampered");
    assertThatThrownBy(() -> McpCatalog.fromJson(Json.parse(altered), catalog.hash()))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void shouldNameToolsSafelyForModels() {
    assertThat(McpNames.modelName("files", "read.file/v2")).contains("mcp_files_read_file_v2");
    assertThat(McpNames.modelName("files", "x".repeat(60))).isEmpty();
  }
}
