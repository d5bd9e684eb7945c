package dev.cairn.runtime.model;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cairn.tools.Tool;
import dev.cairn.tools.ToolCatalog;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.model.chat.request.json.JsonArraySchema;
import dev.langchain4j.model.chat.request.json.JsonBooleanSchema;
import dev.langchain4j.model.chat.request.json.JsonEnumSchema;
import dev.langchain4j.model.chat.request.json.JsonIntegerSchema;
import dev.langchain4j.model.chat.request.json.JsonNumberSchema;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.model.chat.request.json.JsonSchemaElement;
import dev.langchain4j.model.chat.request.json.JsonStringSchema;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Converts tool argument schemas (JSON schema) to LangChain4j tool specifications. */
public final class ToolSpecs {
  private ToolSpecs() {}

  /**
   * The specifications of an agent's allowed tools that exist here.
   *
   * @param allowed the agent's tool names
   * @param catalog available tools
   * @return the specifications
   */
  public static List<ToolSpecification> forAgent(List<String> allowed, ToolCatalog catalog) {
    List<ToolSpecification> specs = new ArrayList<>();
    for (String name : allowed) {
      Optional<Tool> tool = catalog.find(name);
      tool.ifPresent(
          t ->
              specs.add(
                  ToolSpecification.builder()
                      .name(t.name())
                      .description(t.description())
                      .parameters(objectSchema(t.argumentsSchema()))
                      .build()));
    }
    return specs;
  }

  static JsonObjectSchema objectSchema(JsonNode schema) {
    JsonObjectSchema.Builder builder = JsonObjectSchema.builder();
    if (schema.hasNonNull("description")) {
      builder.description(schema.get("description").asText());
    }
    for (Map.Entry<String, JsonNode> property : schema.path("properties").properties()) {
      builder.addProperty(property.getKey(), element(property.getValue()));
    }
    List<String> required = new ArrayList<>();
    schema.path("required").forEach(r -> required.add(r.asText()));
    builder.required(required);
    if (schema.path("additionalProperties").isBoolean()) {
      builder.additionalProperties(schema.get("additionalProperties").asBoolean());
    }
    return builder.build();
  }

  private static JsonSchemaElement element(JsonNode schema) {
    String description =
        schema.hasNonNull("description") ? schema.get("description").asText() : null;
    if (schema.path("enum").isArray()) {
      List<String> values = new ArrayList<>();
      schema.get("enum").forEach(v -> values.add(v.asText()));
      return JsonEnumSchema.builder().description(description).enumValues(values).build();
    }
    return switch (schema.path("type").asText("string")) {
      case "object" -> objectSchema(schema);
      case "array" ->
          JsonArraySchema.builder()
              .description(description)
              .items(
                  element(
                      schema.path("items").isMissingNode() ? stringSchema() : schema.get("items")))
              .build();
      case "integer" -> JsonIntegerSchema.builder().description(description).build();
      case "number" -> JsonNumberSchema.builder().description(description).build();
      case "boolean" -> JsonBooleanSchema.builder().description(description).build();
      default -> JsonStringSchema.builder().description(description).build();
    };
  }

  private static JsonNode stringSchema() {
    return dev.cairn.runtime.engine.Json.object().put("type", "string");
  }
}
