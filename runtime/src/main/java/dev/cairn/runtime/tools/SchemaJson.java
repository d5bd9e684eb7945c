package dev.cairn.runtime.tools;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cairn.runtime.engine.Json;
import dev.langchain4j.model.chat.request.json.JsonArraySchema;
import dev.langchain4j.model.chat.request.json.JsonBooleanSchema;
import dev.langchain4j.model.chat.request.json.JsonEnumSchema;
import dev.langchain4j.model.chat.request.json.JsonIntegerSchema;
import dev.langchain4j.model.chat.request.json.JsonNumberSchema;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.model.chat.request.json.JsonSchemaElement;
import dev.langchain4j.model.chat.request.json.JsonStringSchema;
import java.util.Map;

/**
 * Writes a LangChain4j parameter schema as the JSON schema Cairn's tools declare, limited to what
 * {@link dev.cairn.tools.ArgumentValidator} checks: objects, arrays, strings, enums, numbers and
 * booleans. Anything else (references, unions, recursive types) is refused at startup, so no tool
 * is offered with arguments the engine cannot validate.
 */
final class SchemaJson {
  private SchemaJson() {}

  /**
   * The JSON form of a tool's parameters.
   *
   * @param parameters the parameters, or null for a tool without any
   * @return an object schema
   * @throws IllegalArgumentException for a schema element outside the supported subset
   */
  static ObjectNode of(JsonObjectSchema parameters) {
    if (parameters == null) {
      ObjectNode empty = Json.object().put("type", "object");
      empty.putObject("properties");
      empty.put("additionalProperties", false);
      return empty;
    }
    ObjectNode schema = object(parameters);
    if (parameters.additionalProperties() == null) {
      schema.put("additionalProperties", false);
    }
    return schema;
  }

  private static ObjectNode object(JsonObjectSchema object) {
    ObjectNode node = typed("object", object.description());
    ObjectNode properties = node.putObject("properties");
    for (Map.Entry<String, JsonSchemaElement> property : object.properties().entrySet()) {
      properties.set(property.getKey(), element(property.getValue()));
    }
    if (object.required() != null && !object.required().isEmpty()) {
      ArrayNode required = node.putArray("required");
      object.required().forEach(required::add);
    }
    if (object.additionalProperties() != null) {
      node.put("additionalProperties", object.additionalProperties());
    }
    return node;
  }

  private static JsonNode element(JsonSchemaElement element) {
    return switch (element) {
      case JsonObjectSchema o -> object(o);
      case JsonArraySchema a -> {
        ObjectNode node = typed("array", a.description());
        node.set("items", element(a.items()));
        yield node;
      }
      case JsonEnumSchema e -> {
        ObjectNode node = typed("string", e.description());
        ArrayNode values = node.putArray("enum");
        e.enumValues().forEach(values::add);
        yield node;
      }
      case JsonStringSchema s -> typed("string", s.description());
      case JsonIntegerSchema i -> typed("integer", i.description());
      case JsonNumberSchema n -> typed("number", n.description());
      case JsonBooleanSchema b -> typed("boolean", b.description());
      default ->
          throw new IllegalArgumentException(
              "unsupported parameter schema "
                  + element.getClass().getSimpleName()
                  + "; use strings, numbers, booleans, enums, lists and simple records");
    };
  }

  private static ObjectNode typed(String type, String description) {
    ObjectNode node = Json.object().put("type", type);
    if (description != null) {
      node.put("description", description);
    }
    return node;
  }
}
