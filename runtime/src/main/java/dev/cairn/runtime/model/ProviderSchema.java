package dev.cairn.runtime.model;

import com.fasterxml.jackson.databind.JsonNode;
import dev.langchain4j.model.chat.request.json.JsonArraySchema;
import dev.langchain4j.model.chat.request.json.JsonBooleanSchema;
import dev.langchain4j.model.chat.request.json.JsonEnumSchema;
import dev.langchain4j.model.chat.request.json.JsonIntegerSchema;
import dev.langchain4j.model.chat.request.json.JsonNumberSchema;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.model.chat.request.json.JsonSchemaElement;
import dev.langchain4j.model.chat.request.json.JsonStringSchema;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Converts a result schema to LangChain4j's schema elements for a provider's strict structured
 * output: objects whose properties are all required and admit no others, arrays, strings (with
 * enums), numbers, integers and booleans. Constraints the provider need not know (lengths, ranges,
 * patterns, formats) are left out: the runtime validates every answer against the full schema
 * anyway. A construct that changes the shape (anyOf, $ref, optional properties, a type list...)
 * cannot be sent strictly, and the conversion gives nothing.
 */
final class ProviderSchema {
  /** Keywords that only narrow values; dropping them keeps the provider's schema a superset. */
  private static final Set<String> DROPPABLE =
      Set.of(
          "$schema",
          "title",
          "description",
          "examples",
          "default",
          "minLength",
          "maxLength",
          "pattern",
          "format",
          "minimum",
          "maximum",
          "exclusiveMinimum",
          "exclusiveMaximum",
          "multipleOf",
          "minItems",
          "maxItems",
          "uniqueItems");

  private ProviderSchema() {}

  /**
   * The strict provider form of a schema, if it has one.
   *
   * @param schema the result schema
   * @return the root element, or empty when the schema cannot be sent strictly
   */
  static Optional<JsonSchemaElement> strict(JsonNode schema) {
    return Optional.ofNullable(convert(schema));
  }

  private static JsonSchemaElement convert(JsonNode node) {
    if (!node.isObject() || !node.path("type").isTextual()) {
      return null;
    }
    String description =
        node.path("description").isTextual() ? node.get("description").asText() : null;
    return switch (node.get("type").asText()) {
      case "object" -> object(node, description);
      case "array" -> array(node, description);
      case "string" -> string(node, description);
      case "integer" ->
          only(node, Set.of())
              ? JsonIntegerSchema.builder().description(description).build()
              : null;
      case "number" ->
          only(node, Set.of()) ? JsonNumberSchema.builder().description(description).build() : null;
      case "boolean" ->
          only(node, Set.of())
              ? JsonBooleanSchema.builder().description(description).build()
              : null;
      default -> null;
    };
  }

  private static JsonSchemaElement object(JsonNode node, String description) {
    if (!only(node, Set.of("properties", "required", "additionalProperties"))) {
      return null;
    }
    JsonNode extra = node.path("additionalProperties");
    if (!extra.isMissingNode() && !(extra.isBoolean() && !extra.asBoolean())) {
      return null;
    }
    JsonObjectSchema.Builder builder = JsonObjectSchema.builder().description(description);
    List<String> names = new ArrayList<>();
    Iterator<Map.Entry<String, JsonNode>> properties =
        node.path("properties").properties().iterator();
    while (properties.hasNext()) {
      Map.Entry<String, JsonNode> property = properties.next();
      JsonSchemaElement element = convert(property.getValue());
      if (element == null) {
        return null;
      }
      builder.addProperty(property.getKey(), element);
      names.add(property.getKey());
    }
    List<String> required = new ArrayList<>();
    node.path("required").forEach(name -> required.add(name.asText()));
    // Strict output makes every property required; an optional one would change the schema.
    if (!required.containsAll(names) || !names.containsAll(required)) {
      return null;
    }
    return builder.required(names).additionalProperties(false).build();
  }

  private static JsonSchemaElement array(JsonNode node, String description) {
    if (!only(node, Set.of("items")) || !node.has("items")) {
      return null;
    }
    JsonSchemaElement items = convert(node.get("items"));
    return items == null
        ? null
        : JsonArraySchema.builder().description(description).items(items).build();
  }

  private static JsonSchemaElement string(JsonNode node, String description) {
    if (!only(node, Set.of("enum"))) {
      return null;
    }
    if (!node.has("enum")) {
      return JsonStringSchema.builder().description(description).build();
    }
    List<String> values = new ArrayList<>();
    for (JsonNode value : node.get("enum")) {
      if (!value.isTextual()) {
        return null;
      }
      values.add(value.asText());
    }
    return values.isEmpty()
        ? null
        : JsonEnumSchema.builder().description(description).enumValues(values).build();
  }

  /** Whether the node has no keyword but type, the droppable ones and {@code allowed}. */
  private static boolean only(JsonNode node, Set<String> allowed) {
    for (Map.Entry<String, JsonNode> field : node.properties()) {
      String name = field.getKey();
      if (!"type".equals(name) && !DROPPABLE.contains(name) && !allowed.contains(name)) {
        return false;
      }
    }
    return true;
  }
}
